#!/bin/bash
# Starts the unpacked jar the Dockerfile's way on a fresh database of the standalone PostgreSQL, K times per variant,
# interleaved, and prints the seconds until /actuator/health first answers UP, the JVM's CPU seconds then, and its uptime
# when it logged "Started".
# usage: docs/startup.sh target/bench/shipped K "name|extra flags" ...  (after a benchmark run with bench.shipped,
# which unpacks the jar and trains its archive there). JAVA_TOOL_OPTIONS holds the flags the Dockerfile had before
# issue 20's third round; a variant's flags come after them on the command line and win.
#    or: docs/startup.sh target/account-transfer-0.1.0-SNAPSHOT.jar K "plain|-Xmx256m"  (a jar: plain java -jar, with
# only the variant's flags, no archive and no JAVA_TOOL_OPTIONS)
dir=$1; k=$2; shift 2
# the archive names its class path relative to where the benchmark trained it
cd "$(dirname "$0")/.."
if [ -f "$dir" ]; then
  jar=$dir; shipped=(); archive=
else
  jar=$(ls $dir/*.jar | head -1); archive=-XX:SharedArchiveFile=$dir/app.jsa
  shipped=("JAVA_TOOL_OPTIONS=-Xmx256m -XX:+UseSerialGC" MALLOC_ARENA_MAX=2)
fi
for i in $(seq 1 $k); do
  for variant in "$@"; do
    name=${variant%%|*}; flags=${variant#*|}
    db=startup_$$_$i
    psql -q -h 127.0.0.1 -U postgres -c "create database $db" postgres
    port=$((20000 + RANDOM % 10000))
    start=$(date +%s.%N)
    env "${shipped[@]}" \
    SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$db SPRING_DATASOURCE_USERNAME=postgres \
    SPRING_MAIL_HOST=127.0.0.1 SPRING_MAIL_PORT=2525 SERVER_PORT=$port \
    CAMUNDA_ADMIN_USER=startup CAMUNDA_ADMIN_PASSWORD=startup-only \
    BILLING_SELLER_NAME=startup BILLING_SELLER_ADDRESS=startup BILLING_SELLER_SIREN=123456782 \
    BILLING_SELLER_VATNUMBER=FR11123456782 \
      java $archive $flags -jar $jar > /tmp/startup-$name-$i.log 2>&1 &
    pid=$!
    until curl -fsS -m 1 http://127.0.0.1:$port/actuator/health 2>/dev/null | grep -q UP; do
      sleep 0.1
      kill -0 $pid 2>/dev/null || { echo "$name $i: died"; break; }
    done
    end=$(date +%s.%N)
    cpu=$(awk '{printf "%.1f", ($14+$15)/100}' /proc/$pid/stat)
    printf '%s %d: ready %.1f s, CPU %s s, load %s\n' "$name" $i $(echo "$end - $start" | bc) $cpu "$(cut -d' ' -f1 /proc/loadavg)"
    for t in 1 2 3 4 5 6 7 8 9 10; do grep -q 'process running for' /tmp/startup-$name-$i.log && break; sleep 0.5; done
    echo "    $(grep -o 'process running for [0-9.]*' /tmp/startup-$name-$i.log)"
    kill $pid; wait $pid 2>/dev/null
    psql -q -h 127.0.0.1 -U postgres -c "drop database $db" postgres
  done
done
