package dev.findingsresponder.model.drill;

/**
 * A drill spec that cannot be generated; the message says which option is wrong and what is accepted, so the
 * CLI and {@code POST /drills} can show it to the operator as is.
 */
public class InvalidDrillSpecException extends IllegalArgumentException {

    public InvalidDrillSpecException(String message) {
        super(message);
    }
}
