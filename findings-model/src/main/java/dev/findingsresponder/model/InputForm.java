package dev.findingsresponder.model;

/** How the raw input that produced a finding was wrapped. */
public enum InputForm {
    /** A full EventBridge event ({@code version, id, detail-type, source, account, time, region, resources, detail}). */
    EVENTBRIDGE,
    /** An EventBridge-like object with a {@code detail} but without {@code source}/{@code detail-type}; source inferred from the detail. */
    PARTIAL_ENVELOPE,
    /** An SNS notification whose {@code Message} holds an EventBridge event, a Config notification or a bare finding. */
    SNS,
    /** A bare finding object (GuardDuty GetFindings / Inspector2 ListFindings element, one ASFF or OCSF finding, a Config notification). */
    BARE,
    /** An API list response {@code {"findings": [...]}} / {@code {"Findings": [...]}} of bare findings. */
    API_LIST
}
