package dev.findingsresponder.response.rest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.findingsresponder.response.DesiredBlock;
import dev.findingsresponder.response.DesiredState;
import dev.findingsresponder.response.Reconciler;
import dev.findingsresponder.response.action.HostCidr;
import dev.findingsresponder.opsauth.OperatorRoles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/** The blocks in force (desired state) and unblocking. Removals go to {@code actions.results} as REMOVED. */
@Path("/blocks")
@RolesAllowed(OperatorRoles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class BlockResource {

    /** A block as operators see it. */
    public record BlockView(String address, String action, String target, String status, Set<String> locations,
                            String reason, String findingId, String playbook, String requestId, int priority,
                            Instant blockedAt, Instant expiresAt) {
        static BlockView of(DesiredBlock b) {
            return new BlockView(b.cidr(), b.action(), b.targetKey(), b.status().name(), b.locations(), b.reason(),
                    b.findingId(), b.playbook(), b.request() == null ? null : b.request().requestId(), b.priority(),
                    b.blockedAt(), b.expiresAt());
        }
    }

    private final DesiredState state;
    private final Reconciler reconciler;
    private final SecurityIdentity identity;

    public BlockResource(DesiredState state, Reconciler reconciler, SecurityIdentity identity) {
        this.state = state;
        this.reconciler = reconciler;
        this.identity = identity;
    }

    /** Active blocks, soonest expiry first; {@code address} and {@code target} narrow the list. */
    @GET
    public List<BlockView> list(@QueryParam("address") String address, @QueryParam("target") String target) {
        Optional<String> cidr = address == null ? Optional.empty() : Optional.of(cidr(address));
        return state.all().stream()
                .filter(b -> cidr.map(c -> c.equals(b.cidr())).orElse(true))
                .filter(b -> target == null || target.equals(b.targetKey()))
                .map(BlockView::of).toList();
    }

    /**
     * Removes the blocks of {@code address} now: everywhere, or only for {@code target}. Answers the blocks removed;
     * 404 when there is none. The address may be blocked again by a later finding; to prevent that, add it to the
     * trusted list.
     */
    @DELETE
    @RolesAllowed(OperatorRoles.OPERATOR)
    public List<BlockView> unblock(@QueryParam("address") String address, @QueryParam("target") String target) {
        if (address == null || address.isBlank()) {
            throw new BadRequestException("query parameter 'address' is required");
        }
        List<DesiredBlock> removed = reconciler.unblock(cidr(address), Optional.ofNullable(target),
                identity.getPrincipal().getName());
        if (removed.isEmpty()) {
            throw new NotFoundException("no block of " + address + (target == null ? "" : " for " + target));
        }
        return removed.stream().map(BlockView::of).toList();
    }

    private static String cidr(String address) {
        return HostCidr.of(address).orElseThrow(() -> new BadRequestException(
                "'" + address + "' is not one IPv4 or IPv6 address"));
    }
}
