package dev.findingsresponder.triage.policy;

/**
 * One problem in a policy file, located to its line and column (both 1-based).
 *
 * @param sourceName the file name the policy was loaded from ({@code policy.yaml})
 * @param line       1-based line
 * @param column     1-based column
 * @param message    what is wrong and what was expected
 */
public record PolicyError(String sourceName, int line, int column, String message) {

    /** {@code sourceName:line:column: message}, as compilers print it. */
    @Override
    public String toString() {
        return sourceName + ":" + line + ":" + column + ": " + message;
    }
}
