# Shared by bench/load.sh and bench/storm.sh; source it, don't run it.
# Builds the services and the bench module (SKIP_BUILD=1 skips it), fetches the Kafka broker's jars, and runs a main
# class of the bench module with plain java. LOAD_JAVA_OPTS replaces the generator JVM's options (default -Xmx2g).
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

build_bench() {
  pick_java
  cd "$ROOT"
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    echo "building the services and the bench module (SKIP_BUILD=1 skips this)..."
    ./mvnw -q -B install -DskipTests -pl ingest-service,triage-service,response-service,bench -am
  fi
  ./mvnw -q -B dependency:build-classpath -pl bench -Dmdep.outputFile="$ROOT/bench/target/classpath.txt" \
    -Dmdep.includeScope=runtime >/dev/null
  "$ROOT/scripts/kafka-local.sh" provision
}

run_bench_main() {
  local main=$1
  shift
  # shellcheck disable=SC2086
  java ${LOAD_JAVA_OPTS:--Xmx2g} -Dlog4j2.level=WARN -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "bench/target/classes:$(cat bench/target/classpath.txt)" "$main" "$@"
}
