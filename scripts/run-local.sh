#!/usr/bin/env bash
# The whole pipeline on this machine, without Docker: a real Kafka broker, moto (when Python 3.10+
# is there) with a demo AWS estate, and the three services, each checked for readiness; then the demo
# scenario (a mixed set of findings, and a report of what happened to each). Ctrl-C stops what this
# script started.
# Usage: scripts/run-local.sh            (build, start, run the demo, print URLs, wait for Ctrl-C)
#        DEMO=0 scripts/run-local.sh     (the same without sending the demo findings)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
pick_java

RUN_DIR="$LOCAL/run"
mkdir -p "$RUN_DIR" "$LOCAL/logs"
SERVICES=(ingest-service:8081 triage-service:8082 response-service:8083)
# the API key POST /events expects locally (in production it comes from a Secret)
INGEST_KEY=${INGEST_HTTP_API_KEY:-local-dev-key}
# operator API keys of response-service locally (in production from a Secret)
OPERATOR_KEY=${LOCAL_OPERATOR_KEY:-local-operator-key-0001}
VIEWER_KEY=${LOCAL_VIEWER_KEY:-local-viewer-key-00001}
DEMO_POLICY="$LOCAL/demo/policy.yaml"
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
"$ROOT/mvnw" -q -B package -DskipTests -Dquarkus.package.jar.type=fast-jar -pl ingest-service,triage-service,response-service,e2e -am

# the flags are set before start: a start interrupted half-way (Ctrl-C, a failed topic creation) still gets stopped
if ! "$ROOT/scripts/kafka-local.sh" status >/dev/null 2>&1; then
  started_kafka=true
  "$ROOT/scripts/kafka-local.sh" start
else
  "$ROOT/scripts/kafka-local.sh" start
fi

