package dev.findingsresponder.response;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult;
import dev.findingsresponder.model.ActionResult.Outcome;
import dev.findingsresponder.model.Mode;
import dev.findingsresponder.model.action.ActionCatalog;
import dev.findingsresponder.response.action.ActionOutcome;
import dev.findingsresponder.response.action.ActionRegistry;
import dev.findingsresponder.response.action.ResponseAction;
import dev.findingsresponder.response.action.Reversibility;
import dev.findingsresponder.response.action.SnsNotifyAction;
import dev.findingsresponder.response.aws.AwsClients;
import dev.findingsresponder.response.guard.GuardrailSettings;
import dev.findingsresponder.response.guard.Guardrails;
import dev.findingsresponder.response.guard.RateCaps;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** The executor's retry loop and modes with a fake plug-in: no AWS, no Kafka. */
class ActionExecutorRetryTest {

    private record Scheduled(String requestId, int attempt, Instant notBefore) {
    }

    private final List<Scheduled> scheduled = new ArrayList<>();
    private final List<Duration> sleeps = new ArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void throttlingIsRetriedWithBackoffUntilItSucceeds() {
        ActionExecutor executor = executor(() -> {
            if (calls.incrementAndGet() <= 2) {
                throw awsError("RequestLimitExceeded", 400);
            }
            return new ActionOutcome(Outcome.APPLIED, "denied", List.of("r-1"), Map.of("ruleNumber", "80"));
        });

        ActionResult result = executor.handle(request("req-1", Mode.ENFORCE));

        assertThat(calls).hasValue(3);
        assertThat(result.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(result.awsRequestIds()).containsExactly("r-1");
        assertThat(result.facts()).containsEntry("ruleNumber", "80");
        assertThat(sleeps).hasSize(2).allSatisfy(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofMillis(400)));
        assertThat(scheduled).isEmpty();
        assertThat(meters.counter("response.actions", "action", "nacl-deny", "outcome", "APPLIED").count()).isEqualTo(1);
    }

