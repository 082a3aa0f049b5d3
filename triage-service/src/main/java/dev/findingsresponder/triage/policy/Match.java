package dev.findingsresponder.triage.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.Score;
import dev.findingsresponder.model.SeverityLabel;
import dev.findingsresponder.model.Source;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Criteria a finding must meet. Every criterion given must hold; a list means any of its values;
 * {@code null} means the criterion is absent. JSON property names are those of the policy file.
 *
 * @param source       channel that delivered the finding
 * @param product      AWS service that produced it, whatever the channel: matches {@code product.productSource}
 *                     or {@code source}
 * @param type         globs tested against {@code type} and each of {@code types}
 * @param severity     range of the normalized 0-10 severity
 * @param score        range of the 0-100 score
 * @param label        range of the score's label
 * @param resourceType primary resource type, ignoring case
 * @param account      12-digit account ids
 * @param region       region names
 * @param tags         primary resource tags: key to accepted values ({@code *} = any value, key present)
 * @param remoteIp     networks; matches when any network indicator's remote address is inside
 * @param resourceRole GuardDuty resource role, ignoring case: TARGET (the resource is attacked) or ACTOR
 *                     (the resource attacks: the remote address is a victim, not an attacker)
 * @param exploitAvailable whether the source says a public exploit exists (unknown matches neither)
 * @param sample       whether the finding is a generated sample
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Match(
        Set<Source> source,
        Set<Source> product,
        List<TypeGlob> type,
        SeverityRange severity,
        ScoreRange score,
        LabelRange label,
        @JsonProperty("resource-type") List<String> resourceType,
        List<String> account,
        List<String> region,
        Map<String, List<String>> tags,
        @JsonProperty("remote-ip") CidrMatcher remoteIp,
        @JsonProperty("resource-role") List<String> resourceRole,
        @JsonProperty("exploit-available") Boolean exploitAvailable,
        Boolean sample) {

    /** Any finding. */
    public static final Match ANY =
            new Match(null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    /** Inclusive range on the normalized 0-10 severity. */
    public record SeverityRange(double min, double max) {
        boolean contains(double v) {
            return v >= min && v <= max;
        }
    }

    /** Inclusive range on the 0-100 score. */
    public record ScoreRange(int min, int max) {
        boolean contains(int v) {
            return v >= min && v <= max;
        }
    }

    /** Inclusive range of labels, INFORMATIONAL lowest. */
    public record LabelRange(SeverityLabel min, SeverityLabel max) {
        boolean contains(SeverityLabel v) {
            return v.compareTo(min) >= 0 && v.compareTo(max) <= 0;
        }
    }

    /** Whether the finding meets every criterion. Without a score, the finding's severity stands in. */
    public boolean matches(Finding finding, Score score) {
        return matches(new MatchSubject(finding, score));
    }

    /** True when no criterion is given (matches every finding). */
    public boolean hasNoCriteria() {
        return equals(ANY);
    }

    // Cheapest criteria first: most rules fail on source, account or score before the globs and networks.
    boolean matches(MatchSubject s) {
        Finding f = s.finding;
        if (sample != null && sample != s.sample) {
            return false;
        }
        if (source != null && !source.contains(f.source())) {
            return false;
        }
        if (product != null && !productMatches(f)) {
            return false;
        }
        if (account != null && !account.contains(f.account())) {
            return false;
        }
        if (region != null && !region.contains(f.region())) {
            return false;
        }
        if (score != null && !score.contains(s.score)) {
            return false;
        }
        if (label != null && !label.contains(s.label)) {
            return false;
        }
        if (severity != null && (f.severity() == null || !severity.contains(f.severity().normalized()))) {
            return false;
        }
        if (resourceRole != null && !containsIgnoringCase(resourceRole, f.resourceRole())) {
            return false;
        }
        if (exploitAvailable != null && !exploitAvailable.equals(
                f.vulnerability() == null ? null : f.vulnerability().exploitAvailable())) {
            return false;
        }
        if (resourceType != null && !containsIgnoringCase(resourceType, f.resource() == null ? null : f.resource().type())) {
            return false;
        }
        if (tags != null && !tagsMatch(f.resource())) {
            return false;
        }
        if (type != null && !s.anyTypeMatches(type)) {
            return false;
        }
        return remoteIp == null || s.anyRemoteIpIn(remoteIp);
    }

    private boolean productMatches(Finding f) {
        Source produced = f.product() == null ? null : f.product().productSource();
        return product.contains(f.source()) || produced != null && product.contains(produced);
    }

    private static boolean containsIgnoringCase(List<String> values, String actual) {
        if (actual == null) {
            return false;
        }
        for (String v : values) {
            if (v.equalsIgnoreCase(actual)) {
                return true;
            }
        }
        return false;
    }

    private boolean tagsMatch(Finding.Resource resource) {
        if (resource == null) {
            return false;
        }
        for (Map.Entry<String, List<String>> wanted : tags.entrySet()) {
            String actual = resource.tags().get(wanted.getKey());
            if (actual == null || !(wanted.getValue().contains("*") || wanted.getValue().contains(actual))) {
                return false;
            }
        }
        return true;
    }
}
