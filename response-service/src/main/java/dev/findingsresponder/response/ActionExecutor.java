package dev.findingsresponder.response;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult;
import dev.findingsresponder.model.ActionResult.Outcome;
import dev.findingsresponder.model.Mode;
import dev.findingsresponder.response.action.ActionOutcome;
import dev.findingsresponder.response.action.ActionRegistry;
import dev.findingsresponder.response.action.BlockAction;
import dev.findingsresponder.response.action.ResponseAction;
import dev.findingsresponder.response.action.SnsNotifyAction;
import dev.findingsresponder.response.aws.AwsCallMetrics;
import dev.findingsresponder.response.aws.AwsClients;
import dev.findingsresponder.response.guard.Guardrails;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Carries out one action request: validate, deduplicate by request id, guardrails, mode (observe, approve,
 * enforce), then the plug-in with bounded retries of AWS faults; a request still failing goes to the retry
 * sink rather than being dropped. Blocking calls (AWS, backoff sleeps): never call it on an event loop.
 */
public class ActionExecutor {

    /** Fact of a FAILED result whose request was written to the retry topic: the delivery number scheduled. */
    public static final String RETRY_ATTEMPT_FACT = "retryAttempt";
    /** Fact of a FAILED result whose request was written to the retry topic: when that delivery is due. */
    public static final String RETRY_NOT_BEFORE_FACT = "retryNotBefore";

    /** How long a request waits for the desired state to be read at start before it fails (and is redelivered). */
    private static final Duration STATE_LOAD_TIMEOUT = Duration.ofMinutes(2);

    /**
     * @param dryRun             answer DRY_RUN to every request, whatever its mode
     * @param approvalTimeout    how long a PENDING request waits before it is EXPIRED
     * @param retry              in-process retries of one execution
     * @param retryTopicAttempts deliveries through the retry sink before giving up
     * @param retryTopicDelay    wait before a retry delivery
     */
    public record Settings(boolean dryRun, Duration approvalTimeout, RetryPolicy retry, int retryTopicAttempts,
                           Duration retryTopicDelay) {
    }

    /** Waits between attempts; tests pass one that does not sleep. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final ActionRegistry registry;
    private final Guardrails guardrails;
    private final AwsClients clients;
    private final Settings settings;
    private final RetrySink retrySink;
    private final ResultLedger ledger;
    /** Request ids being handled now, by any thread: claimed before the ledger is asked, released after. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final PendingApprovals pending;
    private final MeterRegistry meters;
    private final Clock clock;
    private final TargetLocks locks;
    private final DesiredState state;
    private final BlockEnforcer blocks;
    private final Attempts attempts;
    private final OutcomeNotifier notifier;

    public ActionExecutor(ActionRegistry registry, Guardrails guardrails, AwsClients clients, SnsNotifyAction notifier,
            Settings settings, RetrySink retrySink, ResultLedger ledger, PendingApprovals pending, DesiredState state,
            TargetLocks locks, MeterRegistry meters, Clock clock, Sleeper sleeper) {
        this.registry = registry;
        this.guardrails = guardrails;
        this.clients = clients;
        this.settings = settings;
        this.retrySink = retrySink;
        this.ledger = ledger;
        this.pending = pending;
        this.meters = meters;
        this.clock = clock;
        this.state = state;
        this.locks = locks;
        this.blocks = new BlockEnforcer(state, clients, clock);
        this.attempts = new Attempts(settings.retry(), sleeper);
        this.notifier = new OutcomeNotifier(notifier, clients);
    }

    /** Handles a request from {@code actions.requested}. */
    public ActionResult handle(ActionRequest request) {
        return handleBatch(List.of(request)).get(0);
    }

    /**
     * Handles requests from {@code actions.requested} that arrived together (the coalescing window): each is
     * checked on its own, then the enforceable ones of one target and action are applied in one plug-in call
     * (a blocking plug-in writes them in one pass). One result per request, in order.
     */
    public List<ActionResult> handleBatch(List<ActionRequest> requests) {
        return execute(requests, 0, false);
    }

