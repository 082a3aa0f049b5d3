package dev.findingsresponder.response.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.findingsresponder.model.ActionResult;
import dev.findingsresponder.response.messaging.ResultPublisher;
import dev.findingsresponder.opsauth.OperatorRoles;
import io.smallrye.common.annotation.Blocking;

/** The latest results this instance published (the full history is {@code actions.results}). */
@Path("/results")
@RolesAllowed(OperatorRoles.VIEWER)
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class ResultResource {

    private final ResultPublisher publisher;

    public ResultResource(ResultPublisher publisher) {
        this.publisher = publisher;
    }

    /** Newest first, at most {@code limit} (up to 500). */
    @GET
    public List<ActionResult> recent(@QueryParam("limit") @DefaultValue("50") int limit) {
        return publisher.recent(Math.min(limit, 500));
    }
}
