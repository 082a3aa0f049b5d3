package dev.findingsresponder.model;

/** Direction of traffic relative to the affected resource. */
public enum Direction {
    /** The remote party connected to (or probed, or called into) our resource. */
    INBOUND,
    /** Our resource connected to (or queried) the remote party. */
    OUTBOUND,
    /** The source said it does not know (GuardDuty {@code connectionDirection: UNKNOWN}). */
    UNKNOWN
}