    /** Handles delivery number {@code attempt} of a request from the retry topic: straight to execution. */
    public ActionResult retry(ActionRequest request, int attempt) {
        return execute(List.of(request), attempt, true).get(0);
    }

    /** The requests waiting for an operator, oldest first. */
    public List<PendingApprovals.Pending> pending() {
        return pending.list();
    }

    /** APPROVED, then the outcome of executing the request; empty when it is not pending (any more). */
    public List<ActionResult> approve(String requestId, String decidedBy) {
        Optional<PendingApprovals.Pending> parked = pending.take(requestId);
        if (parked.isEmpty()) {
            return List.of();
        }
        ActionRequest request = parked.get().request();
        Instant now = clock.instant();
        List<ActionResult> results = new ArrayList<>();
        results.add(finish(request, Outcome.APPROVED, "approved by " + decidedBy, null, now, false));
        results.addAll(execute(List.of(request), 0, true));
        return results;
    }

    /** REJECTED; empty when the request is not pending (any more). */
    public Optional<ActionResult> reject(String requestId, String decidedBy) {
        return pending.take(requestId).map(p -> finish(p.request(), Outcome.REJECTED, "rejected by " + decidedBy,
                null, clock.instant(), true));
    }

    /** EXPIRED for every request pending longer than the approval timeout. */
    public List<ActionResult> expireStale() {
        Instant now = clock.instant();
        return pending.takeExpired(now, settings.approvalTimeout()).stream()
                .map(p -> finish(p.request(), Outcome.EXPIRED, "no operator decision within "
                        + settings.approvalTimeout() + " (pending since " + p.parkedAt() + ")", null, now, true))
                .toList();
    }

    private List<ActionResult> execute(List<ActionRequest> requests, int retryDelivery, boolean skipMode) {
        state.awaitLoaded(STATE_LOAD_TIMEOUT);
        Instant started = clock.instant();
        ActionResult[] results = new ActionResult[requests.size()];
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        Set<String> claimed = new HashSet<>();
        try {
            for (int i = 0; i < requests.size(); i++) {
                ActionRequest request = requests.get(i);
                // the ledger only learns of a request after it ran: a copy that arrives meanwhile, in this batch or
                // in another target's (the same id under another key), is a redelivery of one being handled
                if (!inFlight.add(request.requestId())) {
                    results[i] = finish(request, Outcome.ALREADY_APPLIED, "request " + request.requestId()
                            + " came again while its first copy is handled", null, started, false);
                    continue;
                }
                claimed.add(request.requestId());
                Optional<ActionResult> early = screen(request, skipMode, started);
                if (early.isPresent()) {
                    results[i] = early.get();
                } else {
                    groups.computeIfAbsent(lockKey(request) + "\n" + request.action(), k -> new ArrayList<>()).add(i);
                }
            }
            runGroups(requests, groups, results, retryDelivery, started);
        } finally {
            inFlight.removeAll(claimed);
        }
        return List.of(results);
    }

    private void runGroups(List<ActionRequest> requests, Map<String, List<Integer>> groups, ActionResult[] results,
            int retryDelivery, Instant started) {
        for (List<Integer> group : groups.values()) {
            List<ActionRequest> batch = group.stream().map(requests::get).toList();
            ResponseAction plugin = registry.find(batch.get(0).action()).orElseThrow();
            long writesBefore = AwsCallMetrics.writesOnThisThread();
            List<ActionResult> done = locks.with(lockKey(batch.get(0)), () -> plugin instanceof BlockAction block
                    ? enforceBlocks(block, batch, retryDelivery, started)
                    : batch.stream().map(r -> enforce(r, plugin, retryDelivery, started)).toList());
            recordWrites(plugin.name(), AwsCallMetrics.writesOnThisThread() - writesBefore, batch.size());
            for (int k = 0; k < group.size(); k++) {
                results[group.get(k)] = done.get(k);
                notifier.notifyIfAsked(batch.get(k), plugin, done.get(k));
            }
        }
    }

