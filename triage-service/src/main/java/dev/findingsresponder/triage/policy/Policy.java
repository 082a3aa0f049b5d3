package dev.findingsresponder.triage.policy;

import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.Score;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A validated policy: suppression rules and ordered playbooks. Immutable; a reload builds a new one.
 * Serializes to JSON as written (for {@code GET /playbooks} and {@code GET /suppressions}).
 *
 * @param version      lower-case hex SHA-256 of the policy text (recorded with every decision)
 * @param sourceName   where it was loaded from
 * @param loadedAt     when it was loaded
 * @param suppressions suppression rules, in file order
 * @param playbooks    playbooks, in file order
 */
public record Policy(String version, String sourceName, Instant loadedAt, List<SuppressionRule> suppressions,
                     List<Playbook> playbooks) {

    public Policy {
        suppressions = List.copyOf(suppressions);
        playbooks = List.copyOf(playbooks);
    }

    /** The first 12 characters of {@link #version}, for logs and people. */
    public String shortVersion() {
        return version.substring(0, Math.min(12, version.length()));
    }

    /** The first suppression rule the finding matches. */
    public Optional<SuppressionRule> suppressionFor(Finding finding, Score score) {
        MatchSubject subject = new MatchSubject(finding, score);
        for (SuppressionRule rule : suppressions) {
            if (rule.match().matches(subject)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /**
     * The playbooks that apply, in order: every match up to and including the first one that does not say
     * {@code continue: true}.
     */
    public List<Playbook> playbooksFor(Finding finding, Score score) {
        MatchSubject subject = new MatchSubject(finding, score);
        List<Playbook> matched = null;
        for (Playbook playbook : playbooks) {
            if (playbook.match().matches(subject)) {
                if (matched == null) {
                    matched = new ArrayList<>(2);
                }
                matched.add(playbook);
                if (!playbook.continueMatching()) {
                    break;
                }
            }
        }
        return matched == null ? List.of() : List.copyOf(matched);
    }

    public Optional<Playbook> playbook(String name) {
        return playbooks.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
