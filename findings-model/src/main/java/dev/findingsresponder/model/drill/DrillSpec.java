package dev.findingsresponder.model.drill;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a drill generates. Validated when built (an {@link InvalidDrillSpecException} names the wrong option);
 * absent optional values take their defaults.
 *
 * @param type        the finding to generate
 * @param count       distinct findings (each with its own finding id), 1 to {@value #MAX_EVENTS}
 * @param accounts    member accounts, used round-robin; default {@value #DEFAULT_ACCOUNT}
 * @param region      AWS region of the findings; default {@value #DEFAULT_REGION}
 * @param addresses   attacker addresses to draw from: IPv4 / IPv6 literals and CIDR blocks; default the
 *                    documentation ranges {@link #DEFAULT_ADDRESSES} (response guardrails may refuse to block those)
 * @param instanceIds EC2 instances the findings are about, used round-robin; empty: a new made-up instance per finding
 * @param seed        same seed, same spec and same clock give the same events; {@code null} for a random drill
 * @param repeat      events per finding: GuardDuty reports repeats as updates of the same finding id with a higher
 *                    {@code service.count} and a newer {@code updatedAt}; 1 (no repeats) to {@value #MAX_REPEAT}
 */
public record DrillSpec(
        DrillType type,
        int count,
        List<String> accounts,
        String region,
        List<String> addresses,
        List<String> instanceIds,
        Long seed,
        int repeat) {

    /** At most this many events (count x repeat) per drill. */
    public static final int MAX_EVENTS = 100_000;
    /** At most this many events per finding. */
    public static final int MAX_REPEAT = 1_000;
    /** AWS's documentation example account. */
    public static final String DEFAULT_ACCOUNT = "123456789012";
    public static final String DEFAULT_REGION = "us-east-1";
    /** TEST-NET-2 and TEST-NET-3 (RFC 5737): never routed on the internet, so a drill cannot block a real party. */
    public static final List<String> DEFAULT_ADDRESSES = List.of("198.51.100.0/24", "203.0.113.0/24");

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern INSTANCE = Pattern.compile("i-([0-9a-f]{8}|[0-9a-f]{17})");

    public DrillSpec {
        if (type == null) {
            throw new InvalidDrillSpecException("type is required; known types: " + DrillType.knownNames());
        }
        if (count < 1 || count > MAX_EVENTS) {
            throw new InvalidDrillSpecException("count must be from 1 to " + MAX_EVENTS + ", got " + count);
        }
        if (repeat < 1 || repeat > MAX_REPEAT) {
            throw new InvalidDrillSpecException("repeat must be from 1 (no repeats) to " + MAX_REPEAT + ", got " + repeat);
        }
        if ((long) count * repeat > MAX_EVENTS) {
            throw new InvalidDrillSpecException("count " + count + " x repeat " + repeat + " = " + (long) count * repeat
                    + " events; a drill is at most " + MAX_EVENTS + " events");
        }
        accounts = checked(accounts, List.of(DEFAULT_ACCOUNT), ACCOUNT, "account", "a 12-digit AWS account id");
        region = region == null || region.isBlank() ? DEFAULT_REGION : region.trim();
        if (!REGION.matcher(region).matches()) {
            throw new InvalidDrillSpecException("region '" + region + "' is not an AWS region name (like us-east-1)");
        }
        addresses = addresses == null || addresses.isEmpty() ? DEFAULT_ADDRESSES : trimmed(addresses);
        AddressPool.parse(addresses);
        instanceIds = checked(instanceIds, List.of(), INSTANCE, "instance id",
                "an EC2 instance id (i- and 8 or 17 lower-case hex digits)");
    }

    /** {@code count} findings of {@code type} with every other option at its default. */
    public static DrillSpec of(DrillType type, int count) {
        return new DrillSpec(type, count, null, null, null, null, null, 1);
    }

    /** Events the drill generates: {@code count x repeat}. */
    public int events() {
        return count * repeat;
    }

    /** The partition of {@link #region()}: {@code aws-cn} for China, {@code aws-us-gov} for GovCloud, else {@code aws}. */
    public String partition() {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }

    private static List<String> checked(List<String> values, List<String> fallback, Pattern pattern, String what,
            String expected) {
        if (values == null || values.isEmpty()) {
            return fallback;
        }
        List<String> result = trimmed(values);
        for (String value : result) {
            if (!pattern.matcher(value).matches()) {
                throw new InvalidDrillSpecException(what + " '" + value + "' is not " + expected);
            }
        }
        return result;
    }

    private static List<String> trimmed(List<String> values) {
        List<String> result = new ArrayList<>(values.size());
        for (String value : values) {
            result.add(value == null ? "" : value.trim());
        }
        return List.copyOf(result);
    }
}
