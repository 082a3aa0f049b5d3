package dev.findingsresponder.response;

import java.time.Instant;
import java.util.List;

/**
 * What one reconciliation found and did.
 *
 * @param startedAt  when it started
 * @param finishedAt when it finished
 * @param blocks     desired blocks compared
 * @param locations  NACLs and IP sets read
 * @param expired    blocks removed because their time was up
 * @param drift      every difference between desired and actual, and what was done about it
 * @param errors     locations that could not be read or repaired (tried again next time)
 */
public record ReconcileReport(Instant startedAt, Instant finishedAt, int blocks, int locations, int expired,
                              List<Drift> drift, List<String> errors) {

    /**
     * One difference.
     *
     * @param kind     MISSING (desired, not in AWS), UNKNOWN (a block-shaped entry in our NACL rule range that no
     *                 desired block explains), FOREIGN (another entry inside our rule range), GONE (the NACL or IP
     *                 set no longer exists), INTERRUPTED (an intent whose AWS write was never confirmed)
     * @param location the NACL or IP set ({@code BlockLocation} key)
     * @param cidr     the address concerned, when there is one
     * @param action   REPAIRED, REPORTED, ADOPTED, DROPPED or FAILED, and why
     */
    public record Drift(String kind, String location, String cidr, String action) {
    }
}
