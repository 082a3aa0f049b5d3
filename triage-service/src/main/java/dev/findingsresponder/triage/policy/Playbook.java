package dev.findingsresponder.triage.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.findingsresponder.model.Mode;
import java.util.List;

/**
 * A rule of the policy: findings that match get these actions, in order, in this mode.
 *
 * @param name             unique name (in action requests, decisions and metrics)
 * @param description      what it is for, may be {@code null}
 * @param mode             observe (dry run), approve (a person decides) or enforce
 * @param continueMatching when true, later playbooks are tried too; by default the first match wins
 * @param match            which findings it applies to
 * @param actions          what to do, in order; empty means "record the match, do nothing"
 */
public record Playbook(String name, String description, Mode mode,
                       @JsonProperty("continue") boolean continueMatching, Match match, List<ActionStep> actions) {

    public Playbook {
        actions = List.copyOf(actions);
    }
}
