package dev.findingsresponder.model;

import java.util.List;

/**
 * A finding's triage score with the reasons for it.
 *
 * @param value   0-100
 * @param label   label of {@code value}: below 10 INFORMATIONAL, 10-39 LOW, 40-69 MEDIUM, 70-89 HIGH, 90+ CRITICAL
 * @param factors every contribution, in the order applied; the base severity comes first
 * @param sample  the finding is a generated sample (scored, but marked so no one mistakes it for an incident)
 */
public record Score(int value, SeverityLabel label, List<Factor> factors, boolean sample) {

    public Score {
        factors = factors == null ? List.of() : List.copyOf(factors);
    }

    /**
     * One contribution to the score.
     *
     * @param name   short machine name, e.g. {@code base-severity}, {@code asset-criticality}, {@code threat-list}
     * @param points points added (negative lowers the score)
     * @param reason what in the finding caused it, for a person to read
     */
    public record Factor(String name, int points, String reason) {
    }

    /** The label of a 0-100 score, on the same bands as the 0-10 severity scale. */
    public static SeverityLabel labelOf(int value) {
        if (value >= 90) {
            return SeverityLabel.CRITICAL;
        }
        if (value >= 70) {
            return SeverityLabel.HIGH;
        }
        if (value >= 40) {
            return SeverityLabel.MEDIUM;
        }
        if (value >= 10) {
            return SeverityLabel.LOW;
        }
        return SeverityLabel.INFORMATIONAL;
    }
}
