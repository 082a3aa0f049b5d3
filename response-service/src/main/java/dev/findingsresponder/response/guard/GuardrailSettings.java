package dev.findingsresponder.response.guard;

import java.util.List;

/**
 * What the guardrails protect beyond the fixed special-purpose ranges.
 *
 * @param ownCidrs     the organisation's own infrastructure (egress NAT addresses, VPN endpoints, offices): never blocked
 * @param trustedCidrs trusted lists (e.g. the GuardDuty trusted IP lists): never blocked
 * @param killSwitch   when on, every action is refused
 */
public record GuardrailSettings(List<String> ownCidrs, List<String> trustedCidrs, boolean killSwitch) {

    public GuardrailSettings {
        ownCidrs = ownCidrs == null ? List.of() : List.copyOf(ownCidrs);
        trustedCidrs = trustedCidrs == null ? List.of() : List.copyOf(trustedCidrs);
    }

    /** No own or trusted ranges, kill switch off. */
    public static GuardrailSettings none() {
        return new GuardrailSettings(List.of(), List.of(), false);
    }
}
