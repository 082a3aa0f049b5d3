package dev.findingsresponder.model.action;

/**
 * One problem with an action's parameters.
 *
 * @param param   the parameter the problem is about (for a missing parameter, the one that is missing)
 * @param message the complete message, naming the action, the parameter and what was expected
 */
public record ParamViolation(String param, String message) {
}
