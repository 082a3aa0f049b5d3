package dev.findingsresponder.response.action;

import java.util.Optional;

/**
 * Where a block lives: one network ACL, or one WAFv2 IP set. Its {@link #key()} is the {@code location} fact of
 * every APPLIED / ALREADY_APPLIED / REMOVED outcome of {@code nacl-deny} and {@code waf-block}, so the desired
 * state can be recorded per location and compared with {@link BlockAction#inventory} later.
 *
 * <p>To act on a location again, a request names it exactly: {@code nacl-deny} with the parameter
 * {@code nacl-id} = {@link #id()} (an explicit NACL never falls back to another one); {@code waf-block} with the
 * target's resource id = {@link #id()} and the parameter {@code scope} = {@link #scope()} (the resource id wins
 * over the {@code ip-set-v4}/{@code ip-set-v6} parameters), both in the location's account and region.
 *
 * @param kind    {@value #NACL} or {@value #WAF}
 * @param account AWS account id
 * @param region  region; always {@code us-east-1} for a CLOUDFRONT IP set (where AWS keeps them), so one set has
 *                one key whatever region a finding named
 * @param id      the NACL id, or the IP set's name (names are stable, ids change when a set is re-created)
 * @param scope   {@code REGIONAL} or {@code CLOUDFRONT} for an IP set, {@code null} for a NACL
 */
public record BlockLocation(String kind, String account, String region, String id, String scope) {

    public static final String NACL = "nacl";
    public static final String WAF = "waf";
    static final String CLOUDFRONT_REGION = "us-east-1";

    public BlockLocation {
        if (!NACL.equals(kind) && !WAF.equals(kind)) {
            throw new IllegalArgumentException("kind must be nacl or waf, got " + kind);
        }
        requirePart("account", account);
        requirePart("region", region);
        requirePart("id", id);
        if (NACL.equals(kind) && scope != null) {
            throw new IllegalArgumentException("a NACL location has no scope, got " + scope);
        }
        if (WAF.equals(kind)) {
            if (!"REGIONAL".equals(scope) && !"CLOUDFRONT".equals(scope)) {
                throw new IllegalArgumentException("WAF scope must be REGIONAL or CLOUDFRONT, got " + scope);
            }
            if ("CLOUDFRONT".equals(scope)) {
                region = CLOUDFRONT_REGION;
            }
        }
    }

    public static BlockLocation nacl(String account, String region, String naclId) {
        return new BlockLocation(NACL, account, region, naclId, null);
    }

    public static BlockLocation waf(String account, String region, String scope, String setName) {
        return new BlockLocation(WAF, account, region, setName, scope);
    }

    /** {@code nacl:<account>:<region>:<naclId>} or {@code waf:<account>:<region>:<scope>:<setName>}. */
    public String key() {
        return NACL.equals(kind) ? String.join(":", kind, account, region, id)
                : String.join(":", kind, account, region, scope, id);
    }

    /** The location a {@link #key()} names; empty when {@code key} is not one. */
    public static Optional<BlockLocation> parse(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String[] parts = key.split(":", -1);
        try {
            if (parts.length == 4 && NACL.equals(parts[0])) {
                return Optional.of(nacl(parts[1], parts[2], parts[3]));
            }
            if (parts.length == 5 && WAF.equals(parts[0])) {
                return Optional.of(waf(parts[1], parts[2], parts[3], parts[4]));
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return key();
    }

    /** A part must be non-blank and free of ':' so that {@link #parse} can split the key again. */
    private static void requirePart(String name, String value) {
        if (value == null || value.isBlank() || value.indexOf(':') >= 0 || !value.strip().equals(value)) {
            throw new IllegalArgumentException(name + " must be non-blank without ':' or surrounding spaces, got '"
                    + value + "'");
        }
    }
}
