package dev.findingsresponder.model.action;

/**
 * One problem with an action's parameters.
 *
 * @param param   the parameter the problem is about (for a missing parameter, the one that is missing)
 * @param entry   the key of the entry of a map parameter the problem is about, {@code null} for the whole parameter
 * @param message the complete message, naming the action, the parameter and what was expected
 */
public record ParamViolation(String param, String entry, String message) {

    /** A problem with the whole parameter. */
    public ParamViolation(String param, String message) {
        this(param, null, message);
    }
}
