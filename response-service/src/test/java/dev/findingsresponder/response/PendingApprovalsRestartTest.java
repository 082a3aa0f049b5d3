package dev.findingsresponder.response;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.Mode;
import dev.findingsresponder.response.messaging.StateTopicAccess;
import dev.findingsresponder.testsupport.KafkaTestBroker;

/**
 * Requests parked for approval survive a restart: parks and decisions go to a real {@code response.state} topic
 * on the test broker, and a second {@link PendingApprovals} reading it stands for the restarted service.
 */
class PendingApprovalsRestartTest {

    private final String topic = "response.state.approvals-" + UUID.randomUUID();

    @Test
    void aRestartKeepsUndecidedRequestsParkedAndForgetsDecidedAndExpiredOnes() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        PendingApprovals before = approvals();
        ActionRequest undecided = request("198.51.100.1");
        ActionRequest approved = request("198.51.100.2");
        ActionRequest stale = request("198.51.100.3");
        assertThat(before.park(undecided, now)).isTrue();
        assertThat(before.park(approved, now)).isTrue();
        assertThat(before.park(stale, now.minus(Duration.ofHours(2)))).isTrue();
        assertThat(before.take(approved.requestId())).isPresent();
        assertThat(before.takeExpired(now, Duration.ofHours(1))).extracting(p -> p.request().requestId())
                .containsExactly(stale.requestId());

        PendingApprovals after = approvals();
        assertThat(after.load()).isEqualTo(1);
        assertThat(after.list()).singleElement().satisfies(p -> {
            assertThat(p.request().requestId()).isEqualTo(undecided.requestId());
            assertThat(p.request().target()).isEqualTo(undecided.target());
            assertThat(p.parkedAt()).isEqualTo(now);
        });
        assertThat(after.take(undecided.requestId())).isPresent();
        assertThat(approvals().load()).isZero();
    }

    @Test
    void parkedRequestsAreNotReadAsBlocksOfTheSameTopic() {
        approvals().park(request("198.51.100.9"), Instant.now());
        assertThat(StateTopicAccess.forTopic(KafkaTestBroker.bootstrapServers(), topic).readAll()).isEmpty();
    }

    private PendingApprovals approvals() {
        return new PendingApprovals(StateTopicAccess.approvalsOn(KafkaTestBroker.bootstrapServers(), topic));
    }

    private static ActionRequest request(String address) {
        return new ActionRequest("req-" + UUID.randomUUID(), "nacl-deny", Map.of("nacl-id", "acl-1"),
                new ActionRequest.Target("nacl:123456789012:us-east-1", "123456789012", "us-east-1", "network-acl",
                        "acl-1", address),
                Mode.APPROVE, Duration.ofHours(1), "block-attackers", "first alert", Instant.now(), null, null);
    }
}
