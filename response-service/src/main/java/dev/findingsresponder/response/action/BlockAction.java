package dev.findingsresponder.response.action;

import java.util.List;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.response.aws.AwsClients;

/**
 * A blocking plug-in ({@code nacl-deny}, {@code waf-block}) that carries out many requests for one enforcement
 * target in one call, and reads back what a location holds.
 *
 * <p>Why batches: requests for one target arrive in bursts (one finding names many addresses; a scan shows up
 * in many findings). Written one by one, each costs a read and a write of the same NACL or IP set, and an IP
 * set's read-modify-write races every other writer of the set for its LockToken. In one call the target is read
 * once and written once (one UpdateIPSet per set; for a NACL, one read and one CreateNetworkAclEntry per new
 * address, since EC2 has no batch call for entries), and capacity is shared out in request order.
 *
 * <p>Implementations make the single {@link #execute} / {@link #undo} the batch of one
 * ({@code executeAll(List.of(request), clients).get(0)}), so the two paths cannot drift apart; they declare them
 * themselves, as every plug-in does (the registry test checks that).
 */
public interface BlockAction extends ResponseAction {

    /**
     * Carries out every request; one outcome per request, in the same order. Idempotent like {@link #execute}:
     * an address already blocked, or requested twice in the batch, answers ALREADY_APPLIED (one entry is
     * written). Throws only for AWS faults worth retrying (throttling, 5xx); the caller then retries the whole
     * batch, which is safe because the writes already made answer ALREADY_APPLIED the next time.
     */
    List<ActionOutcome> executeAll(List<ActionRequest> requests, AwsClients clients);

    /**
     * Reverses every request ({@code REMOVED}, fact {@code removed=true/false}); same contract as
     * {@link #executeAll}.
     */
    List<ActionOutcome> undoAll(List<ActionRequest> requests, AwsClients clients);

    /**
     * What {@code location} holds now, from one read ({@code exists=false} when it is gone). AWS errors
     * propagate: the caller cannot reconcile against a read it did not get.
     *
     * @throws IllegalArgumentException when the location is of the other plug-in's kind
     */
    BlockInventory inventory(BlockLocation location, AwsClients clients);
}
