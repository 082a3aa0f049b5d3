package dev.findingsresponder.response.rest;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult;
import dev.findingsresponder.response.ActionExecutor;
import dev.findingsresponder.response.messaging.ResultPublisher;
import io.smallrye.common.annotation.Blocking;

/**
 * Operator decisions on requests of playbooks in approve mode. Every result also goes to {@code actions.results}.
 * NOT YET AUTHENTICATED: part 2 (the operator API) adds authentication and records who decided; until then keep
 * this port off any network operators do not control.
 */
@Path("/approvals")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ApprovalResource {

    /** A request waiting for a decision. */
    public record PendingView(String requestId, String action, ActionRequest.Target target, String playbook,
                              String findingId, String reason, Instant parkedAt) {
    }

    private final ActionExecutor executor;
    private final ResultPublisher publisher;

    public ApprovalResource(ActionExecutor executor, ResultPublisher publisher) {
        this.executor = executor;
        this.publisher = publisher;
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
    public List<ActionResult> approve(@PathParam("requestId") String requestId) {
        List<ActionResult> results = executor.approve(requestId);
        if (results.isEmpty()) {
            throw new NotFoundException("no pending request " + requestId);
        }
        results.forEach(publisher::publishAndWait);
        return results;
    }

    /** Answers REJECTED; 404 when the request is not pending. */
    @POST
    @Path("/{requestId}/reject")
    public ActionResult reject(@PathParam("requestId") String requestId) {
        ActionResult result = executor.reject(requestId)
                .orElseThrow(() -> new NotFoundException("no pending request " + requestId));
        publisher.publishAndWait(result);
        return result;
    }
}
