package dev.findingsresponder.response.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.findingsresponder.response.ReconcileReport;
import dev.findingsresponder.response.Reconciler;
import dev.findingsresponder.opsauth.OperatorRoles;
import io.smallrye.common.annotation.Blocking;

/** Runs a reconciliation now, or shows the last one. */
@Path("/reconcile")
@RolesAllowed(OperatorRoles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ReconcileResource {

    private final Reconciler reconciler;

    public ReconcileResource(Reconciler reconciler) {
        this.reconciler = reconciler;
    }

    /** Compares every location with AWS now (expiry, interrupted writes, drift); answers the report. */
    @POST
    @RolesAllowed(OperatorRoles.OPERATOR)
    public ReconcileReport reconcile() {
        return reconciler.reconcile();
    }

    /** The last report; 404 before the first reconciliation. */
    @GET
    public ReconcileReport last() {
        return reconciler.lastReport().orElseThrow(() -> new NotFoundException("no reconciliation has run yet"));
    }
}
