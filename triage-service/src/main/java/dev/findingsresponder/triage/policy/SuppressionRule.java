package dev.findingsresponder.triage.policy;

/**
 * Findings that match are recorded with decision SUPPRESSED and this rule's name, and request no action.
 *
 * @param name        unique name (recorded as {@code suppressedBy})
 * @param description why these findings are suppressed, may be {@code null}
 * @param match       which findings; never empty (a rule cannot suppress everything)
 */
public record SuppressionRule(String name, String description, Match match) {
}
