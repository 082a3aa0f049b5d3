package dev.findingsresponder.testsupport.fuzz;

/** One hostile edit {@link JsonMutator} can make to an event. */
public enum Mutation {
    /** Remove a random member of an object or element of an array. */
    DROP_KEY,
    /** Write one object member twice, the second time with a null or differently typed value. */
    DUPLICATE_KEY,
    /** Replace a value by one of another JSON type (string for number, array for object, ...). */
    CHANGE_TYPE,
    /** Replace a value by {@code null}. */
    NULL_VALUE,
    /** Replace a value by a string of 8-128 KiB. */
    HUGE_STRING,
    /** Replace a value by arrays/objects nested 50-3,000 levels deep. */
    DEEP_NESTING,
    /** Replace a value by a string with lone surrogates, NUL, bidi controls, combining marks and emoji. */
    UNICODE,
    /** Replace a value by a number out of any field's range (1e400, -1, 2^64, 1e-400, ...). */
    NUMBER_OUT_OF_RANGE,
    /** Replace a value by an impossible or out-of-range date (month 13, year 99999, epoch 1e20, ...). */
    WRONG_DATE,
    /** Replace a value by a hostile address literal (0.0.0.0/0, ::ffff:10.0.0.1, 0x0a000001, fe80::1%eth0, ...). */
    HOSTILE_ADDRESS,
    /** Wrap the whole input in an SNS notification (the event as the Message string). */
    WRAP_SNS,
    /** Wrap the input (or its detail) as the one finding of a Security Hub Imported event. */
    WRAP_SECURITY_HUB,
    /** Cut the serialized bytes at a random position. */
    TRUNCATE,
    /** Overwrite 1-4 random bytes with random values (often invalid UTF-8). */
    BYTE_FLIP;

    boolean byteLevel() {
        return this == TRUNCATE || this == BYTE_FLIP;
    }
}
