package dev.findingsresponder.triage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.triage.score.IpLiteral;

/**
 * What makes two findings the same alert: (account, type, resource) with one remote address, one key per
 * address of the finding (or one key with {@code -} when it names none). A block is tracked under its address's
 * key, so a port probe that gains an address gets a block for the new address only; anything else (a
 * notification, an isolation) counts as already requested when any of the finding's keys had it.
 *
 * @param display   the keys in one line, for the triage record
 * @param byAddress each remote address (trimmed) to its key (addresses are compared in canonical form)
 * @param all       every key of the finding
 */
record RepeatKeys(String display, Map<String, String> byAddress, List<String> all) {

    static RepeatKeys of(Finding finding) {
        Finding.Resource resource = finding.resource();
        String resourceKey = resource == null ? "-"
                : firstNonNull(resource.id(), resource.instanceId(), resource.arn(), "-");
        String base = finding.account() + "|" + finding.type() + "|" + resourceKey + "|";
        Map<String, String> byAddress = new LinkedHashMap<>();
        TreeSet<String> canonical = new TreeSet<>();
        for (Finding.NetworkIndicator indicator : finding.network()) {
            String address = indicator.remoteIp() == null ? null : indicator.remoteIp().trim();
            if (address != null && !address.isEmpty() && !byAddress.containsKey(address)) {
                String normalized = canonical(address);
                canonical.add(normalized);
                byAddress.put(address, base + normalized);
            }
        }
        List<String> all = canonical.isEmpty() ? List.of(base + "-") : canonical.stream()
                .map(address -> base + address).toList();
        return new RepeatKeys(base + String.join(",", canonical), byAddress, all);
    }

    /** The key of one of the finding's remote addresses. */
    String forAddress(String address) {
        return byAddress.get(address);
    }

    /** What identifies a request among those already made: same playbook, mode, action and target. */
    static String token(ActionRequest request) {
        ActionRequest.Target target = request.target();
        return request.playbook() + "|" + request.mode() + "|" + request.action() + "|" + target.key() + "|"
                + target.resourceId();
    }

    private static String canonical(String address) {
        IpLiteral parsed = IpLiteral.parseOrNull(address);
        return parsed == null ? address : parsed.toString();
    }

    private static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
