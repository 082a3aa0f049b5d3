package dev.findingsresponder.response.rest;

/**
 * The roles of the operator API, for {@code @RolesAllowed}: reads need {@link #VIEWER}, anything that decides or
 * changes something needs {@link #OPERATOR}. An operator key carries both roles.
 */
public final class OperatorRoles {

    /** May read: list approvals, blocks, results. */
    public static final String VIEWER = "viewer";

    /** May decide and change: approve, reject, unblock, reconcile. Implies {@link #VIEWER}. */
    public static final String OPERATOR = "operator";

    private OperatorRoles() {
    }
}
