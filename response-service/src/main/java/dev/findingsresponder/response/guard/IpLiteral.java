package dev.findingsresponder.response.guard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address read from its literal text alone: nothing is ever resolved, so a host name is
 * simply malformed (unlike {@code InetAddress.getByName}, which would look it up).
 *
 * <p>Strict on purpose, because a guardrail must not guess: IPv4 is exactly four decimal octets without
 * leading zeros ({@code 01.2.3.4} is octal to some parsers); IPv6 takes at most one {@code ::}, groups of
 * 1-4 hex digits and a dotted IPv4 tail; zone ids ({@code %eth0}), brackets and white space are refused.
 * An IPv4-mapped IPv6 address stays IPv6 here ({@link #embeddedV4} reads what it embeds).
 */
final class IpLiteral {

    private static final int MAX_V6_TEXT = 45;

    private final byte[] bytes;

    private IpLiteral(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The address, or empty when {@code text} is not exactly an IPv4 or IPv6 literal. */
    static Optional<IpLiteral> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        byte[] parsed = text.indexOf(':') >= 0 ? parseV6(text) : parseV4(text);
        return Optional.ofNullable(parsed).map(IpLiteral::new);
    }

    boolean isV4() {
        return bytes.length == 4;
    }

    /** 32 or 128. */
    int bits() {
        return bytes.length * 8;
    }

    /** True when the first {@code prefix} bits equal those of {@code network} (same IP version only). */
    boolean matches(IpLiteral network, int prefix) {
        if (network.bytes.length != bytes.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            if (bit(bit) != network.bit(bit)) {
                return false;
            }
        }
        return true;
    }

    /** The IPv4 address held in the four bytes starting at {@code offset} of an IPv6 address. */
    IpLiteral embeddedV4(int offset) {
        return embeddedV4(offset, false);
    }

    /** As {@link #embeddedV4(int)}, with every bit flipped when {@code inverted} (a Teredo client address). */
    IpLiteral embeddedV4(int offset, boolean inverted) {
        byte[] v4 = Arrays.copyOfRange(bytes, offset, offset + 4);
        if (inverted) {
            for (int i = 0; i < 4; i++) {
                v4[i] = (byte) ~v4[i];
            }
        }
        return new IpLiteral(v4);
    }

    private int bit(int index) {
        return (bytes[index / 8] >> (7 - index % 8)) & 1;
    }

    @Override
    public String toString() {
        if (isV4()) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 16; i += 2) {
            text.append(i == 0 ? "" : ":").append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)));
        }
        return text.toString();
    }

    private static byte[] parseV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            int octet = decimal(parts[i], 255);
            if (octet < 0) {
                return null;
            }
            out[i] = (byte) octet;
        }
        return out;
    }

    /** A plain decimal number of at most {@code max}, without sign or leading zero; -1 otherwise. */
    static int decimal(String s, int max) {
        if (s.isEmpty() || s.length() > 3 || (s.length() > 1 && s.charAt(0) == '0')) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= max ? value : -1;
    }

    private static byte[] parseV6(String s) {
        if (s.length() > MAX_V6_TEXT) {
            return null;
        }
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        // a dotted IPv4 part may only end the address, never come before "::"
        List<Integer> head = words(gap < 0 ? s : s.substring(0, gap), gap < 0);
        List<Integer> tail = gap < 0 ? List.of() : words(s.substring(gap + 2), true);
        if (head == null || tail == null) {
            return null;
        }
        boolean complete = gap < 0 ? head.size() == 8 : head.size() + tail.size() <= 7;
        if (!complete) {
            return null;
        }
        int[] all = new int[8];
        for (int i = 0; i < head.size(); i++) {
            all[i] = head.get(i);
        }
        for (int i = 0; i < tail.size(); i++) {
            all[8 - tail.size() + i] = tail.get(i);
        }
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (all[i] >> 8);
            out[2 * i + 1] = (byte) all[i];
        }
        return out;
    }

    /** The 16-bit words of a colon-separated run; a dotted IPv4 last piece gives two words. Null when malformed. */
    private static List<Integer> words(String run, boolean dottedTailAllowed) {
        List<Integer> words = new ArrayList<>();
        if (run.isEmpty()) {
            return words;
        }
        String[] pieces = run.split(":", -1);
        for (int i = 0; i < pieces.length; i++) {
            String piece = pieces[i];
            if (piece.indexOf('.') >= 0) {
                byte[] v4 = dottedTailAllowed && i == pieces.length - 1 ? parseV4(piece) : null;
                if (v4 == null) {
                    return null;
                }
                words.add(((v4[0] & 0xff) << 8) | (v4[1] & 0xff));
                words.add(((v4[2] & 0xff) << 8) | (v4[3] & 0xff));
            } else {
                int word = hexWord(piece);
                if (word < 0) {
                    return null;
                }
                words.add(word);
            }
        }
        return words.size() <= 8 ? words : null;
    }

    private static int hexWord(String piece) {
        if (piece.isEmpty() || piece.length() > 4) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < piece.length(); i++) {
            int digit = Character.digit(piece.charAt(i), 16);
            // Character.digit also accepts non-ASCII digits (fullwidth, Arabic-Indic): refuse them
            if (digit < 0 || piece.charAt(i) > 'f') {
                return -1;
            }
            value = (value << 4) | digit;
        }
        return value;
    }
}
