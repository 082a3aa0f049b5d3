package dev.findingsresponder.response.rest;

import java.time.Clock;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import dev.findingsresponder.opsauth.OperatorRoles;
import dev.findingsresponder.response.guard.KillSwitch;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/**
 * The global kill switch at run time: while on, every request is SKIPPED_GUARDRAIL and the reconciler writes
 * nothing. {@code PUT} takes {@code {"on": true|false, "reason": "..."}}; the setting survives a restart.
 */
@Path("/kill-switch")
@RolesAllowed(OperatorRoles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class KillSwitchResource {

    private static final Logger LOG = Logger.getLogger(KillSwitchResource.class);

    /** The body of a change. */
    public record Change(Boolean on, String reason) {
    }

    private final KillSwitch killSwitch;
    private final SecurityIdentity identity;

    public KillSwitchResource(KillSwitch killSwitch, SecurityIdentity identity) {
        this.killSwitch = killSwitch;
        this.identity = identity;
    }

    @GET
    public KillSwitch.State state() {
        return killSwitch.state();
    }

    /** 409 when turning off a switch the configuration turned on. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(OperatorRoles.OPERATOR)
    public KillSwitch.State change(Change change) {
        if (change == null || change.on() == null) {
            throw new BadRequestException("body must be {\"on\": true|false, \"reason\": \"...\"}");
        }
        String who = identity.getPrincipal().getName();
        try {
            KillSwitch.State state = killSwitch.set(change.on(), who, change.reason(), Clock.systemUTC().instant());
            LOG.warnf("kill switch turned %s by %s%s", change.on() ? "ON" : "off", who,
                    change.reason() == null ? "" : ": " + change.reason());
            return state;
        } catch (IllegalStateException e) {
            throw new WebApplicationException(Response.status(Response.Status.CONFLICT)
                    .entity(Map.of("error", e.getMessage())).type(MediaType.APPLICATION_JSON).build());
        }
    }
}
