package dev.findingsresponder.triage.rest;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.model.decode.EventNormalizer;
import dev.findingsresponder.model.decode.NormalizeResult;
import dev.findingsresponder.triage.PolicyHolder;
import dev.findingsresponder.triage.TriageEngine;
import dev.findingsresponder.opsauth.OperatorRoles;

/**
 * {@code POST /explain}: a raw event (any form ingest accepts) or a canonical finding in; for each
 * finding its score breakdown, suppression verdict, matched playbooks and the action requests that
 * would be made. Nothing is recorded or sent.
 */
@Path("/explain")
@RolesAllowed(OperatorRoles.VIEWER)
public class ExplainResource {

    private final TriageEngine engine;
    private final PolicyHolder policies;
    private final EventNormalizer normalizer = new EventNormalizer(Set.of());

    public ExplainResource(TriageEngine engine, PolicyHolder policies) {
        this.engine = engine;
        this.policies = policies;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response explain(byte[] body) {
        if (policies.active().isEmpty()) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .entity(Map.of("error", "no valid policy is loaded", "policyErrors", policies.lastErrors())).build();
        }
        List<Finding> findings;
        switch (normalizer.normalize(body)) {
            case NormalizeResult.Normalized normalized -> findings = normalized.findings();
            case NormalizeResult.Rejected rejected -> {
                Finding canonical = canonicalOrNull(body);
                if (canonical == null) {
                    return Response.status(Response.Status.BAD_REQUEST).entity(Map.of(
                            "error", "neither an event ingest accepts nor a canonical finding",
                            "reason", rejected.reason().name(), "detail", rejected.detail())).build();
                }
                findings = List.of(canonical);
            }
        }
        return Response.ok(Map.of(
                "policyVersion", policies.active().get().version(),
                "results", findings.stream().map(engine::explain).toList())).build();
    }

    private static Finding canonicalOrNull(byte[] body) {
        try {
            Finding finding = FindingCodec.fromJson(body);
            return finding.id() != null && finding.type() != null && finding.severity() != null
                    && finding.source() != null ? finding : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
