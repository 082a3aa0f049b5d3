package dev.findingsresponder.ingest.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.findingsresponder.ingest.DeadLetterReplay;
import dev.findingsresponder.opsauth.OperatorRoles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/**
 * The dead-letter topic for operators: {@code GET /dlq} lists letters (viewer); {@code POST /dlq/replay} puts the
 * matching ingest letters back into {@code findings.raw} after a fix (operator), as a dry run unless
 * {@code dryRun=false}. Filters: {@code stage}, {@code reason}, {@code since}, {@code until} (ISO-8601 instants),
 * {@code limit}.
 */
@Path("/dlq")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(OperatorRoles.VIEWER)
@Blocking
public class DeadLetterResource {

    /** The largest {@code limit} accepted. */
    static final int MAX_LIMIT = 10_000;

    private final DeadLetterReplay replay;
    private final SecurityIdentity identity;

    public DeadLetterResource(DeadLetterReplay replay, SecurityIdentity identity) {
        this.replay = replay;
        this.identity = identity;
    }

    @GET
    public DeadLetterReplay.Report list(@QueryParam("stage") String stage, @QueryParam("reason") String reason,
            @QueryParam("since") String since, @QueryParam("until") String until,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        return replay.list(filter(stage, reason, since, until), limit(limit));
    }

    @POST
    @Path("/replay")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(OperatorRoles.OPERATOR)
    public DeadLetterReplay.Report replay(@QueryParam("stage") String stage, @QueryParam("reason") String reason,
            @QueryParam("since") String since, @QueryParam("until") String until,
            @QueryParam("limit") @DefaultValue("100") int limit,
            @QueryParam("dryRun") @DefaultValue("true") boolean dryRun) {
        return replay.replay(filter(stage, reason, since, until), limit(limit), dryRun,
                identity.getPrincipal().getName());
    }

    private static DeadLetterReplay.Filter filter(String stage, String reason, String since, String until) {
        return new DeadLetterReplay.Filter(blankToNull(stage), blankToNull(reason), instant("since", since),
                instant("until", until));
    }

    private static int limit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("limit must be from 1 to " + MAX_LIMIT + ", got " + limit);
        }
        return limit;
    }

    private static Instant instant(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + " must be an ISO-8601 instant like 2026-11-28T20:00:00Z, got '"
                    + text + "'");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
