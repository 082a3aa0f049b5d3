package dev.findingsresponder.response.rest;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.logging.Logger;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult;
import dev.findingsresponder.response.ActionExecutor;
import dev.findingsresponder.response.messaging.ResultPublisher;
import dev.findingsresponder.opsauth.OperatorRoles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/**
 * Operator decisions on requests of playbooks in approve mode. Every result also goes to {@code actions.results}.
 * Reading needs a viewer key, deciding an operator key; the caller's name is recorded in the result's detail.
 */
@Path("/approvals")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@RolesAllowed(OperatorRoles.VIEWER)
public class ApprovalResource {

    private static final Logger LOG = Logger.getLogger(ApprovalResource.class);

    /** A request waiting for a decision. */
    public record PendingView(String requestId, String action, ActionRequest.Target target, String playbook,
                              String findingId, String reason, Instant parkedAt) {
    }

    private final ActionExecutor executor;
    private final ResultPublisher publisher;
    private final SecurityIdentity identity;

    public ApprovalResource(ActionExecutor executor, ResultPublisher publisher, SecurityIdentity identity) {
        this.executor = executor;
        this.publisher = publisher;
        this.identity = identity;
    }

    /** The pending requests, oldest first. */
    @GET
    public List<PendingView> pending() {
        return executor.pending().stream().map(p -> {
            ActionRequest r = p.request();
            return new PendingView(r.requestId(), r.action(), r.target(), r.playbook(),
                    r.finding() == null ? null : r.finding().id(), r.reason(), p.parkedAt());
        }).toList();
    }

    /** Executes the request: answers APPROVED and the execution's result; 404 when it is not pending. */
    @POST
    @Path("/{requestId}/approve")
    @RolesAllowed(OperatorRoles.OPERATOR)
    public List<ActionResult> approve(@PathParam("requestId") String requestId) {
        String operator = identity.getPrincipal().getName();
        List<ActionResult> results = executor.approve(requestId, operator);
        if (results.isEmpty()) {
            throw new NotFoundException("no pending request " + requestId);
        }
        LOG.infof("%s approved %s", operator, requestId);
        results.forEach(publisher::publishAndWait);
        return results;
    }

    /** Answers REJECTED; 404 when the request is not pending. */
    @POST
    @Path("/{requestId}/reject")
    @RolesAllowed(OperatorRoles.OPERATOR)
    public ActionResult reject(@PathParam("requestId") String requestId) {
        String operator = identity.getPrincipal().getName();
        ActionResult result = executor.reject(requestId, operator)
                .orElseThrow(() -> new NotFoundException("no pending request " + requestId));
        LOG.infof("%s rejected %s", operator, requestId);
        publisher.publishAndWait(result);
        return result;
    }
}
