#!/usr/bin/env bash
# Runs every module's tests against real parts: an in-process Kafka broker (or KAFKA_BOOTSTRAP_SERVERS)
# and moto, which is started here (and stopped afterwards) when it is not already running.
# Usage: scripts/test.sh [extra Maven arguments]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
pick_java
echo "test: JDK $JAVA_HOME"

started_moto=false
if ! "$ROOT/scripts/moto-local.sh" status >/dev/null 2>&1; then
  "$ROOT/scripts/moto-local.sh" start
  started_moto=true
fi
cleanup() { $started_moto && "$ROOT/scripts/moto-local.sh" stop >/dev/null || true; }
trap cleanup EXIT

cd "$ROOT"
./mvnw -B verify "$@"
