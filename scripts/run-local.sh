#!/usr/bin/env bash
# The whole pipeline on this machine, without Docker: a real Kafka broker, moto (when Python 3.10+
# is there) and the three services, each checked for readiness. Ctrl-C stops what this script started.
# Usage: scripts/run-local.sh            (build, start, print URLs, wait for Ctrl-C)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
pick_java

RUN_DIR="$LOCAL/run"
mkdir -p "$RUN_DIR" "$LOCAL/logs"
SERVICES=(ingest-service:8081 triage-service:8082 response-service:8083)
# the API key POST /events expects locally (in production it comes from a Secret)
INGEST_KEY=${INGEST_HTTP_API_KEY:-local-dev-key}
started_kafka=false
started_moto=false

cleanup() {
  trap - INT TERM EXIT
  echo
  echo "run-local: stopping"
  local entry
  for entry in "${SERVICES[@]}"; do
    stop_pid "$RUN_DIR/${entry%%:*}.pid" 20
  done
  $started_moto && "$ROOT/scripts/moto-local.sh" stop || true
  $started_kafka && "$ROOT/scripts/kafka-local.sh" stop || true
  echo "run-local: stopped everything it started"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "run-local: building the services (./mvnw package -DskipTests)"
"$ROOT/mvnw" -q -B package -DskipTests -Dquarkus.package.jar.type=fast-jar

if ! "$ROOT/scripts/kafka-local.sh" status >/dev/null 2>&1; then
  "$ROOT/scripts/kafka-local.sh" start
  started_kafka=true
else
  "$ROOT/scripts/kafka-local.sh" start
fi

aws_env=()
if "$ROOT/scripts/moto-local.sh" status >/dev/null 2>&1; then
  aws_env=(AWS_ENDPOINT_OVERRIDE=http://127.0.0.1:${MOTO_PORT:-5000} AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing)
elif "$ROOT/scripts/moto-local.sh" start; then
  started_moto=true
  aws_env=(AWS_ENDPOINT_OVERRIDE=http://127.0.0.1:${MOTO_PORT:-5000} AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing)
else
  echo "run-local: moto could not start (Python 3.10+ missing?): the services run without an AWS emulator"
fi

for entry in "${SERVICES[@]}"; do
  name=${entry%%:*}
  port=${entry##*:}
  stop_pid "$RUN_DIR/$name.pid" 10
  env QUARKUS_HTTP_PORT="$port" INGEST_HTTP_API_KEY="$INGEST_KEY" TRIAGE_POLICY_FILE="${TRIAGE_POLICY_FILE:-$ROOT/policies/example-policy.yaml}" KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:${KAFKA_LOCAL_PORT:-9092}" AWS_REGION=us-east-1 "${aws_env[@]}" \
    nohup java -Xmx384m -jar "$ROOT/$name/target/quarkus-app/quarkus-run.jar" > "$LOCAL/logs/$name.log" 2>&1 &
  echo $! > "$RUN_DIR/$name.pid"
done

for entry in "${SERVICES[@]}"; do
  name=${entry%%:*}
  port=${entry##*:}
  ready=false
  for ((i = 0; i < 120; i++)); do
    if curl -fsS --max-time 2 "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1; then ready=true; break; fi
    pid_alive "$RUN_DIR/$name.pid" || break
    sleep 0.5
  done
  if ! $ready; then
    echo "run-local: $name did not become ready; last lines of $LOCAL/logs/$name.log:" >&2
    tail -n 30 "$LOCAL/logs/$name.log" >&2
    exit 1
  fi
done

cat <<TXT

run-local: everything is up.
  Kafka bootstrap   127.0.0.1:${KAFKA_LOCAL_PORT:-9092}
  moto (AWS)        $([ ${#aws_env[@]} -gt 0 ] && echo "http://127.0.0.1:${MOTO_PORT:-5000}" || echo "not running")
TXT
for entry in "${SERVICES[@]}"; do
  name=${entry%%:*}
  port=${entry##*:}
  printf '  %-17s http://127.0.0.1:%s   health: /q/health/ready   metrics: /q/metrics   log: .local/logs/%s.log\n' "$name" "$port" "$name"
done
cat <<TXT

Try it:
  curl -s -H 'x-api-key: $INGEST_KEY' -H 'content-type: application/json' \\
       --data @test-support/src/main/resources/fixtures/guardduty/eb_unauthorizedaccess-ec2-sshbruteforce.json \\
       http://127.0.0.1:8081/events
  curl -s --data @test-support/src/main/resources/fixtures/guardduty/eb_recon-ec2-portprobeunprotectedport.json \\
       http://127.0.0.1:8082/explain
  java -jar ingest-service/target/quarkus-app/quarkus-run.jar normalize <event.json>

Press Ctrl-C to stop.
TXT
while true; do
  for entry in "${SERVICES[@]}"; do
    name=${entry%%:*}
    if ! pid_alive "$RUN_DIR/$name.pid"; then
      echo "run-local: $name exited; see $LOCAL/logs/$name.log" >&2
      exit 1
    fi
  done
  sleep 2
done