    @Test
    void persistentThrottlingIsBoundedFailedAndScheduledOnTheRetryTopic() {
        ActionExecutor executor = executor(() -> {
            calls.incrementAndGet();
            throw awsError("ThrottlingException", 400);
        });

        ActionResult result = executor.handle(request("req-2", Mode.ENFORCE));

        assertThat(calls).hasValue(4);
        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.detail()).contains("ThrottlingException", "after 4 attempts", "retry 1 of 3");
        assertThat(result.facts()).containsEntry(ActionExecutor.RETRY_ATTEMPT_FACT, "1")
                .containsKey(ActionExecutor.RETRY_NOT_BEFORE_FACT);
        assertThat(scheduled).singleElement().satisfies(s -> {
            assertThat(s.requestId()).isEqualTo("req-2");
            assertThat(s.attempt()).isEqualTo(1);
            assertThat(s.notBefore()).isAfter(Instant.now());
        });
    }

    @Test
    void theLastRetryDeliveryGivesUp() {
        ActionExecutor executor = executor(() -> {
            throw awsError("InternalError", 503);
        });

        ActionResult result = executor.retry(request("req-3", Mode.ENFORCE), 3);

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.detail()).contains("gave up after 3 attempts");
        assertThat(result.facts()).doesNotContainKey(ActionExecutor.RETRY_ATTEMPT_FACT);
        assertThat(scheduled).isEmpty();
    }

    @Test
    void aPermanentAwsErrorFailsAtOnceWithoutRetry() {
        ActionExecutor executor = executor(() -> {
            calls.incrementAndGet();
            throw awsError("InvalidNetworkAclID.NotFound", 400);
        });

        ActionResult result = executor.handle(request("req-4", Mode.ENFORCE));

        assertThat(calls).hasValue(1);
        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.detail()).contains("InvalidNetworkAclID.NotFound");
        assertThat(scheduled).isEmpty();
    }

    @Test
    void aRedeliveredRequestIsAlreadyAppliedWithoutCallingThePlugin() {
        ActionExecutor executor = executor(() -> {
            calls.incrementAndGet();
            return new ActionOutcome(Outcome.APPLIED, "denied", List.of(), Map.of());
        });
        executor.handle(request("req-5", Mode.ENFORCE));

        ActionResult again = executor.handle(request("req-5", Mode.ENFORCE));

        assertThat(calls).hasValue(1);
        assertThat(again.outcome()).isEqualTo(Outcome.ALREADY_APPLIED);
        assertThat(again.detail()).contains("APPLIED");
    }

    @Test
    void approveParksUntilApprovedAndExpiredOnTimeout() {
        ActionExecutor executor = executor(() -> {
            calls.incrementAndGet();
            return new ActionOutcome(Outcome.APPLIED, "denied", List.of(), Map.of());
        });

        assertThat(executor.handle(request("req-6", Mode.APPROVE)).outcome()).isEqualTo(Outcome.PENDING);
        assertThat(executor.handle(request("req-7", Mode.APPROVE)).outcome()).isEqualTo(Outcome.PENDING);
        assertThat(calls).hasValue(0);

        List<ActionResult> approved = executor.approve("req-6", "alice");
        assertThat(approved).extracting(ActionResult::outcome).containsExactly(Outcome.APPROVED, Outcome.APPLIED);
        assertThat(approved.get(0).detail()).isEqualTo("approved by alice");
        assertThat(calls).hasValue(1);
        assertThat(executor.approve("req-6", "alice")).isEmpty();
        assertThat(executor.handle(request("req-7", Mode.APPROVE)).outcome()).isEqualTo(Outcome.ALREADY_APPLIED);
        assertThat(executor.expireStale()).isEmpty();
    }

    @Test
    void anExpiredApprovalIsExpired() {
        ActionExecutor executor = executor(() -> new ActionOutcome(Outcome.APPLIED, "x", List.of(), Map.of()),
                Duration.ZERO);
        executor.handle(request("req-8", Mode.APPROVE));
        sleepQuietly();

        assertThat(executor.expireStale()).extracting(ActionResult::outcome).containsExactly(Outcome.EXPIRED);
        assertThat(executor.pending()).isEmpty();
    }

    @Test
    void globalDryRunAndTheKillSwitchCallNothing() {
        Supplier<ActionOutcome> counting = () -> {
            calls.incrementAndGet();
            return new ActionOutcome(Outcome.APPLIED, "denied", List.of(), Map.of());
        };

        ActionResult dryRun = executor(counting, Duration.ofHours(24), true, GuardrailSettings.none())
                .handle(request("req-9", Mode.ENFORCE));
        ActionResult killed = executor(counting, Duration.ofHours(24), false,
                new GuardrailSettings(List.of(), List.of(), true)).handle(request("req-10", Mode.ENFORCE));

        assertThat(dryRun.outcome()).isEqualTo(Outcome.DRY_RUN);
        assertThat(dryRun.detail()).contains("global dry-run", "would run nacl-deny");
        assertThat(killed.outcome()).isEqualTo(Outcome.SKIPPED_GUARDRAIL);
        assertThat(killed.detail()).contains("kill switch");
        assertThat(calls).hasValue(0);
    }

    @Test
    void globalDryRunAlsoHoldsForRetriedDeliveries() {
        ActionExecutor executor = executor(() -> {
            calls.incrementAndGet();
            return new ActionOutcome(Outcome.APPLIED, "denied", List.of(), Map.of());
        }, Duration.ofHours(24), true, GuardrailSettings.none());

        ActionResult retried = executor.retry(request("req-12", Mode.ENFORCE), 2);

        assertThat(retried.outcome()).isEqualTo(Outcome.DRY_RUN);
        assertThat(calls).hasValue(0);
    }

    @Test
    void aRequestIdTwiceInOneBatchIsExecutedOnceAndTheCopyIsAlreadyApplied() {
        ActionExecutor executor = executor(() -> {
            calls.incrementAndGet();
            return new ActionOutcome(Outcome.APPLIED, "published", List.of(), Map.of());
        });
        ActionRequest first = request("req-13", Mode.ENFORCE);

        List<ActionResult> results = executor.handleBatch(List.of(first, request("req-13", Mode.ENFORCE),
                request("req-14", Mode.ENFORCE)));

        assertThat(calls).hasValue(2);
        assertThat(results).extracting(ActionResult::outcome)
                .containsExactly(Outcome.APPLIED, Outcome.ALREADY_APPLIED, Outcome.APPLIED);
        assertThat(results.get(1).requestId()).isEqualTo("req-13");
    }

    @Test
    void overItsRateCapARequestIsSkippedByTheGuardrailAndDryRunsDoNotCount() {
        ActionExecutor executor = executor(() -> {
            calls.incrementAndGet();
            return new ActionOutcome(Outcome.APPLIED, "denied", List.of(), Map.of());
        }, Duration.ofHours(24), false, GuardrailSettings.none(), new RateCaps(Map.of("nacl-deny", 2)));

        List<ActionResult> results = List.of(executor.handle(request("req-cap-0", Mode.OBSERVE)),
                executor.handle(request("req-cap-1", Mode.ENFORCE)), executor.handle(request("req-cap-2", Mode.ENFORCE)),
                executor.handle(request("req-cap-3", Mode.ENFORCE)));

        assertThat(results).extracting(ActionResult::outcome).containsExactly(Outcome.DRY_RUN, Outcome.APPLIED,
                Outcome.APPLIED, Outcome.SKIPPED_GUARDRAIL);
        assertThat(results.get(3).detail()).contains("rate cap: at most 2 nacl-deny per account per hour");
        assertThat(calls).hasValue(2);
    }

    @Test
    void parametersOutsideTheSchemaFailWithoutCallingThePlugin() {
        ActionExecutor executor = executor(() -> {
            calls.incrementAndGet();
            return new ActionOutcome(Outcome.APPLIED, "denied", List.of(), Map.of());
        });
        ActionRequest base = request("req-11", Mode.ENFORCE);
        ActionRequest invalid = new ActionRequest(base.requestId(), base.action(), Map.of("no-such-param", "x"),
                base.target(), base.mode(), base.ttl(), base.playbook(), base.reason(), base.requestedAt(), null, null);

        ActionResult result = executor.handle(invalid);

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.detail()).startsWith("invalid parameters").contains("no-such-param");
        assertThat(calls).hasValue(0);
    }

    private ActionExecutor executor(Supplier<ActionOutcome> behaviour) {
        return executor(behaviour, Duration.ofHours(24));
    }

    private ActionExecutor executor(Supplier<ActionOutcome> behaviour, Duration approvalTimeout) {
        return executor(behaviour, approvalTimeout, false, GuardrailSettings.none());
    }

    private ActionExecutor executor(Supplier<ActionOutcome> behaviour, Duration approvalTimeout, boolean dryRun,
            GuardrailSettings guardrails) {
        return executor(behaviour, approvalTimeout, dryRun, guardrails, RateCaps.none());
    }

    private ActionExecutor executor(Supplier<ActionOutcome> behaviour, Duration approvalTimeout, boolean dryRun,
            GuardrailSettings guardrails, RateCaps caps) {
        ActionExecutor.Settings settings = new ActionExecutor.Settings(dryRun, approvalTimeout,
                new RetryPolicy(4, Duration.ofMillis(100), Duration.ofMillis(400)), 3, Duration.ofMinutes(1));
        return new ActionExecutor(new ActionRegistry(List.of(new FakeNaclDeny(behaviour))),
                new Guardrails(guardrails, caps), null, new SnsNotifyAction(), settings,
                (request, attempt, notBefore) -> scheduled.add(new Scheduled(request.requestId(), attempt, notBefore)),
                new ResultLedger(100), new PendingApprovals(), new InMemoryStateLog().loadedState(), new TargetLocks(),
                meters, Clock.systemUTC(), sleeps::add);
    }

    private static ActionRequest request(String requestId, Mode mode) {
        return new ActionRequest(requestId, ActionCatalog.NACL_DENY, Map.of(),
                new ActionRequest.Target("nacl:123456789012:us-east-1", "123456789012", "us-east-1", "network-acl",
                        null, "203.0.113.7"),
                mode, Duration.ofHours(1), "block-attackers", "first alert", Instant.now(), null, null);
    }

    private static AwsServiceException awsError(String code, int status) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("injected " + code).build())
                .build();
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record FakeNaclDeny(Supplier<ActionOutcome> behaviour) implements ResponseAction {
        @Override
        public String name() {
            return ActionCatalog.NACL_DENY;
        }

        @Override
        public List<String> permissions() {
            return List.of();
        }

        @Override
        public Reversibility reversibility() {
            return null;
        }

        @Override
        public ActionOutcome execute(ActionRequest request, AwsClients clients) {
            return behaviour.get();
        }

        @Override
        public ActionOutcome undo(ActionRequest request, AwsClients clients) {
            return behaviour.get();
        }
    }
}
