package dev.findingsresponder.testsupport.fuzz;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** The hostile values {@link JsonMutator} puts in place of a field's value. */
public final class HostileValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    /** Address literals that must never become a block: special ranges, odd notations, malformed ones. */
    public static final List<String> ADDRESSES = List.of(
            "0.0.0.0", "0.0.0.0/0", "::/0", "::", "10.0.0.1", "172.16.5.4", "192.168.1.1", "100.64.0.1",
            "127.0.0.1", "169.254.169.254", "fe80::1", "fe80::1%eth0", "fc00::1", "fd12:3456::1", "224.0.0.1",
            "ff02::1", "255.255.255.255", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "2002:0a00:0001::1",
            "2001:0000:4136:e378:8000:63bf:f5ff:fffe", "010.0.0.1", "167772161", "0x0a000001", " 10.0.0.1 ",
            "10.0.0.1\n", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4/33", "::ffff:1.2.3.4/129", "", " ",
            "not-an-ip", "1.2.3.4/-1", "203.0.113.10/0", "2001:db8::/0");

    private static final List<String> DATES = List.of(
            "2026-13-45T25:61:61Z", "", "0", "yesterday", "99999-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z",
            "2026-02-30T00:00:00Z", "2026-01-01T00:00:00+25:00", "2026-01-01T00:00:00.1234567890123Z",
            "2026-01-01", "T", "2026-01-01T00:00:00", "+999999999-12-31T23:59:59Z", "1e20", "NaN");

    private HostileValues() {
    }

    static JsonNode otherType(JsonNode current, Random rnd) {
        if (current == null || current.isNull()) {
            return NODES.textNode("x");
        }
        return switch (rnd.nextInt(5)) {
            case 0 -> current.isTextual() ? NODES.numberNode(rnd.nextInt(100) - 50) : NODES.textNode(DuplicatingWriter.text(current));
            case 1 -> current.isArray() ? NODES.objectNode().set("0", current) : NODES.arrayNode().add(current);
            case 2 -> current.isObject() ? NODES.textNode("{}") : NODES.objectNode().set("value", current);
            case 3 -> NODES.booleanNode(rnd.nextBoolean());
            default -> current.isNumber() ? NODES.textNode(current.asText()) : NODES.numberNode(rnd.nextDouble() * 20 - 5);
        };
    }

    static String hugeString(Random rnd) {
        int length = (8 + rnd.nextInt(120)) * 1024;
        return String.valueOf((char) ('a' + rnd.nextInt(26))).repeat(length);
    }

    /**
     * A placeholder for a value nested 50-3,000 levels deep; {@link #expandDeepNesting} writes the nesting into the
     * serialized text, so the tree itself (and the mutator walking it) stays shallow.
     */
    static JsonNode deepNesting(Random rnd) {
        return NODES.textNode("__deep_nesting_" + (50 + rnd.nextInt(2950)) + "_" + (rnd.nextBoolean() ? "o" : "a") + "__");
    }

    private static final Pattern DEEP = Pattern.compile("(\\\\?)\"__deep_nesting_(\\d+)_([oa])__\\1\"");

    /** Replaces each deep-nesting placeholder (also one escaped inside an SNS Message string) by the nesting. */
    static String expandDeepNesting(String json) {
        if (!json.contains("__deep_nesting_")) {
            return json;
        }
        Matcher m = DEEP.matcher(json);
        StringBuilder out = new StringBuilder(json.length());
        while (m.find()) {
            String q = m.group(1) + "\"";
            int depth = Integer.parseInt(m.group(2));
            boolean objects = m.group(3).equals("o");
            String open = objects ? "{" + q + "id" + q + ":" : "[";
            String nested = open.repeat(depth) + q + "leaf" + q + (objects ? "}" : "]").repeat(depth);
            m.appendReplacement(out, Matcher.quoteReplacement(nested));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String unicode(String base, Random rnd) {
        String[] pieces = {"\uD800", "\uDFFF", "\u0000", "\u202E", "\u200B", "e\u0301\u0301\u0301", "\uD83D\uDCA3",
                "\uFEFF", "\u00FF", "\\", "\"", "\n", "\u2028", "ｇｕａｒｄｄｕｔｙ"};
        StringBuilder s = new StringBuilder(base);
        int n = 1 + rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            s.insert(rnd.nextInt(s.length() + 1), pieces[rnd.nextInt(pieces.length)]);
        }
        return s.toString();
    }

    static JsonNode outOfRangeNumber(Random rnd) {
        return switch (rnd.nextInt(9)) {
            case 0 -> NODES.numberNode(new BigDecimal("1e400"));
            case 1 -> NODES.numberNode(new BigDecimal("-1e400"));
            case 2 -> NODES.numberNode(new BigDecimal("1e-400"));
            case 3 -> NODES.numberNode(new BigInteger("18446744073709551616"));
            case 4 -> NODES.numberNode(Long.MIN_VALUE);
            case 5 -> NODES.numberNode(-1);
            case 6 -> NODES.numberNode(Double.MAX_VALUE);
            case 7 -> NODES.numberNode(-0.0);
            default -> NODES.numberNode(new BigDecimal("9".repeat(400)));
        };
    }

    static JsonNode wrongDate(Random rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> NODES.numberNode(1e20);
            case 1 -> NODES.numberNode(-62_135_596_800_001L);
            default -> NODES.textNode(DATES.get(rnd.nextInt(DATES.size())));
        };
    }

    static String address(Random rnd) {
        return ADDRESSES.get(rnd.nextInt(ADDRESSES.size()));
    }
}
