package dev.findingsresponder.opsauth;

/**
 * The roles of the operator API, for {@code @RolesAllowed}: reads need {@link #VIEWER}, anything that decides or
 * changes something needs {@link #OPERATOR}. An operator key carries both roles. The pattern (see
 * {@link ApprovalResource}): {@code @RolesAllowed(OperatorRoles.VIEWER)} on the resource class and
 * {@code @RolesAllowed(OperatorRoles.OPERATOR)} on each mutating method; the caller's name is
 * {@code SecurityIdentity.getPrincipal().getName()}. A REST endpoint with no annotation is denied.
 */
public final class OperatorRoles {

    /** May read: list approvals, blocks, results. */
    public static final String VIEWER = "viewer";

    /** May decide and change: approve, reject, unblock, reconcile. Implies {@link #VIEWER}. */
    public static final String OPERATOR = "operator";

    private OperatorRoles() {
    }
}
