package dev.findingsresponder.model.decode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.Hashes;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one raw input (EventBridge event, SNS notification, bare finding or API list) into canonical findings,
 * or a reason to reject it. Thread-safe; {@link #normalize(byte[])} never throws.
 *
 * <p>Cost: the bytes are parsed once into a Jackson tree, hashed once (SHA-256), and walked with cheap
 * accessors; only an SNS {@code Message} string is parsed a second time (it is JSON inside a string).
 */
public final class EventNormalizer {

    /** Default size limit: 1 MiB (EventBridge and SNS payloads are at most 256 KiB). */
    public static final int DEFAULT_MAX_BYTES = 1 << 20;


    private final Set<String> accountAllowlist;
    private final int maxBytes;
    private final InputReader reader = new InputReader(DecoderRegistry.standard());

    /** @param accountAllowlist accounts whose findings are accepted; empty set = all accounts allowed */
    public EventNormalizer(Set<String> accountAllowlist) {
        this(accountAllowlist, DEFAULT_MAX_BYTES);
    }

    /**
     * @param accountAllowlist accounts whose findings are accepted; empty set = all accounts allowed
     * @param maxBytes         inputs larger than this are rejected as OVERSIZED without parsing
     */
    public EventNormalizer(Set<String> accountAllowlist, int maxBytes) {
        this.accountAllowlist = accountAllowlist == null ? Set.of() : Set.copyOf(accountAllowlist);
        this.maxBytes = maxBytes;
    }

    /**
     * The EventBridge sources whose events carry findings, each with the {@code detail-type}s accepted from it
     * (in registration order). An event of another detail-type from one of these sources is rejected as
     * UNKNOWN_DETAIL_TYPE; the deployment's EventBridge rules are checked against this map.
     */
    public static Map<String, List<String>> acceptedDetailTypes() {
        return DecoderRegistry.standard().acceptedDetailTypes();
    }

    public NormalizeResult normalize(byte[] raw) {
        try {
            if (raw == null || raw.length == 0) {
                return new NormalizeResult.Rejected(RejectReason.NOT_JSON, "input is empty (0 bytes)");
            }
            if (raw.length > maxBytes) {
                return new NormalizeResult.Rejected(RejectReason.OVERSIZED,
                        "input is " + raw.length + " bytes, the limit is " + maxBytes);
            }
            JsonNode root = JsonInput.parse(raw, "input");
            List<Finding> findings = reader.read(root, sha256(raw), raw.length);
            if (findings.isEmpty()) {
                return new NormalizeResult.Rejected(RejectReason.NO_FINDINGS, "the input holds no finding");
            }
            checkAccounts(findings);
            checkInvariants(findings);
            return new NormalizeResult.Normalized(findings);
        } catch (DecodeException e) {
            return new NormalizeResult.Rejected(e.reason(), e.detail());
        } catch (RuntimeException | StackOverflowError e) {
            // Last resort: a bug or an input shape nobody anticipated must never kill the consumer.
            return new NormalizeResult.Rejected(RejectReason.NOT_AN_EVENT,
                    "unexpected " + e.getClass().getSimpleName() + " while decoding: " + e.getMessage());
        }
    }

    /** Every finding's account must be allowed; otherwise the whole input is rejected (fail closed). */
    private void checkAccounts(List<Finding> findings) {
        if (accountAllowlist.isEmpty()) {
            return;
        }
        for (int i = 0; i < findings.size(); i++) {
            String account = findings.get(i).account();
            if (account == null || !accountAllowlist.contains(account)) {
                throw new DecodeException(RejectReason.ACCOUNT_NOT_ALLOWED, "account " + account + " of finding "
                        + findings.get(i).nativeId() + (findings.size() > 1 ? " (finding " + i + " of " + findings.size()
                        + ")" : "") + " is not in the account allowlist");
            }
        }
    }

    /** Prefix of the detail when a decoded finding breaks an invariant: a decoder bug, rejected rather than passed on. */
    public static final String INVARIANT_BROKEN = "decoded finding breaks an invariant: ";

    private static void checkInvariants(List<Finding> findings) {
        for (Finding f : findings) {
            List<String> broken = FindingInvariants.violations(f);
            if (!broken.isEmpty()) {
                throw new DecodeException(RejectReason.WRONG_TYPE, INVARIANT_BROKEN + String.join("; ", broken));
            }
        }
    }

    static String sha256(byte[] raw) {
        return Hashes.sha256Hex(raw);
    }
}
