package dev.findingsresponder.triage.score;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The weights of the {@link Scorer}. Plain values; the service maps its configuration onto this record.
 * Points may be negative (they lower the score); the total is clamped to 0-100.
 *
 * @param baseWeight             points per 1.0 of normalized severity (0-10): 10 makes severity 7.5 give 75
 * @param tagWeights             tag key (exact) to tag value (matched case-insensitively; stored lower-case)
 *                               to points, applied in the map's order, e.g. {@code environment: {prod: 10}}
 * @param publicExposurePoints   the resource has a public IP, or the finding is a network-reachability finding
 * @param threatListPoints       a remote IP is on a threat list, or the source reports a threat-list match;
 *                               added once per finding however many addresses match
 * @param trustedListPoints      a remote IP is on a trusted list (usually negative); added once per finding
 * @param exploitAvailablePoints a public exploit exists for the vulnerability
 * @param fixAvailablePoints     a fix exists for the vulnerability. Default <b>+5</b>, not negative: a fix
 *                               does not make the flaw less exploitable; a published patch tells attackers
 *                               where the flaw is (n-day exploitation follows patch releases), and it makes
 *                               the finding actionable now, which is what a queue ordered by score should
 *                               put first. A negative value would bury exactly the findings one can close.
 * @param repeatPoints           occurrence threshold (at least 2) to points; the highest threshold reached
 *                               applies, so a few steps give a capped, roughly logarithmic bonus
 * @param samplePoints           points for generated sample findings (default 0: marked, not penalized)
 */
public record ScoringSettings(
        double baseWeight,
        Map<String, Map<String, Integer>> tagWeights,
        int publicExposurePoints,
        int threatListPoints,
        int trustedListPoints,
        int exploitAvailablePoints,
        int fixAvailablePoints,
        Map<Long, Integer> repeatPoints,
        int samplePoints) {

    public ScoringSettings {
        if (!Double.isFinite(baseWeight) || baseWeight < 0) {
            throw new IllegalArgumentException("baseWeight must be a finite number >= 0, got " + baseWeight);
        }
        tagWeights = copyTagWeights(tagWeights == null ? Map.of() : tagWeights);
        repeatPoints = copyRepeatPoints(repeatPoints == null ? Map.of() : repeatPoints);
    }

    /**
     * Defaults: base 10 per severity point; tags {@code environment} (prod/production +10, staging +3,
     * dev/development/test -10) and {@code criticality} (critical +20, high +15, medium +5, low -5); public
     * exposure +10; threat list +20; trusted list -30; exploit available +15; fix available +5; repeats +5 from
     * 10 occurrences, +10 from 100; sample 0.
     */
    public static ScoringSettings defaults() {
        Map<String, Map<String, Integer>> tags = new LinkedHashMap<>();
        tags.put("environment", ordered("prod", 10, "production", 10, "staging", 3, "dev", -10,
                "development", -10, "test", -10));
        tags.put("criticality", ordered("critical", 20, "high", 15, "medium", 5, "low", -5));
        return new ScoringSettings(10, tags, 10, 20, -30, 15, 5, Map.of(10L, 5, 100L, 10), 0);
    }

    /** Points for {@code occurrences}: those of the highest threshold reached, else 0. */
    public int repeatPointsFor(long occurrences) {
        Map.Entry<Long, Integer> reached = ((NavigableMap<Long, Integer>) repeatPoints).floorEntry(occurrences);
        return reached == null ? 0 : reached.getValue();
    }

    /** Points for tag {@code key} with {@code value} (any case), or {@code null} when not weighted. */
    public Integer tagPoints(String key, String value) {
        Map<String, Integer> weights = tagWeights.get(key);
        return weights == null || value == null ? null : weights.get(value.strip().toLowerCase(Locale.ROOT));
    }

    private static Map<String, Map<String, Integer>> copyTagWeights(Map<String, Map<String, Integer>> source) {
        Map<String, Map<String, Integer>> copy = new LinkedHashMap<>();
        source.forEach((key, values) -> {
            if (key == null || key.isBlank() || values == null) {
                throw new IllegalArgumentException("tag weight with a blank key or no values: " + key);
            }
            Map<String, Integer> lowered = new LinkedHashMap<>();
            values.forEach((value, points) -> {
                String lower = value == null ? null : value.strip().toLowerCase(Locale.ROOT);
                if (lower == null || lower.isEmpty() || points == null) {
                    throw new IllegalArgumentException("tag " + key + " has a blank value or no points");
                }
                if (lowered.put(lower, points) != null) {
                    throw new IllegalArgumentException("tag " + key + " value '" + lower + "' is given twice");
                }
            });
            copy.put(key, Collections.unmodifiableMap(lowered));
        });
        return Collections.unmodifiableMap(copy);
    }

    private static Map<Long, Integer> copyRepeatPoints(Map<Long, Integer> source) {
        TreeMap<Long, Integer> copy = new TreeMap<>();
        source.forEach((threshold, points) -> {
            if (threshold == null || threshold < 2 || points == null) {
                throw new IllegalArgumentException("repeat threshold must be >= 2 with points, got "
                        + threshold + "=" + points);
            }
            copy.put(threshold, points);
        });
        return Collections.unmodifiableNavigableMap(copy);
    }

    private static Map<String, Integer> ordered(Object... keysAndPoints) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndPoints.length; i += 2) {
            map.put((String) keysAndPoints[i], (Integer) keysAndPoints[i + 1]);
        }
        return map;
    }
}
