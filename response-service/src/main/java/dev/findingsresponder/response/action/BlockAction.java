package dev.findingsresponder.response.action;

import java.util.List;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.response.aws.AwsClients;

/** TEMPORARY stand-in (replaced by the batch-actions branch). */
public interface BlockAction extends ResponseAction {
    List<ActionOutcome> executeAll(List<ActionRequest> requests, AwsClients clients);

    List<ActionOutcome> undoAll(List<ActionRequest> requests, AwsClients clients);

    BlockInventory inventory(BlockLocation location, AwsClients clients);
}
