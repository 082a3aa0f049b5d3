package dev.findingsresponder.model.action;

/** The value type of an action parameter, as written in a policy file (YAML) or an action request (JSON). */
public enum ParamType {
    /** A non-blank string. */
    STRING,
    /** A whole number (YAML/JSON integer, not a quoted string). */
    INT,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** {@code 30m}, {@code 24h}, {@code 7d} or ISO-8601 ({@code PT1H}); see {@link Durations}. */
    DURATION,
    /** One of {@link ParamSpec#allowedValues()}, exactly as listed. */
    ENUM,
    /** A map of string keys to scalar values (strings, numbers or booleans). */
    STRING_MAP,
    /** An AWS ARN ({@code arn:<partition>:<service>:<region>:<account>:<resource>}). */
    ARN
}
