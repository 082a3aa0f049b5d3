package dev.findingsresponder.model.decode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.findingsresponder.model.Direction;
import dev.findingsresponder.model.Finding.NetworkIndicator;
import dev.findingsresponder.model.IndicatorKind;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Remote network indicators of a GuardDuty Extended Threat Detection attack sequence
 * ({@code service.detection.sequence}, GuardDuty API {@code Sequence}): one per {@code endpoints[]} entry with an
 * {@code ip} or {@code domain}, then the addresses and domains that only the indicators name
 * ({@code sequenceIndicators[]} and each {@code signals[].signalIndicators[]} with an IP or domain key).
 */
final class AttackSequences {

    private static final Set<String> IP_KEYS = Set.of("MALICIOUS_IP", "TOR_IP", "CRYPTOMINING_IP");
    private static final Set<String> DOMAIN_KEYS = Set.of("MALICIOUS_DOMAIN", "CRYPTOMINING_DOMAIN");

    private AttackSequences() {
    }

    static void extract(JsonNode service, List<NetworkIndicator> out) {
        JsonNode sequence = Json.at(service, "detection", "sequence");
        if (sequence == null || !sequence.isObject()) {
            return;
        }
        JsonNode endpoints = Json.arrOrNull(sequence, "endpoints");
        if (endpoints != null) {
            for (JsonNode endpoint : endpoints) {
                endpoint(endpoint, out);
            }
        }
        // what is already named, so each further value is looked up once (a scan of the list per value was
        // quadratic: seconds of CPU for one hostile event of a few hundred KiB)
        Set<String> namedIps = new HashSet<>();
        Set<String> namedDomains = new HashSet<>();
        for (NetworkIndicator indicator : out) {
            if (indicator.remoteIp() != null) {
                namedIps.add(indicator.remoteIp());
            }
            if (indicator.domain() != null) {
                namedDomains.add(indicator.domain());
            }
        }
        indicators(Json.arrOrNull(sequence, "sequenceIndicators"), namedIps, namedDomains, out);
        JsonNode signals = Json.arrOrNull(sequence, "signals");
        if (signals != null) {
            for (JsonNode signal : signals) {
                indicators(Json.arrOrNull(signal, "signalIndicators"), namedIps, namedDomains, out);
            }
        }
    }

    private static void endpoint(JsonNode endpoint, List<NetworkIndicator> out) {
        String ip = Json.text(endpoint, "ip");
        String domain = Json.text(endpoint, "domain");
        if (ip == null && domain == null) {
            return;
        }
        JsonNode as = Json.objOrNull(endpoint, "autonomousSystem");
        Long asn = Json.longValue(as == null ? null : as.get("number"));
        out.add(new NetworkIndicator(IndicatorKind.ATTACK_SEQUENCE,
                NetworkActions.direction(Json.text(Json.objOrNull(endpoint, "connection"), "direction")), ip,
                IpAddresses.version(ip), Json.port(endpoint, "port"), null, null, null, null, null,
                Json.text(Json.objOrNull(endpoint, "location"), "country"), asn != null && asn > 0 ? asn : null,
                Json.text(as, "name"), null, domain, null));
    }

    private static void indicators(JsonNode indicators, Set<String> namedIps, Set<String> namedDomains,
            List<NetworkIndicator> out) {
        if (indicators == null) {
            return;
        }
        for (JsonNode indicator : indicators) {
            String key = Json.text(indicator, "key");
            if (key == null) {
                continue; // Set.of(...).contains(null) throws
            }
            boolean ips = IP_KEYS.contains(key);
            if (!ips && !DOMAIN_KEYS.contains(key)) {
                continue;
            }
            for (String value : Json.texts(indicator, "values")) {
                if (ips && IpAddresses.version(value) != null && namedIps.add(value)) {
                    out.add(new NetworkIndicator(IndicatorKind.ATTACK_SEQUENCE, null, value,
                            IpAddresses.version(value), null, null, null, null, null, null, null, null, null, null,
                            null, null));
                } else if (!ips && namedDomains.add(value)) {
                    out.add(new NetworkIndicator(IndicatorKind.ATTACK_SEQUENCE, null, null, null, null, null, null,
                            null, null, null, null, null, null, null, value, null));
                }
            }
        }
    }
}
