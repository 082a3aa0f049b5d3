package dev.findingsresponder.response.action;

/**
 * Whether an action can be undone.
 *
 * @param reversible true when {@code undo} restores the previous state
 * @param how        how it is undone, or why it cannot be (e.g. "a sent notification cannot be recalled")
 */
public record Reversibility(boolean reversible, String how) {

    public static Reversibility by(String how) {
        return new Reversibility(true, how);
    }

    public static Reversibility not(String why) {
        return new Reversibility(false, why);
    }
}
