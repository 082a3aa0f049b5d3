package dev.findingsresponder.model.decode;

import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.Finding.NetworkIndicator;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What every canonical finding the normalizer emits guarantees, whatever its input: the fields later stages key,
 * score and route on are present and in range. {@link EventNormalizer} rejects an input whose decoded finding breaks
 * one (fail closed) rather than pass it on; the fuzz tests check the same list.
 */
public final class FindingInvariants {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private FindingInvariants() {
    }

    /** Every broken invariant of {@code f}, each as "field: what is wrong"; empty when the finding is valid. */
    public static List<String> violations(Finding f) {
        List<String> out = new ArrayList<>(0);
        if (f == null) {
            return List.of("finding: null");
        }
        requireText(out, "id", f.id());
        requireText(out, "nativeId", f.nativeId());
        requireText(out, "type", f.type());
        requireText(out, "region", f.region());
        requireText(out, "partition", f.partition());
        if (f.source() == null) {
            out.add("source: null");
        }
        if (f.product() == null) {
            out.add("product: null");
        }
        if (f.id() != null && f.id().contains(":null:")) {
            out.add("id: contains a null part: " + f.id());
        }
        if (f.count() < 1) {
            out.add("count: " + f.count() + " is below 1");
        }
        Finding.Severity s = f.severity();
        if (s == null) {
            out.add("severity: null");
        } else {
            if (!(s.normalized() >= 0.0 && s.normalized() <= 10.0)) {
                out.add("severity.normalized: " + s.normalized() + " is outside 0-10");
            }
            if (s.label() == null) {
                out.add("severity.label: null");
            }
        }
        if (f.types() == null || f.network() == null || f.additionalResources() == null) {
            out.add("collections: a list is null");
        }
        if (f.network() != null) {
            for (int i = 0; i < f.network().size(); i++) {
                network(out, i, f.network().get(i));
            }
        }
        resource(out, "resource", f.resource());
        if (f.additionalResources() != null) {
            for (int i = 0; i < f.additionalResources().size(); i++) {
                resource(out, "additionalResources[" + i + "]", f.additionalResources().get(i));
            }
        }
        if (f.state() == null) {
            out.add("state: null");
        }
        Finding.RawRef raw = f.raw();
        if (raw == null || raw.sha256() == null || !SHA256_HEX.matcher(raw.sha256()).matches() || raw.form() == null) {
            out.add("raw: missing the input's SHA-256 or form");
        }
        return out;
    }

    /** Tag keys are JSON names downstream: Jackson refuses names above 50,000 characters, AWS above 128. */
    private static void resource(List<String> out, String name, Finding.Resource r) {
        if (r == null) {
            return;
        }
        for (String key : r.tags().keySet()) {
            if (key.length() > ResourceDraft.MAX_TAG_KEY_LENGTH) {
                out.add(name + ".tags: a key of " + key.length() + " characters");
            }
        }
    }

    private static void network(List<String> out, int i, NetworkIndicator n) {
        if (n == null) {
            out.add("network[" + i + "]: null");
            return;
        }
        if (n.kind() == null) {
            out.add("network[" + i + "].kind: null");
        }
        if (n.remoteIp() != null && n.ipVersion() != null && n.ipVersion() != 4 && n.ipVersion() != 6) {
            out.add("network[" + i + "].ipVersion: " + n.ipVersion());
        }
        port(out, i, "remotePort", n.remotePort());
        port(out, i, "localPort", n.localPort());
        port(out, i, "localPortEnd", n.localPortEnd());
    }

    private static void port(List<String> out, int i, String name, Integer port) {
        if (port != null && (port < 0 || port > 65535)) {
            out.add("network[" + i + "]." + name + ": " + port + " is outside 0-65535");
        }
    }

    private static void requireText(List<String> out, String name, String value) {
        if (value == null || value.isBlank()) {
            out.add(name + ": " + (value == null ? "null" : "blank"));
        }
    }
}
