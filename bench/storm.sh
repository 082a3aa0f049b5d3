#!/usr/bin/env bash
# The storm: 10,000 SSH brute-force findings from 2,000 addresses within 60 s through the whole pipeline in enforce
# mode against moto (NACL deny + WAF block); prints AWS calls by operation, time to enforcement, memory.
# Usage: bench/storm.sh [--findings 10000 --addresses 2000 --duration 60s] [--help for every option]
# moto: MOTO_ENDPOINT when it answers (its state is reset), else one started on MOTO_PORT (default 5000) and
# stopped at the end. Every process it starts is stopped when it ends, fails or is interrupted (Ctrl-C).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/load-common.sh"
build_bench
export MOTO_ENDPOINT=${MOTO_ENDPOINT:-http://127.0.0.1:${MOTO_PORT:-5000}}
if ! curl -fsS -o /dev/null --max-time 2 "$MOTO_ENDPOINT/moto-api/"; then
  port=${MOTO_ENDPOINT##*:}
  MOTO_PORT=$port "$ROOT/scripts/moto-local.sh" start
  trap 'MOTO_PORT=$port "$ROOT/scripts/moto-local.sh" stop' EXIT
fi
run_bench_main dev.findingsresponder.bench.load.StormMain "$@"
