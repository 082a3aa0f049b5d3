package dev.findingsresponder.response.action;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** TEMPORARY stand-in (replaced by the batch-actions branch). */
public record BlockInventory(BlockLocation location, boolean exists, Set<String> blocked, List<String> foreign,
                             Map<String, Integer> ruleNumbers) {
}
