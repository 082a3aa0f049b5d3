package dev.findingsresponder.model;

/**
 * The AWS service a finding reached us from (the channel), and, in {@link Finding.Product#productSource()},
 * the AWS service that originally produced it.
 */
public enum Source {
    GUARDDUTY("guardduty"),
    INSPECTOR("inspector"),
    CONFIG("config"),
    SECURITY_HUB("securityhub");

    private final String idPrefix;

    Source(String idPrefix) {
        this.idPrefix = idPrefix;
    }

    /** Lower-case prefix used in canonical finding ids, e.g. {@code guardduty}. */
    public String idPrefix() {
        return idPrefix;
    }
}