    /** The result a request gets without reaching AWS (invalid, duplicate, guardrail, dry run, parked), if any. */
    private Optional<ActionResult> screen(ActionRequest request, boolean skipMode, Instant started) {
        Optional<ResponseAction> plugin = registry.find(request.action());
        if (plugin.isEmpty()) {
            return Optional.of(finish(request, Outcome.FAILED, "unknown action '" + request.action() + "'", null,
                    started, false));
        }
        List<String> errors = plugin.get().schema().validate(request.params());
        if (!errors.isEmpty()) {
            return Optional.of(finish(request, Outcome.FAILED, "invalid parameters: " + String.join("; ", errors),
                    null, started, false));
        }
        Optional<ResultLedger.Earlier> earlier = ledger.find(request.requestId());
        if (earlier.isPresent()) {
            return Optional.of(finish(request, Outcome.ALREADY_APPLIED, "request " + request.requestId()
                    + " was handled before with outcome " + earlier.get().outcome() + ": " + earlier.get().detail(),
                    null, started, false));
        }
        if (pending.contains(request.requestId())) {
            return Optional.of(finish(request, Outcome.ALREADY_APPLIED, "request " + request.requestId()
                    + " is already PENDING approval", null, started, false));
        }
        Optional<String> violation = guardrails.violation(request);
        if (violation.isPresent()) {
            return Optional.of(finish(request, Outcome.SKIPPED_GUARDRAIL, violation.get(), null, started, true));
        }
        // global dry-run holds for approved and retried requests too; only the playbook's own mode is skipped
        if (settings.dryRun() || (!skipMode && request.mode() == Mode.OBSERVE)) {
            return Optional.of(finish(request, Outcome.DRY_RUN, "dry run ("
                    + (settings.dryRun() ? "global dry-run" : "mode observe") + "): would run " + plugin.get().name()
                    + " on " + describe(request) + " (" + plugin.get().schema().description() + ")",
                    null, started, true));
        }
        if (!skipMode && request.mode() == Mode.APPROVE) {
            pending.park(request, started);
            return Optional.of(finish(request, Outcome.PENDING, "waiting for an operator to approve or reject "
                    + plugin.get().name() + " on " + describe(request), null, started, false));
        }
        return guardrails.admit(request, started)
                .map(capped -> finish(request, Outcome.SKIPPED_GUARDRAIL, capped, null, started, true));
    }

