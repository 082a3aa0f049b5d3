package dev.findingsresponder.response.messaging;

import java.util.Map;

import dev.findingsresponder.response.ApprovalLog;
import dev.findingsresponder.response.StateLog;
import dev.findingsresponder.response.guard.KillSwitch;

/** Builds a {@link StateTopic} on any topic of any broker, for tests outside this package. */
public final class StateTopicAccess {

    private StateTopicAccess() {
    }

    public static StateLog forTopic(String bootstrapServers, String topic) {
        return new StateTopic(Map.of("bootstrap.servers", bootstrapServers), topic);
    }

    public static KillSwitch.Store killSwitchOn(String bootstrapServers, String topic) {
        return new StateTopic(Map.of("bootstrap.servers", bootstrapServers), topic);
    }

    public static ApprovalLog approvalsOn(String bootstrapServers, String topic) {
        return new StateTopic(Map.of("bootstrap.servers", bootstrapServers), topic);
    }
}
