#!/bin/sh
# Upload throughput of the artifact stores (local directory, S3-compatible server on loopback) against a plain
# copy on the same disk. Usage: bench/upload.sh [RUNS] [MEGABYTES]   (defaults: 10 runs of 50 MB)
set -eu
cd "$(dirname "$0")/.."
./mvnw -B -q -o -pl build-agent -am test-compile -DskipTests 2>/dev/null || ./mvnw -B -q -pl build-agent -am test-compile
cp=build-agent/target/bench.classpath
./mvnw -B -q -o -pl build-agent dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
    -Dmdep.includeScope=test > /dev/null
exec java -cp "build-agent/target/test-classes:build-agent/target/classes:$(cat "$cp")" \
    dev.kiln.agent.bench.UploadBench "${1:-10}" "${2:-50}"
