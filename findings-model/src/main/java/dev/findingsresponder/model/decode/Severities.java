package dev.findingsresponder.model.decode;

import dev.findingsresponder.model.Finding.Severity;
import dev.findingsresponder.model.SeverityLabel;

/**
 * Per-source severity normalization to a 0-10 score and a label. The decisions are documented in
 * {@code findings-model/README.md} ("Severity").
 */
final class Severities {

    private Severities() {
    }

    /**
     * GuardDuty: the score is the native 0-10 value; bands Low 1.0-3.9, Medium 4.0-6.9, High 7.0-8.9,
     * Critical 9.0-10.0. GuardDuty documents nothing below 1.0; such a value is still a threat signal,
     * so it is labelled LOW (GuardDuty has no informational level) and the score kept as given.
     */
    static Severity guardDuty(String nativeText, double value) {
        SeverityLabel label = value < 4.0 ? SeverityLabel.LOW : SeverityLabel.fromScore(value);
        return new Severity(nativeText, value, label);
    }

    /** Parses a label case-insensitively; {@code null} if it is not one of the five labels. */
    static SeverityLabel label(String s) {
        if (s == null) {
            return null;
        }
        for (SeverityLabel l : SeverityLabel.values()) {
            if (l.name().equalsIgnoreCase(s)) {
                return l;
            }
        }
        return null;
    }

    /**
     * A label from the source plus an optional 0-10 number: the label is authoritative; the number is used
     * as the score when it lies in the label's band, otherwise the label's default score is used.
     */
    static Severity labelled(String nativeText, SeverityLabel label, Double score) {
        double s = score != null && score >= label.bandLow() && score < label.bandHigh() ? score : label.defaultScore();
        return new Severity(nativeText, s, label);
    }

    /** Only a 0-10 number: label by the common bands. */
    static Severity scored(String nativeText, double score) {
        return new Severity(nativeText, score, SeverityLabel.fromScore(score));
    }

    /** OCSF {@code severity_id}: 1 informational, 2 low, 3 medium, 4 high, 5 critical, 6 fatal; else null. */
    static SeverityLabel ocsf(int severityId) {
        return switch (severityId) {
            case 1 -> SeverityLabel.INFORMATIONAL;
            case 2 -> SeverityLabel.LOW;
            case 3 -> SeverityLabel.MEDIUM;
            case 4 -> SeverityLabel.HIGH;
            case 5, 6 -> SeverityLabel.CRITICAL;
            default -> null;
        };
    }
}
