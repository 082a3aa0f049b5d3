package dev.findingsresponder.triage.score;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An immutable set of IPv4 and IPv6 addresses and CIDR blocks, read from GuardDuty-style plain text: one
 * entry per line, blank lines and {@code #} comments ignored, anything after the first whitespace ignored.
 *
 * <p>Per prefix length the masked network addresses sit in a hash table, and a lookup probes only the
 * prefix lengths present, longest first, so it costs a handful of hash probes whatever the list size and
 * the answer is the most specific entry. Entries with host bits set ({@code 10.1.2.3/24}) are accepted as
 * their network. IPv4-mapped IPv6 ({@code ::ffff:a.b.c.d}, or {@code ::ffff:a.b.c.0/120}) is stored and
 * looked up as IPv4, so either spelling matches the other.
 *
 * <p>Invalid lines are never dropped silently: they are reported as errors with their line numbers.
 * {@code /0} is an error too: a whole address family on a list is a mistake, not an intent.
 */
public final class CidrSet {

    /** At most this many error lines are kept per source; the rest are counted in one summary line. */
    static final int MAX_REPORTED_ERRORS = 100;

    private static final CidrSet EMPTY = new CidrSet("empty", new AddressTable[33], new AddressTable[129], 0);

    /**
     * Outcome of {@link #parse}.
     *
     * @param set    every valid entry
     * @param errors one message per invalid line ({@code "<source> line <n>: '<text>': <why>"}), empty when all
     *               lines were valid
     */
    public record ParseResult(CidrSet set, List<String> errors) {
        public ParseResult {
            errors = List.copyOf(errors);
        }
    }

    private final String sourceName;
    private final AddressTable[] v4ByPrefix;
    private final AddressTable[] v6ByPrefix;
    private final int[] v4Prefixes;
    private final int[] v6Prefixes;
    private final int size;

    private CidrSet(String sourceName, AddressTable[] v4ByPrefix, AddressTable[] v6ByPrefix, int size) {
        this.sourceName = sourceName;
        this.v4ByPrefix = v4ByPrefix;
        this.v6ByPrefix = v6ByPrefix;
        this.v4Prefixes = presentPrefixesLongestFirst(v4ByPrefix);
        this.v6Prefixes = presentPrefixesLongestFirst(v6ByPrefix);
        this.size = size;
    }

    public static CidrSet empty() {
        return EMPTY;
    }

    /** Parses the lines of one source; {@code sourceName} names it in error messages. */
    public static ParseResult parse(String sourceName, List<String> lines) {
        AddressTable[] v4 = new AddressTable[33];
        AddressTable[] v6 = new AddressTable[129];
        List<String> errors = new ArrayList<>();
        int invalid = 0;
        int lineNumber = 0;
        for (String line : lines) {
            lineNumber++;
            String token = entryToken(line);
            if (token.isEmpty()) {
                continue;
            }
            String problem = add(token, v4, v6);
            if (problem != null) {
                invalid++;
                if (invalid <= MAX_REPORTED_ERRORS) {
                    errors.add(sourceName + " line " + lineNumber + ": '" + abbreviate(token) + "': " + problem);
                }
            }
        }
        if (invalid > MAX_REPORTED_ERRORS) {
            errors.add(sourceName + ": " + (invalid - MAX_REPORTED_ERRORS) + " more invalid lines not listed");
        }
        int size = 0;
        for (AddressTable table : v4) {
            size += table == null ? 0 : table.size();
        }
        for (AddressTable table : v6) {
            size += table == null ? 0 : table.size();
        }
        return new ParseResult(new CidrSet(sourceName, v4, v6, size), errors);
    }

    /** The most specific entry containing {@code ip}, as written in the source; empty if none or not an IP. */
    public Optional<String> match(String ip) {
        IpLiteral address = IpLiteral.parseOrNull(ip == null ? null : ip.strip());
        return address == null ? Optional.empty() : Optional.ofNullable(find(address));
    }

    /** The most specific entry containing {@code address}, or {@code null}. */
    String find(IpLiteral address) {
        if (address.v4()) {
            for (int prefix : v4Prefixes) {
                String entry = v4ByPrefix[prefix].get(0, IpLiteral.maskV4(address.lo(), prefix));
                if (entry != null) {
                    return entry;
                }
            }
            return null;
        }
        for (int prefix : v6Prefixes) {
            long hi = prefix <= 64 ? address.hi() & IpLiteral.highBits(prefix) : address.hi();
            long lo = prefix <= 64 ? 0 : address.lo() & IpLiteral.highBits(prefix - 64);
            String entry = v6ByPrefix[prefix].get(hi, lo);
            if (entry != null) {
                return entry;
            }
        }
        return null;
    }

    /** Number of distinct networks (duplicates counted once). */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public String sourceName() {
        return sourceName;
    }

    @Override
    public String toString() {
        return "CidrSet[" + sourceName + ", " + size + " entries]";
    }

    /** The entry on a line: text before a comment or the first whitespace, trimmed. */
    private static String entryToken(String line) {
        String text = line.strip();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1).strip();
        }
        int end = 0;
        while (end < text.length() && text.charAt(end) != '#' && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        return text.substring(0, end);
    }

    /** Adds one entry; returns why it is invalid, or {@code null} when added. */
    private static String add(String token, AddressTable[] v4, AddressTable[] v6) {
        int slash = token.indexOf('/');
        String addressText = slash < 0 ? token : token.substring(0, slash);
        IpLiteral address = IpLiteral.parseOrNull(addressText);
        if (address == null) {
            return "not an IPv4 or IPv6 address or CIDR";
        }
        boolean writtenAsV6 = addressText.indexOf(':') >= 0;
        int maxPrefix = writtenAsV6 ? 128 : 32;
        int prefix = maxPrefix;
        if (slash >= 0) {
            prefix = parsePrefix(token, slash + 1);
            if (prefix < 0 || prefix > maxPrefix) {
                return "prefix length must be a number from 1 to " + maxPrefix;
            }
        }
        if (writtenAsV6 && address.v4()) {
            if (prefix < 96) {
                return "IPv4-mapped IPv6 block must be /96 or longer";
            }
            prefix -= 96;
        }
        if (prefix == 0) {
            return "a /0 block covers every address; refused";
        }
        IpLiteral network = address.masked(prefix);
        AddressTable[] tables = address.v4() ? v4 : v6;
        if (tables[prefix] == null) {
            tables[prefix] = new AddressTable();
        }
        tables[prefix].putIfAbsent(network.hi(), network.lo(), token);
        return null;
    }

    private static int parsePrefix(String token, int from) {
        int length = token.length() - from;
        if (length < 1 || length > 3) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int[] presentPrefixesLongestFirst(AddressTable[] tables) {
        int count = 0;
        for (AddressTable table : tables) {
            count += table == null ? 0 : 1;
        }
        int[] prefixes = new int[count];
        int next = 0;
        for (int prefix = tables.length - 1; prefix >= 0; prefix--) {
            if (tables[prefix] != null) {
                prefixes[next++] = prefix;
            }
        }
        return prefixes;
    }

    private static String abbreviate(String token) {
        return token.length() <= 80 ? token : token.substring(0, 77) + "...";
    }
}
