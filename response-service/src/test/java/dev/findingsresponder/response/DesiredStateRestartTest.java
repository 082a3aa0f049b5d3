package dev.findingsresponder.response;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult;
import dev.findingsresponder.model.ActionResult.Outcome;
import dev.findingsresponder.response.action.ActionOutcome;
import dev.findingsresponder.response.action.ActionRegistry;
import dev.findingsresponder.response.action.BlockAction;
import dev.findingsresponder.response.action.BlockTestClients;
import dev.findingsresponder.response.guard.GuardrailSettings;
import dev.findingsresponder.response.guard.Guardrails;
import dev.findingsresponder.response.messaging.StateTopicAccess;
import dev.findingsresponder.testsupport.KafkaTestBroker;
import dev.findingsresponder.testsupport.MotoExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;

/**
 * Restart safety with the real parts: blocks are written to a real {@code response.state} topic on the test broker
 * and to moto; a second {@link DesiredState} over a fresh consumer stands for the restarted service.
 */
@ExtendWith(MotoExtension.class)
class DesiredStateRestartTest {

    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "us-east-1";

    private final BlockTestClients clients = new BlockTestClients();
    private final ActionRegistry registry = ActionRegistry.defaults();
    private final List<ActionResult> published = new ArrayList<>();
    private String topic;
    private Ec2Client ec2;
    private String naclId;
    private MotoNacl nacl;

    @BeforeEach
    void setUp() {
        topic = "response.state.test-" + UUID.randomUUID();
        ec2 = clients.ec2(ACCOUNT, REGION);
        nacl = MotoNacl.create(ec2, ACCOUNT, REGION);
        naclId = nacl.naclId();
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    @Test
    void afterARestartTheStateIsRebuiltAndTheNextExpiryStillHappens() throws InterruptedException {
        DesiredState before = startedState();
        ActionRequest request = naclDeny("198.51.100.50", Duration.ofSeconds(2));
        enforce(before, request);
        assertThat(denies("198.51.100.50")).hasSize(1);

        DesiredState after = startedState(); // the restarted service reads the topic back
        assertThat(after.all()).singleElement().satisfies(block -> {
            assertThat(block.status()).isEqualTo(DesiredBlock.Status.ACTIVE);
            assertThat(block.cidr()).isEqualTo("198.51.100.50/32");
            assertThat(block.locations()).containsExactly("nacl:" + ACCOUNT + ":" + REGION + ":" + naclId);
            assertThat(block.request().requestId()).isEqualTo(request.requestId());
        });
        Thread.sleep(Duration.between(Instant.now(), after.all().get(0).expiresAt()).toMillis() + 50);

        assertThat(reconciler(after).expireDue()).isEqualTo(1);
        assertThat(denies("198.51.100.50")).isEmpty();
        assertThat(published).extracting(ActionResult::outcome).containsExactly(Outcome.EXPIRED, Outcome.REMOVED);
        assertThat(startedState().all()).as("the tombstone survives the next restart too").isEmpty();
    }

    @Test
    void aWriteInterruptedAfterAwsIsAdoptedByTheReconciler() {
        DesiredState before = startedState();
        ActionRequest request = naclDeny("198.51.100.51", Duration.ofHours(1));
        // the service recorded its intent and wrote the entry, then died before recording ACTIVE
        new BlockEnforcer(before, clients, Clock.systemUTC()).intend(List.of(request));
        ActionOutcome written = ((BlockAction) registry.find("nacl-deny").orElseThrow())
                .executeAll(List.of(request), clients).get(0);
        assertThat(written.outcome()).isEqualTo(Outcome.APPLIED);

        DesiredState after = startedState();
        assertThat(after.all()).singleElement().extracting(DesiredBlock::status).isEqualTo(DesiredBlock.Status.APPLYING);
        ReconcileReport report = reconciler(after).reconcile();

        assertThat(report.drift()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo("INTERRUPTED");
            assertThat(d.action()).startsWith("ADOPTED");
        });
        assertThat(after.all()).singleElement().extracting(DesiredBlock::status).isEqualTo(DesiredBlock.Status.ACTIVE);
        assertThat(denies("198.51.100.51")).hasSize(1);
    }

    @Test
    void aWriteInterruptedBeforeAwsIsCompletedByTheReconciler() {
        DesiredState before = startedState();
        ActionRequest request = naclDeny("198.51.100.52", Duration.ofHours(1));
        new BlockEnforcer(before, clients, Clock.systemUTC()).intend(List.of(request)); // died before the AWS write

        DesiredState after = startedState();
        ReconcileReport report = reconciler(after).reconcile();

        assertThat(report.drift()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo("INTERRUPTED");
            assertThat(d.action()).startsWith("REPAIRED");
        });
        assertThat(denies("198.51.100.52")).hasSize(1);
        assertThat(startedState().all()).singleElement().extracting(DesiredBlock::status)
                .isEqualTo(DesiredBlock.Status.ACTIVE);
    }

    private void enforce(DesiredState state, ActionRequest request) {
        BlockEnforcer enforcer = new BlockEnforcer(state, clients, Clock.systemUTC());
        Map<String, BlockEnforcer.Intent> intents = enforcer.intend(List.of(request));
        BlockAction plugin = (BlockAction) registry.find(request.action()).orElseThrow();
        enforcer.settle(intents, List.of(request), enforcer.apply(plugin, List.of(request)));
    }

    private DesiredState startedState() {
        DesiredState state = new DesiredState(StateTopicAccess.forTopic(KafkaTestBroker.bootstrapServers(), topic),
                Duration.ofHours(1), Duration.ofDays(1));
        state.load();
        return state;
    }

    private Reconciler reconciler(DesiredState state) {
        return new Reconciler(state, registry, clients, new TargetLocks(), new SimpleMeterRegistry(),
                Clock.systemUTC(), true, Duration.ZERO, published::add,
                new WriteBackGate(new Guardrails(GuardrailSettings.none()), false));
    }

    private List<NetworkAclEntry> denies(String address) {
        return nacl.denies(address);
    }

    private ActionRequest naclDeny(String address, Duration ttl) {
        return nacl.naclDeny(address, ttl);
    }
}
