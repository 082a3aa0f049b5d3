package dev.findingsresponder.response;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult;
import dev.findingsresponder.response.action.ActionRegistry;
import dev.findingsresponder.response.action.BlockAction;
import dev.findingsresponder.response.action.BlockTestClients;
import dev.findingsresponder.response.guard.GuardrailSettings;
import dev.findingsresponder.response.guard.Guardrails;
import dev.findingsresponder.testsupport.MotoExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;

/**
 * The reconciler obeys the kill switch, global dry run and guardrails like a request does: a block removed by hand
 * is not written back while any of them says no. Real SDK calls to moto.
 */
@ExtendWith(MotoExtension.class)
class ReconcilerWriteBackGateTest {

    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "us-east-1";

    private final BlockTestClients clients = new BlockTestClients();
    private final ActionRegistry registry = ActionRegistry.defaults();
    private final List<ActionResult> published = new ArrayList<>();
    private final DesiredState state = new InMemoryStateLog().loadedState();
    private Ec2Client ec2;
    private String naclId;
    private MotoNacl nacl;

    @BeforeEach
    void setUp() {
        ec2 = clients.ec2(ACCOUNT, REGION);
        nacl = MotoNacl.create(ec2, ACCOUNT, REGION);
        naclId = nacl.naclId();
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    @Test
    void withTheKillSwitchOnAHandDeletedBlockIsReportedNotRestored() {
        blockThenDeleteByHand("198.51.100.60");

        ReconcileReport report = reconciler(new GuardrailSettings(List.of(), List.of(), true), false).reconcile();

        assertThat(denies("198.51.100.60")).as("nothing written back").isEmpty();
        assertThat(report.drift()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo("MISSING");
            assertThat(d.action()).startsWith("NOT REPAIRED (SKIPPED_GUARDRAIL)").contains("kill switch");
        });
        assertThat(published).isEmpty();
    }

    @Test
    void inGlobalDryRunAHandDeletedBlockIsReportedNotRestored() {
        blockThenDeleteByHand("198.51.100.61");

        ReconcileReport report = reconciler(GuardrailSettings.none(), true).reconcile();

        assertThat(denies("198.51.100.61")).isEmpty();
        assertThat(report.drift()).singleElement().satisfies(d -> assertThat(d.action())
                .startsWith("NOT REPAIRED (DRY_RUN)"));
    }

    @Test
    void anAddressTrustedSinceItWasBlockedIsNeverWrittenBack() {
        blockThenDeleteByHand("198.51.100.62");

        ReconcileReport report = reconciler(new GuardrailSettings(List.of(), List.of("198.51.100.0/24"), false),
                false).reconcile();

        assertThat(denies("198.51.100.62")).isEmpty();
        assertThat(report.drift()).singleElement().satisfies(d -> assertThat(d.action())
                .startsWith("NOT REPAIRED (SKIPPED_GUARDRAIL)").contains("trusted range"));
    }

    @Test
    void withTheKillSwitchOnAnInterruptedWriteIsHeldNotMade() {
        ActionRequest request = naclDeny("198.51.100.63", Duration.ofHours(1));
        new BlockEnforcer(state, clients, Clock.systemUTC()).intend(List.of(request)); // died before the AWS write

        ReconcileReport report = reconciler(new GuardrailSettings(List.of(), List.of(), true), false).reconcile();

        assertThat(denies("198.51.100.63")).isEmpty();
        assertThat(report.drift()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo("INTERRUPTED");
            assertThat(d.action()).startsWith("HELD (SKIPPED_GUARDRAIL)");
        });
        assertThat(state.all()).singleElement().extracting(DesiredBlock::status)
                .isEqualTo(DesiredBlock.Status.APPLYING);
    }

    @Test
    void withTheKillSwitchOnAnExpiredBlockStaysUntilItIsOff() {
        enforce(naclDeny("198.51.100.64", Duration.ofMillis(1)));
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1));

        assertThat(reconciler(new GuardrailSettings(List.of(), List.of(), true), false, later).expireDue()).isZero();
        assertThat(denies("198.51.100.64")).hasSize(1);

        assertThat(reconciler(GuardrailSettings.none(), false, later).expireDue()).isEqualTo(1);
        assertThat(denies("198.51.100.64")).isEmpty();
    }

    @Test
    void withTheGatesOpenTheSameDriftIsRepaired() {
        blockThenDeleteByHand("198.51.100.65");

        ReconcileReport report = reconciler(GuardrailSettings.none(), false).reconcile();

        assertThat(denies("198.51.100.65")).hasSize(1);
        assertThat(report.drift()).singleElement().satisfies(d -> assertThat(d.action()).startsWith("REPAIRED"));
    }

    private void blockThenDeleteByHand(String address) {
        enforce(naclDeny(address, Duration.ofHours(1)));
        List<NetworkAclEntry> written = denies(address);
        assertThat(written).hasSize(1);
        ec2.deleteNetworkAclEntry(r -> r.networkAclId(naclId).ruleNumber(written.get(0).ruleNumber()).egress(false));
    }

    private void enforce(ActionRequest request) {
        BlockEnforcer enforcer = new BlockEnforcer(state, clients, Clock.systemUTC());
        Map<String, BlockEnforcer.Intent> intents = enforcer.intend(List.of(request));
        BlockAction plugin = (BlockAction) registry.find(request.action()).orElseThrow();
        enforcer.settle(intents, List.of(request), enforcer.apply(plugin, List.of(request)));
    }

    private Reconciler reconciler(GuardrailSettings guardrails, boolean dryRun) {
        return reconciler(guardrails, dryRun, Clock.systemUTC());
    }

    private Reconciler reconciler(GuardrailSettings guardrails, boolean dryRun, Clock clock) {
        return new Reconciler(state, registry, clients, new TargetLocks(), new SimpleMeterRegistry(), clock, true,
                Duration.ZERO, published::add, new WriteBackGate(new Guardrails(guardrails), dryRun));
    }

    private List<NetworkAclEntry> denies(String address) {
        return nacl.denies(address);
    }

    private ActionRequest naclDeny(String address, Duration ttl) {
        return nacl.naclDeny(address, ttl);
    }
}
