package dev.findingsresponder.triage.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.findingsresponder.triage.PolicyHolder;
import dev.findingsresponder.triage.policy.Policy;
import dev.findingsresponder.opsauth.OperatorRoles;

/** {@code GET /playbooks} and {@code GET /suppressions}: the active policy, its version and load time. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(OperatorRoles.VIEWER)
public class PolicyResource {

    private final PolicyHolder policies;

    public PolicyResource(PolicyHolder policies) {
        this.policies = policies;
    }

    @GET
    @Path("playbooks")
    public Response playbooks() {
        return respond("playbooks");
    }

    @GET
    @Path("suppressions")
    public Response suppressions() {
        return respond("suppressions");
    }

    private Response respond(String part) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("file", policies.file().toString());
        body.put("lastLoadErrors", policies.lastErrors());
        if (policies.active().isEmpty()) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).entity(body).build();
        }
        Policy policy = policies.active().get();
        body.put("version", policy.version());
        body.put("loadedAt", policy.loadedAt());
        body.put(part, part.equals("playbooks") ? policy.playbooks() : policy.suppressions());
        return Response.ok(body).build();
    }
}
