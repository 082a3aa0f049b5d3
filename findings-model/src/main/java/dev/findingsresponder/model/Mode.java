package dev.findingsresponder.model;

/** How a playbook's actions are carried out. */
public enum Mode {
    /** Dry run: record what would have been done, change nothing. */
    OBSERVE,
    /** Park the request until an operator approves or rejects it. */
    APPROVE,
    /** Act. */
    ENFORCE
}
