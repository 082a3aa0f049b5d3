#!/usr/bin/env bash
# Runs the JMH benchmarks from the repository root and prints their scores.
# Usage: bench/run.sh [JMH arguments]     e.g. bench/run.sh NormalizeBenchmark -f 1 -wi 3 -i 5
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
pick_java
cd "$ROOT"
./mvnw -q -B install -DskipTests -pl bench -am
./mvnw -q -B dependency:build-classpath -pl bench -Dmdep.outputFile="$ROOT/bench/target/classpath.txt" -Dmdep.includeScope=runtime >/dev/null
java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.openjdk.jmh.Main "${@:-NormalizeBenchmark}"
