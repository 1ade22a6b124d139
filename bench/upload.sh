#!/bin/sh
# Upload throughput of the artifact stores (local directory, S3-compatible server on loopback) against a plain
# copy on the same disk. Usage: bench/upload.sh [RUNS] [MEGABYTES]   (defaults: 10 runs of 50 MB)
set -eu
cd "$(dirname "$0")/.."
./mvnw -B -q -o -pl kit -am test-compile -DskipTests 2>/dev/null || ./mvnw -B -q -pl kit -am test-compile
cp=kit/target/bench.classpath
./mvnw -B -q -o -pl kit dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
    -Dmdep.includeScope=test > /dev/null
exec java -cp "kit/target/test-classes:kit/target/classes:$(cat "$cp")" \
    dev.kiln.kit.bench.UploadBench "${1:-10}" "${2:-50}"
