# Shared helpers for the scripts in this folder; source it, don't run it.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL="$ROOT/.local"

# Pick a JDK 21 or newer: JAVA_HOME if it qualifies, else the newest under /usr/lib/jvm, else java on PATH.
pick_java() {
  local candidate version
  for candidate in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV) "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null)" 2>/dev/null)" 2>/dev/null)" 2>/dev/null)"; do
    candidate="${candidate%/}"
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    version=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/{print $2}')
    if [ "${version%%.*}" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "error: no JDK 21 or newer found (set JAVA_HOME or install one under /usr/lib/jvm)" >&2
  return 1
}

# Wait until a TCP port on 127.0.0.1 accepts connections, or give up after $2 seconds.
wait_for_port() {
  local port=$1 timeout=${2:-60} waited=0
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    sleep 0.5
    waited=$((waited + 1))
    [ "$waited" -ge $((timeout * 2)) ] && return 1
  done
  return 0
}

# True when the process in pid file $1 is alive and is one of ours: its command line names this checkout (every
# process the scripts start runs from it). After a reboot or a pid wrap-around the pid may belong to anything else,
# which must be neither trusted as running nor killed.
pid_alive() {
  local pid
  [ -f "$1" ] || return 1
  pid=$(cat "$1")
  kill -0 "$pid" 2>/dev/null && ps -o command= -p "$pid" 2>/dev/null | grep -qF "$ROOT"
}

# Stop the process in pid file $1 (TERM, then KILL after $2 seconds) and remove the file.
stop_pid() {
  local file=$1 grace=${2:-15} pid i
  if pid_alive "$file"; then
    pid=$(cat "$file")
    kill "$pid" 2>/dev/null
    for ((i = 0; i < grace * 2; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  fi
  rm -f "$file"
}
