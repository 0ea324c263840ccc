#!/usr/bin/env python3
"""Sums a JFR profile by where the CPU went (docs/performance.md, "What the CPU pays for now").

Input: `jfr print --events jdk.ExecutionSample --stack-depth 80 FILE`. Prints each sample's thread pool, the library
of its innermost frame outside the JDK ("self"), and the outermost frame of ours (the step or request it served).

usage: profile.py SAMPLES.txt"""
import collections
import re
import sys

LIBRARIES = [('Camunda', 'org.camunda'), ('MyBatis (Camunda\'s SQL mapping)', 'org.apache.ibatis'),
             ('Hibernate', 'org.hibernate'), ('PostgreSQL driver', 'org.postgresql'), ('Hikari', 'com.zaxxer'),
             ('Spring Security', 'org.springframework.security'), ('Spring transactions', 'org.springframework.transaction'),
             ('Spring Data', 'org.springframework.data'), ('Spring MVC', 'org.springframework.web'),
             ('Spring (core, AOP, context)', 'org.springframework'), ('Tomcat', 'org.apache.catalina'),
             ('Tomcat', 'org.apache.tomcat'), ('Tomcat', 'org.apache.coyote'), ('Thymeleaf', 'org.thymeleaf'),
             ('Jakarta Mail', 'org.eclipse.angus'), ('Jakarta Mail', 'jakarta.mail'), ('Jackson', 'com.fasterxml'),
             ('ours', 'net.hosting'), ('Micrometer', 'io.micrometer'), ('logging', 'ch.qos'), ('logging', 'org.jboss.logging')]
JDK = ('java.', 'jdk.', 'sun.', 'javax.', 'jakarta.')


def library(frame):
    for name, prefix in LIBRARIES:
        if frame.startswith(prefix):
            return name
    return None


def main():
    samples = []
    for line in open(sys.argv[1]):
        line = line.rstrip()
        if line.startswith('jdk.ExecutionSample'):
            samples.append({'thread': '', 'frames': []})
        elif 'sampledThread' in line and samples:
            samples[-1]['thread'] = re.sub(r'\d+', '#', line.split('"')[1])
        elif line.startswith('    ') and '(' in line and samples:
            samples[-1]['frames'].append(re.sub(r'\(.*', '', line.strip()))
    n = len(samples)

    def show(title, counter, limit):
        print(f'\n| {title} | share of {n} samples |\n|---|---|')
        for name, count in counter.most_common(limit):
            print(f'| {name} | {100 * count / n:.1f}% |')

    show('thread', collections.Counter(s['thread'] for s in samples), 5)
    self_library = collections.Counter()
    for s in samples:
        libraries = [library(f) for f in s['frames'] if not f.startswith(JDK)]
        self_library[next((l for l in libraries if l), 'the JDK alone')] += 1
    show('innermost library (self)', self_library, 20)
    served = collections.Counter()
    for s in samples:
        ours = [f for f in s['frames'] if f.startswith('net.hosting') and '$$' not in f and '$Proxy' not in f]
        served[ours[-1].replace('net.hosting.accounttransfer.', '') if ours else 'no frame of ours, ' + s['thread']] += 1
    show('outermost frame of ours', served, 15)
    show('top frame', collections.Counter(s['frames'][0] if s['frames'] else '?' for s in samples), 5)


if __name__ == '__main__':
    main()
