package dev.findingsresponder.model;

/** Canonical severity label, ordered from least to most severe. */
public enum SeverityLabel {
    INFORMATIONAL,
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    /**
     * Label for a normalized 0-10 score using the GuardDuty / Inspector / ASFF bands:
     * 0 informational, (0, 4) low, [4, 7) medium, [7, 9) high, [9, 10] critical.
     */
    public static SeverityLabel fromScore(double score) {
        if (score <= 0.0) {
            return INFORMATIONAL;
        }
        if (score < 4.0) {
            return LOW;
        }
        if (score < 7.0) {
            return MEDIUM;
        }
        if (score < 9.0) {
            return HIGH;
        }
        return CRITICAL;
    }

    /**
     * Representative 0-10 score of a label when the source gives no number: Security Hub's documented
     * Label to Normalized mapping (INFORMATIONAL 0, LOW 1, MEDIUM 40, HIGH 70, CRITICAL 90) divided by 10.
     */
    public double defaultScore() {
        return switch (this) {
            case INFORMATIONAL -> 0.0;
            case LOW -> 1.0;
            case MEDIUM -> 4.0;
            case HIGH -> 7.0;
            case CRITICAL -> 9.0;
        };
    }

    /** Lowest score (inclusive) of the band; used to check a number is consistent with a label. */
    public double bandLow() {
        return switch (this) {
            case INFORMATIONAL -> 0.0;
            case LOW -> 0.1;
            case MEDIUM -> 4.0;
            case HIGH -> 7.0;
            case CRITICAL -> 9.0;
        };
    }

    /** Highest score (exclusive, except CRITICAL which includes 10) of the band. */
    public double bandHigh() {
        return switch (this) {
            case INFORMATIONAL -> 0.1;
            case LOW -> 4.0;
            case MEDIUM -> 7.0;
            case HIGH -> 9.0;
            case CRITICAL -> 10.0001;
        };
    }
}
