package dev.findingsresponder.opsauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configured API keys of the operator API and whom each belongs to. Only SHA-256 digests of the keys are
 * kept, and a presented key is compared with every one of them in constant time. Error messages and
 * {@link #toString()} name entries by list and position (and name), never by the key.
 */
public final class ApiKeys {

    /** Shortest key accepted. */
    public static final int MIN_KEY_LENGTH = 16;

    static final String VIEWER_PROPERTY = "ops.api.viewer-keys";
    static final String OPERATOR_PROPERTY = "ops.api.operator-keys";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    /** The owner of a key: its principal name and roles. */
    public record Caller(String name, Set<String> roles) {
    }

    /** {@code list}: the role whose list the key was configured in. */
    private record Entry(byte[] digest, Caller caller, String list) {
    }

    private final List<Entry> entries;

    private ApiKeys(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Parses both lists; each entry is {@code key} (its principal is {@code viewer-N} / {@code operator-N}, N its
     * position in the list) or {@code name:key} (the name: letters, digits, {@code . _ @ -}, at most 64; a key
     * containing ':' therefore needs a name). Blank entries are ignored.
     *
     * @throws IllegalArgumentException listing every problem: a key shorter than {@value #MIN_KEY_LENGTH}
     *                                  characters, an invalid name, a key configured twice (in one list or in both),
     *                                  a key shaped like a JWT
     */
    public static ApiKeys parse(List<String> viewerKeys, List<String> operatorKeys) {
        List<String> errors = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        Map<String, String> placeOfDigest = new HashMap<>();
        read(viewerKeys, VIEWER_PROPERTY, OperatorRoles.VIEWER, Set.of(OperatorRoles.VIEWER), entries, placeOfDigest,
                errors);
        read(operatorKeys, OPERATOR_PROPERTY, OperatorRoles.OPERATOR,
                Set.of(OperatorRoles.VIEWER, OperatorRoles.OPERATOR), entries, placeOfDigest, errors);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid operator API keys: " + String.join("; ", errors));
        }
        return new ApiKeys(entries);
    }

    private static void read(List<String> raw, String property, String role, Set<String> roles, List<Entry> entries,
            Map<String, String> placeOfDigest, List<String> errors) {
        for (int i = 0; i < raw.size(); i++) {
            String item = raw.get(i) == null ? "" : raw.get(i).trim();
            if (item.isEmpty()) {
                continue;
            }
            String place = "entry " + (i + 1) + " of " + property;
            int colon = item.indexOf(':');
            String name = colon < 0 ? role + "-" + (i + 1) : item.substring(0, colon).trim();
            String key = colon < 0 ? item : item.substring(colon + 1).trim();
            if (!NAME.matcher(name).matches()) {
                // do not echo it: with a bare key that contains ':' this text is part of the key
                errors.add(place + ": the text before ':' is not a valid name (letters, digits, . _ @ -, at most 64;"
                        + " a key containing ':' must be written name:key)");
                continue;
            }
            place = place + " (" + name + ")";
            if (key.length() < MIN_KEY_LENGTH) {
                errors.add(place + ": the key is shorter than " + MIN_KEY_LENGTH + " characters");
                continue;
            }
            if (BearerTokens.looksLikeJwt(key)) {
                errors.add(place + ": the key has the shape of a JWT (eyJ....); bearer JWTs are verified against"
                        + " ops.jwt.*, never configured as keys");
                continue;
            }
            byte[] digest = sha256(key);
            String earlier = placeOfDigest.putIfAbsent(HexFormat.of().formatHex(digest), place);
            if (earlier != null) {
                errors.add(place + " is the same key as " + earlier + ": every key needs its own value and one role"
                        + " (operator keys can read too)");
                continue;
            }
            entries.add(new Entry(digest, new Caller(name, roles), role));
        }
    }

    /** True when no key is configured: every protected call is refused. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The names of the keys configured in the list of {@code role} (viewer or operator), in order. */
    public List<String> names(String role) {
        return entries.stream().filter(e -> e.list().equals(role)).map(e -> e.caller().name()).toList();
    }

    /**
     * The owner of {@code presentedKey}, if it is one of the configured keys. Compares SHA-256 digests with
     * {@link MessageDigest#isEqual} against every configured key, without stopping at a match.
     */
    public Optional<Caller> find(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = sha256(presentedKey);
        Caller found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), digest) && found == null) {
                found = entry.caller();
            }
        }
        return Optional.ofNullable(found);
    }

    @Override
    public String toString() {
        return "ApiKeys[viewers=" + names(OperatorRoles.VIEWER) + ", operators=" + names(OperatorRoles.OPERATOR) + "]";
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

}