aws_env=()
if "$ROOT/scripts/moto-local.sh" status >/dev/null 2>&1; then
  aws_env=(AWS_ENDPOINT_OVERRIDE=http://127.0.0.1:${MOTO_PORT:-5000} AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing)
elif started_moto=true && "$ROOT/scripts/moto-local.sh" start; then
  aws_env=(AWS_ENDPOINT_OVERRIDE=http://127.0.0.1:${MOTO_PORT:-5000} AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing)
else
  echo "run-local: moto could not start (Python 3.10+ missing?): the services run without an AWS emulator"
fi

# The demo policy: the example policy with the demo account (moto's) instead of the placeholder one. With
# moto every playbook enforces, so the report shows real effects in the emulated AWS; without an AWS to act
# on, every playbook observes (records what it would have done).
mkdir -p "$(dirname "$DEMO_POLICY")"
if [ ${#aws_env[@]} -gt 0 ]; then demo_mode=enforce; else demo_mode=observe; fi
sed -e 's/111122223333/123456789012/g' -e "s/^\(    mode: \)\(observe\|approve\|enforce\)/\1$demo_mode/" \
  "$ROOT/policies/example-policy.yaml" > "$DEMO_POLICY"
echo "run-local: policy $DEMO_POLICY (policies/example-policy.yaml with every playbook in $demo_mode mode)"

for entry in "${SERVICES[@]}"; do
  name=${entry%%:*}
  port=${entry##*:}
  stop_pid "$RUN_DIR/$name.pid" 10
  env QUARKUS_HTTP_PORT="$port" INGEST_HTTP_API_KEY="$INGEST_KEY" TRIAGE_POLICY_FILE="${TRIAGE_POLICY_FILE:-$DEMO_POLICY}" \
    RESPONSE_API_OPERATOR_KEYS="local-operator:$OPERATOR_KEY" RESPONSE_API_VIEWER_KEYS="local-viewer:$VIEWER_KEY" \
    INGEST_API_OPERATOR_KEYS="local-operator:$OPERATOR_KEY" INGEST_API_VIEWER_KEYS="local-viewer:$VIEWER_KEY" \
    TRIAGE_API_OPERATOR_KEYS="local-operator:$OPERATOR_KEY" TRIAGE_API_VIEWER_KEYS="local-viewer:$VIEWER_KEY" \
    KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:${KAFKA_LOCAL_PORT:-9092}" AWS_REGION=us-east-1 "${aws_env[@]}" \
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

if [ "${DEMO:-1}" != 0 ]; then
  demo_args=(--bootstrap "127.0.0.1:${KAFKA_LOCAL_PORT:-9092}" --ingest http://127.0.0.1:8081 --ingest-key "$INGEST_KEY")
  [ ${#aws_env[@]} -gt 0 ] && demo_args+=(--aws-endpoint "http://127.0.0.1:${MOTO_PORT:-5000}")
  echo "run-local: running the demo scenario"
  java -cp "$ROOT/e2e/target/classes:$(cat "$ROOT/e2e/target/classpath.txt")" dev.findingsresponder.e2e.DemoMain \
    "${demo_args[@]}" || echo "run-local: the demo scenario failed (the services stay up)" >&2
  if [ ${#aws_env[@]} -eq 0 ]; then
    echo "run-local: without Python 3.10+ there is no AWS emulator: every playbook ran in observe mode"
  fi
fi

cat <<TXT

run-local: everything is up.
  Kafka bootstrap   127.0.0.1:${KAFKA_LOCAL_PORT:-9092}
  moto (AWS)        $([ ${#aws_env[@]} -gt 0 ] && echo "http://127.0.0.1:${MOTO_PORT:-5000}" || echo "not running: playbooks observe only")
TXT
for entry in "${SERVICES[@]}"; do
  name=${entry%%:*}
  port=${entry##*:}
  printf '  %-17s http://127.0.0.1:%s   health: /q/health/ready   metrics: /q/metrics   log: .local/logs/%s.log\n' "$name" "$port" "$name"
done
cat <<TXT

Operate it (local keys of every service's operator API: operator $OPERATOR_KEY, viewer $VIEWER_KEY):
  curl -s -H 'Authorization: Bearer $VIEWER_KEY' http://127.0.0.1:8083/blocks          # active blocks and expiry
  curl -s -H 'Authorization: Bearer $VIEWER_KEY' 'http://127.0.0.1:8083/results?limit=20'
  curl -s -H 'Authorization: Bearer $VIEWER_KEY' http://127.0.0.1:8083/approvals       # pending approvals
  curl -s -X POST -H 'Authorization: Bearer $OPERATOR_KEY' http://127.0.0.1:8083/reconcile
  curl -s -X DELETE -H 'Authorization: Bearer $OPERATOR_KEY' 'http://127.0.0.1:8083/blocks?address=203.0.113.10'
  curl -s -H 'Authorization: Bearer $VIEWER_KEY' http://127.0.0.1:8082/playbooks       # the policy in force
  curl -s -H 'Authorization: Bearer $VIEWER_KEY' 'http://127.0.0.1:8081/dlq?limit=20'  # rejected input
  curl -s -X POST -H 'Authorization: Bearer $OPERATOR_KEY' 'http://127.0.0.1:8081/dlq/replay?reason=NOT_JSON'  # dry run
Send findings:
  curl -s -H 'x-api-key: $INGEST_KEY' -H 'content-type: application/json' \\
       --data @test-support/src/main/resources/fixtures/guardduty/eb_unauthorizedaccess-ec2-sshbruteforce.json \\
       http://127.0.0.1:8081/events
  curl -s -H 'x-api-key: $INGEST_KEY' -H 'content-type: application/json' \\
       --data '{"type":"port-probe","count":5}' http://127.0.0.1:8081/drills                # sample findings
  java -jar ingest-service/target/quarkus-app/quarkus-run.jar drill --type ssh-brute-force --count 10 --bootstrap 127.0.0.1:9092
  curl -s -H 'Authorization: Bearer $VIEWER_KEY' -H 'content-type: application/json' \\
       --data @test-support/src/main/resources/fixtures/guardduty/eb_recon-ec2-portprobeunprotectedport.json \\
       http://127.0.0.1:8082/explain                                                       # score and route, no action

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