    private List<ActionResult> enforceBlocks(BlockAction plugin, List<ActionRequest> batch, int retryDelivery,
            Instant started) {
        Map<String, BlockEnforcer.Intent> intents = blocks.intend(batch);
        Attempts.Attempt<List<ActionOutcome>> attempt = attempts.run(plugin.name(), () -> blocks.apply(plugin, batch));
        if (attempt.value() != null) {
            blocks.settle(intents, batch, attempt.value());
            meters.summary("response.batch.size", "action", plugin.name()).record(batch.size());
            List<ActionResult> results = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                results.add(finish(batch.get(i), attempt.value().get(i), started));
            }
            return results;
        }
        // a permanent error is settled now; a fault after the last attempt leaves the intents for the reconciler
        if (!RetryPolicy.retryable(attempt.error())) {
            blocks.settle(intents, batch, batch.stream().map(r -> new ActionOutcome(Outcome.FAILED, "", null, null))
                    .toList());
        }
        return batch.stream().map(r -> failed(r, plugin, attempt.error(), retryDelivery, started)).toList();
    }

    private ActionResult enforce(ActionRequest request, ResponseAction plugin, int retryDelivery, Instant started) {
        Attempts.Attempt<ActionOutcome> attempt = attempts.run(plugin.name(), () -> plugin.execute(request, clients));
        return attempt.value() != null ? finish(request, attempt.value(), started)
                : failed(request, plugin, attempt.error(), retryDelivery, started);
    }

    private ActionResult failed(ActionRequest request, ResponseAction plugin, RuntimeException error,
            int retryDelivery, Instant started) {
        if (!RetryPolicy.retryable(error)) {
            return finish(request, Outcome.FAILED, plugin.name() + " failed: " + RetryPolicy.describe(error), null,
                    started, false);
        }
        return exhausted(request, plugin, error, retryDelivery, started);
    }

    private ActionResult exhausted(ActionRequest request, ResponseAction plugin, RuntimeException last,
            int retryDelivery, Instant started) {
        String error = RetryPolicy.describe(last);
        if (retryDelivery >= settings.retryTopicAttempts()) {
            return finish(request, Outcome.FAILED, plugin.name() + " gave up after " + settings.retryTopicAttempts()
                    + " attempts through the retry topic: " + error, null, started, false);
        }
        int next = retryDelivery + 1;
        Instant notBefore = clock.instant().plus(settings.retryTopicDelay());
        retrySink.schedule(request, next, notBefore);
        // machine-readable: this FAILED is not the last word, a later result of the same request id follows
        Map<String, String> retry = Map.of(RETRY_ATTEMPT_FACT, String.valueOf(next), RETRY_NOT_BEFORE_FACT,
                notBefore.toString());
        return finish(request, Outcome.FAILED, plugin.name() + " failed after " + settings.retry().maxAttempts()
                + " attempts: " + error + "; retry " + next + " of " + settings.retryTopicAttempts()
                + " scheduled for " + notBefore, retry, started, false);
    }

    private ActionResult finish(ActionRequest request, ActionOutcome outcome, Instant started) {
        ActionResult result = result(request, outcome.outcome(), outcome.detail(), outcome.awsRequestIds(),
                outcome.facts(), started);
        return recorded(result, outcome.outcome() != Outcome.FAILED);
    }

    private ActionResult finish(ActionRequest request, Outcome outcome, String detail, Map<String, String> facts,
            Instant started, boolean remember) {
        return recorded(result(request, outcome, detail, List.of(), facts, started), remember);
    }

    private ActionResult recorded(ActionResult result, boolean remember) {
        if (remember) {
            ledger.record(result);
        }
        meters.counter("response.actions", "action", String.valueOf(result.action()),
                "outcome", result.outcome().name()).increment();
        return result;
    }

    private ActionResult result(ActionRequest request, Outcome outcome, String detail, List<String> awsRequestIds,
            Map<String, String> facts, Instant started) {
        return new ActionResult(request.requestId(), request.action(), request.target(), outcome, detail,
                awsRequestIds, facts, request.finding() == null ? null : request.finding().id(), request.playbook(),
                started, clock.instant());
    }

    /** {@code response_aws_writes_per_request{action}}: its mean is AWS write calls per enforced request. */
    private void recordWrites(String action, long writes, int requests) {
        DistributionSummary summary = DistributionSummary.builder("response.aws.writes.per.request")
                .tag("action", action).register(meters);
        for (int i = 0; i < requests; i++) {
            summary.record((double) writes / requests);
        }
    }

    private static String lockKey(ActionRequest request) {
        return request.target() == null || request.target().key() == null ? "" : request.target().key();
    }

    private static String describe(ActionRequest request) {
        ActionRequest.Target target = request.target();
        if (target == null) {
            return "no target";
        }
        StringBuilder text = new StringBuilder(String.valueOf(target.key()));
        if (target.resourceId() != null) {
            text.append(" (").append(target.resourceId()).append(')');
        }
        if (target.address() != null) {
            text.append(" for ").append(target.address());
        }
        return text.toString();
    }
}
