#!/usr/bin/env bash
# The moto AWS emulator (moto[server] 5.2.5) on 127.0.0.1:5000 for local runs and tests.
# Usage: scripts/moto-local.sh start|stop|status|reset
# The Python venv, logs and pid file live under .local/moto. `start` is idempotent.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PORT=${MOTO_PORT:-5000}
MOTO_VERSION=5.2.5
HOME_DIR="$LOCAL/moto"
VENV="$HOME_DIR/venv"
PID_FILE="$HOME_DIR/moto.pid"
URL="http://127.0.0.1:$PORT"

pick_python() {
  local candidate
  for candidate in ${PYTHON:-} python3 python3.13 python3.12 python3.11 python3.10; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  echo "moto-local: Python 3.10 or newer is needed for moto" >&2
  return 1
}

provision() {
  local stamp="$VENV/.moto-$MOTO_VERSION"
  [ -f "$stamp" ] && return 0
  local python
  python=$(pick_python)
  echo "moto-local: installing moto[server]==$MOTO_VERSION into $VENV"
  mkdir -p "$HOME_DIR"
  "$python" -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check "moto[server]==$MOTO_VERSION"
  touch "$stamp"
}

answers() {
  curl -fsS -o /dev/null --max-time 2 "$URL/moto-api/" 2>/dev/null
}

start() {
  if pid_alive "$PID_FILE" && answers; then
    echo "moto-local: already running (pid $(cat "$PID_FILE")) on $URL"
    return 0
  fi
  if answers; then
    echo "moto-local: something already answers on $URL; using it"
    return 0
  fi
  provision
  mkdir -p "$HOME_DIR/logs"
  nohup "$VENV/bin/moto_server" -H 127.0.0.1 -p "$PORT" > "$HOME_DIR/logs/moto.log" 2>&1 &
  echo $! > "$PID_FILE"
  local i
  for ((i = 0; i < 120; i++)); do
    answers && break
    pid_alive "$PID_FILE" || break
    sleep 0.5
  done
  if ! answers; then
    echo "moto-local: moto did not answer on $URL; see $HOME_DIR/logs/moto.log" >&2
    stop_pid "$PID_FILE"
    return 1
  fi
  echo "moto-local: running (pid $(cat "$PID_FILE")) on $URL"
}

stop() {
  if pid_alive "$PID_FILE"; then
    stop_pid "$PID_FILE" 10
    echo "moto-local: stopped"
  else
    rm -f "$PID_FILE"
    echo "moto-local: not running"
  fi
}

status() {
  if answers; then
    echo "moto-local: running on $URL"
  else
    echo "moto-local: not running"
    return 3
  fi
}

reset() {
  curl -fsS -X POST "$URL/moto-api/reset" >/dev/null
  echo "moto-local: state reset"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  reset) reset ;;
  *) echo "usage: $0 start|stop|status|reset" >&2; exit 2 ;;
esac
