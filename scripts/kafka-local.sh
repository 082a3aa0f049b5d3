#!/usr/bin/env bash
# A real single-node Apache Kafka (KRaft, broker+controller) for local runs, without Docker.
# Usage: scripts/kafka-local.sh start|stop|status|provision   (provision: only fetch the broker's jars)
# The broker's jars come from Maven Central (scripts/kafka-runtime/pom.xml) into .local/kafka/lib;
# data, logs and the pid file live under .local/kafka. `start` is idempotent.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PORT=${KAFKA_LOCAL_PORT:-9092}
CONTROLLER_PORT=${KAFKA_LOCAL_CONTROLLER_PORT:-9093}
HOME_DIR="$LOCAL/kafka"
LIB="$HOME_DIR/lib"
PID_FILE="$HOME_DIR/kafka.pid"
CONFIG="$HOME_DIR/server.properties"
BOOTSTRAP="127.0.0.1:$PORT"

provision() {
  local stamp="$LIB/.provisioned-from" want
  want=$(sha256sum "$ROOT/scripts/kafka-runtime/pom.xml" | cut -c1-16)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  echo "kafka-local: resolving the Kafka broker from Maven Central into $LIB"
  rm -rf "$LIB"
  "$ROOT/mvnw" -q -B -f "$ROOT/scripts/kafka-runtime/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$LIB" -DincludeScope=runtime
  echo "$want" > "$stamp"
}

write_config() {
  mkdir -p "$HOME_DIR/data" "$HOME_DIR/logs"
  cat > "$CONFIG" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$HOME_DIR/data
num.partitions=3
# only the topics of topics.conf, with their settings: an auto-created response.state would not be compacted
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
group.initial.rebalance.delay.ms=0
log.retention.hours=168
PROPS
  cat > "$HOME_DIR/log4j2.properties" <<PROPS
status = warn
appender.file.type = File
appender.file.name = file
appender.file.fileName = $HOME_DIR/logs/server.log
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = file
PROPS
  cat > "$HOME_DIR/log4j2-tools.properties" <<PROPS
status = warn
appender.err.type = Console
appender.err.name = err
appender.err.target = SYSTEM_ERR
appender.err.layout.type = PatternLayout
appender.err.layout.pattern = %p %m%n
rootLogger.level = WARN
rootLogger.appenderRef.err.ref = err
PROPS
}

kafka_java() {
  java -Dlog4j2.configurationFile="$HOME_DIR/log4j2-tools.properties" -cp "$LIB/*" "$@"
}

format_storage() {
  [ -f "$HOME_DIR/data/meta.properties" ] && return 0
  local cluster_id
  cluster_id=$(kafka_java kafka.tools.StorageTool random-uuid | tail -n 1)
  kafka_java kafka.tools.StorageTool format -t "$cluster_id" -c "$CONFIG" >/dev/null
}

create_topics() {
  java -Dlog4j2.configurationFile="$HOME_DIR/log4j2-tools.properties" -cp "$LIB/*" \
    "$ROOT/scripts/CreateTopics.java" "$BOOTSTRAP" "$ROOT/scripts/topics.conf" >/dev/null
}

start() {
  pick_java
  if pid_alive "$PID_FILE"; then
    echo "kafka-local: already running (pid $(cat "$PID_FILE")) on $BOOTSTRAP"
    create_topics
    return 0
  fi
  if wait_for_port "$PORT" 0; then
    echo "kafka-local: port $PORT is taken by another process; not starting a second broker" >&2
    return 1
  fi
  provision
  write_config
  format_storage
  nohup java -Xms256m -Xmx512m -Dlog4j2.configurationFile="$HOME_DIR/log4j2.properties" \
    -cp "$LIB/*" kafka.Kafka "$CONFIG" > "$HOME_DIR/logs/stdout.log" 2>&1 &
  echo $! > "$PID_FILE"
  if ! wait_for_port "$PORT" 60; then
    echo "kafka-local: broker did not open $BOOTSTRAP within 60 s; see $HOME_DIR/logs" >&2
    stop_pid "$PID_FILE"
    return 1
  fi
  create_topics
  echo "kafka-local: running (pid $(cat "$PID_FILE")) on $BOOTSTRAP; topics from scripts/topics.conf created"
}

stop() {
  if pid_alive "$PID_FILE"; then
    stop_pid "$PID_FILE" 30
    echo "kafka-local: stopped"
  else
    rm -f "$PID_FILE"
    echo "kafka-local: not running"
  fi
}

status() {
  if pid_alive "$PID_FILE" && wait_for_port "$PORT" 0; then
    echo "kafka-local: running (pid $(cat "$PID_FILE")) on $BOOTSTRAP"
  else
    echo "kafka-local: not running"
    return 3
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  provision) pick_java; provision ;;
  *) echo "usage: $0 start|stop|status|provision" >&2; exit 2 ;;
esac
