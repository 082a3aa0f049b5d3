package dev.findingsresponder.response.action;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The security groups each network interface had before isolation, kept on the instance as tags so undo
 * needs no other store: {@code eni-1=sg-a,sg-b;eni-2=sg-c}.
 *
 * <p>A tag value holds at most 256 characters; an instance can have many interfaces with up to 16 groups each.
 * So the text is split into 256-character parts: the first in {@code findings-responder:previous-groups}, the
 * rest in {@code findings-responder:previous-groups:2}, {@code :3}, ... (read back in order until one is missing).
 * Ids are kept verbatim rather than compressed so an operator can read and, if need be, restore them by hand.
 */
final class PreviousGroupsTag {

    static final String KEY = "findings-responder:previous-groups";
    static final int MAX_VALUE = 256;
    private static final Pattern ENTRY = Pattern.compile("eni-[0-9a-f]+=sg-[0-9a-f]+(,sg-[0-9a-f]+)*");

    private PreviousGroupsTag() {
    }

    /** Tag key of part {@code index} (0-based). */
    static String key(int index) {
        return index == 0 ? KEY : KEY + ":" + (index + 1);
    }

    /** {@code eni-1=sg-a,sg-b;eni-2=sg-c}, before splitting into tag values. */
    static String text(Map<String, List<String>> groupsByInterface) {
        List<String> entries = new ArrayList<>();
        groupsByInterface.forEach((eni, groups) -> entries.add(eni + "=" + String.join(",", groups)));
        return String.join(";", entries);
    }

    /** The tags to write for {@code groupsByInterface}. */
    static Map<String, String> encode(Map<String, List<String>> groupsByInterface) {
        String text = text(groupsByInterface);
        Map<String, String> tags = new LinkedHashMap<>();
        for (int part = 0; part * MAX_VALUE < text.length(); part++) {
            tags.put(key(part), text.substring(part * MAX_VALUE, Math.min(text.length(), (part + 1) * MAX_VALUE)));
        }
        return tags;
    }

    /**
     * The saved groups from an instance's tags: empty map when there are none; empty Optional when the tags
     * are present but unreadable (edited by hand), so undo refuses rather than guesses.
     */
    static Optional<Map<String, List<String>>> decode(Map<String, String> instanceTags) {
        StringBuilder text = new StringBuilder();
        for (int part = 0; instanceTags.containsKey(key(part)); part++) {
            text.append(instanceTags.get(key(part)));
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return Optional.of(groups);
        }
        for (String entry : text.toString().split(";", -1)) {
            if (!ENTRY.matcher(entry).matches()) {
                return Optional.empty();
            }
            int eq = entry.indexOf('=');
            groups.put(entry.substring(0, eq), List.of(entry.substring(eq + 1).split(",")));
        }
        return Optional.of(groups);
    }

    /** Every part key present on the instance. */
    static List<String> keysPresent(Map<String, String> instanceTags) {
        List<String> keys = new ArrayList<>();
        for (int part = 0; instanceTags.containsKey(key(part)); part++) {
            keys.add(key(part));
        }
        return keys;
    }
}
