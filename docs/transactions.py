#!/usr/bin/env python3
"""Counts a benchmark run's transactions by kind, from PostgreSQL's statement log (docs/performance.md, "Where the
last transactions went"). The server must log with log_statement = 'all' and log_line_prefix = '%m [%p] %v %x %u@%d ';
each transaction is the set of lines of one virtual transaction id (%v).

usage: transactions.py LOG DATABASE LIFECYCLES [FROM-LINE TO-LINE]"""
import collections
import re
import sys

LINE = re.compile(r'^\S+ \S+ \S+ \[(\d+)\] (\S+) \S+ \S+@(\S+) LOG:  (?:statement|execute [^:]*): ?(.*)$')


def kind(statements):
    text = ' '.join(statements).lower()
    work = [s for s in statements if s.strip().lower() not in ('', 'begin', 'commit', 'rollback')]
    if not work:
        return "Hikari's liveness check (an empty statement)" if any(not s.strip() for s in statements) else 'empty'
    if 'api_token' in text:
        return 'sign-in: the API token'
    if re.search(r'\binsert into transfer\b', text):
        return 'API request: create'
    if re.search(r'\bdelete from act_ru_task\b', text):
        return 'API request: accept (completes the decision task)'
    if 'act_hi_job_log' in text:
        return 'process step (a job)'
    if re.search(r'\bact_ru_job\b', text) and not re.search(r'\b(act_ru_execution|act_hi_\w+|transfer)\b', text):
        return 'job acquisition'
    return 'other: ' + ','.join(dict.fromkeys(re.findall(r'\b(?:from|into|update)\s+([a-z_]+)', text)))[:80]


def main():
    log, database, lifecycles = sys.argv[1], sys.argv[2], float(sys.argv[3])
    first, last = (int(sys.argv[4]), int(sys.argv[5])) if len(sys.argv) > 5 else (0, float('inf'))
    transactions = collections.OrderedDict()
    with open(log, errors='replace') as lines:
        statements = None
        for number, line in enumerate(lines, 1):
            if number < first or number > last:
                continue
            if line.startswith('\t'):
                # PostgreSQL logs a statement of several lines with a tab before each line after the first
                if statements:
                    statements[-1] += ' ' + line.strip()
                continue
            statements = None
            match = LINE.match(line.rstrip('\n'))
            if match and match.group(3) == database:
                pid, vxid, _, statement = match.groups()
                statements = transactions.setdefault((pid, vxid), [])
                statements.append(statement)
    counts = collections.Counter(kind(statements) for statements in transactions.values())
    counts.pop('empty', None)
    total = sum(counts.values())
    print(f'| {total / lifecycles:.2f} | all {total} transactions of {lifecycles:g} lifecycles |')
    for name, count in counts.most_common(20):
        print(f'| {count / lifecycles:.2f} | {name} |')


if __name__ == '__main__':
    main()
