#!/usr/bin/env bash
# End-to-end load: a fresh Kafka broker process, the three packaged services as processes, SSH brute-force findings
# into findings.raw; prints latency per stage, throughput, the broker's own ceiling, start-up times and memory.
# Usage: bench/load.sh [--rate 1000 --duration 60s | --max [--events 30000]] [--help for every option]
# Every process it starts is stopped when it ends, fails or is interrupted (Ctrl-C).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/load-common.sh"
build_bench
run_bench_main dev.findingsresponder.bench.load.LoadMain "$@"
