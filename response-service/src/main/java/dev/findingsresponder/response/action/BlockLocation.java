package dev.findingsresponder.response.action;

import java.util.Optional;

/** TEMPORARY stand-in (replaced by the batch-actions branch). */
public record BlockLocation(String kind, String account, String region, String id, String scope) {
    public String key() {
        return "nacl".equals(kind) ? "nacl:" + account + ":" + region + ":" + id
                : "waf:" + account + ":" + region + ":" + scope + ":" + id;
    }

    public static Optional<BlockLocation> parse(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String[] p = key.split(":", -1);
        if (p.length == 4 && "nacl".equals(p[0])) {
            return Optional.of(new BlockLocation("nacl", p[1], p[2], p[3], null));
        }
        if (p.length == 5 && "waf".equals(p[0])) {
            return Optional.of(new BlockLocation("waf", p[1], p[2], p[4], p[3]));
        }
        return Optional.empty();
    }
}
