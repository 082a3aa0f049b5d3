package dev.findingsresponder.triage.score;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.IndicatorKind;
import dev.findingsresponder.model.Score;
import dev.findingsresponder.model.Score.Factor;

/**
 * Scores a finding 0-100 with the factors that produced the number, in this order: {@code base-severity},
 * {@code asset-criticality} (one per weighted tag), {@code internet-exposure}, {@code threat-list},
 * {@code trusted-list}, {@code exploit-available}, {@code fix-available}, {@code repeat}, {@code sample}.
 * A factor worth 0 points is left out, except {@code base-severity} (always first) and {@code sample} (the
 * mark matters more than the points). Thread-safe; lists reloaded in {@link IpLists} apply to the next call.
 */
public final class Scorer {

    /** How many matching addresses a list factor names before summarizing the rest as a count. */
    private static final int NAMED_ADDRESSES = 3;

    /**
     * A remote address of a finding found on a trusted list: never request blocking it.
     *
     * @param ip    the address as the finding gives it
     * @param match the list and entry containing it
     */
    public record TrustedHit(String ip, IpLists.ListMatch match) {
    }

    private final ScoringSettings settings;
    private final IpLists lists;

    public Scorer(ScoringSettings settings, IpLists lists) {
        this.settings = settings;
        this.lists = lists;
    }

    /**
     * @param finding     the finding
     * @param repeatCount how often triage saw this finding in its own window; the larger of this and the
     *                    source's {@link Finding#count()} counts as the number of occurrences
     */
    public Score score(Finding finding, long repeatCount) {
        List<Factor> factors = new ArrayList<>(8);
        String product = productName(finding);
        int total = baseSeverity(finding, product, factors);
        total += assetCriticality(finding.resource(), factors);
        total += internetExposure(finding, factors);
        total += addressLists(finding, product, factors);
        total += vulnerability(finding.vulnerability(), factors);
        long occurrences = Math.max(finding.count(), repeatCount);
        int repeatPoints = settings.repeatPointsFor(occurrences);
        if (repeatPoints != 0) {
            total += add(factors, "repeat", repeatPoints, "seen " + occurrences + " times");
        }
        boolean sample = finding.state() != null && finding.state().sample();
        if (sample) {
            factors.add(new Factor("sample", settings.samplePoints(), product + " sample finding"));
            total += settings.samplePoints();
        }
        int value = Math.clamp(total, 0, 100);
        return new Score(value, Score.labelOf(value), factors, sample);
    }

    /**
     * Every remote address of the finding that is on a trusted list. An empty answer means "none on the lists
     * loaded so far": while {@link IpLists#trustedListsHealthy()} is false, block nothing.
     */
    public List<TrustedHit> trustedAddresses(Finding finding) {
        List<TrustedHit> hits = new ArrayList<>(2);
        for (Remote remote : remoteAddresses(finding)) {
            IpLists.ListMatch match = lists.trusted(remote.address());
            if (match != null) {
                hits.add(new TrustedHit(remote.text(), match));
            }
        }
        return hits;
    }

    private int baseSeverity(Finding finding, String product, List<Factor> factors) {
        Finding.Severity severity = finding.severity();
        if (severity == null) {
            factors.add(new Factor("base-severity", 0, product + " gave no severity"));
            return 0;
        }
        double normalized = Double.isNaN(severity.normalized()) ? 0 : Math.clamp(severity.normalized(), 0, 10);
        int points = (int) Math.round(normalized * settings.baseWeight());
        String label = severity.label() == null ? "" : " (" + severity.label() + ")";
        factors.add(new Factor("base-severity", points,
                product + " severity " + Math.round(normalized * 10) / 10.0 + label));
        return points;
    }

    private int assetCriticality(Finding.Resource resource, List<Factor> factors) {
        if (resource == null || resource.tags().isEmpty()) {
            return 0;
        }
        int total = 0;
        for (String key : settings.tagWeights().keySet()) {
            String value = resource.tags().get(key);
            Integer points = settings.tagPoints(key, value);
            if (points != null) {
                total += add(factors, "asset-criticality", points, "tag " + key + "=" + value.strip());
            }
        }
        return total;
    }

    private int internetExposure(Finding finding, List<Factor> factors) {
        String reason = publicAddress(finding.resource());
        for (int i = 0; reason == null && i < finding.additionalResources().size(); i++) {
            reason = publicAddress(finding.additionalResources().get(i));
        }
        for (int i = 0; reason == null && i < finding.network().size(); i++) {
            Finding.NetworkIndicator indicator = finding.network().get(i);
            if (indicator.kind() == IndicatorKind.NETWORK_REACHABILITY) {
                reason = reachability(indicator);
            }
        }
        return reason == null ? 0 : add(factors, "internet-exposure", settings.publicExposurePoints(), reason);
    }

    private static String publicAddress(Finding.Resource resource) {
        if (resource == null) {
            return null;
        }
        String ip = resource.publicIps().isEmpty() ? null : resource.publicIps().get(0);
        for (int i = 0; ip == null && i < resource.networkInterfaces().size(); i++) {
            List<String> interfaceIps = resource.networkInterfaces().get(i).publicIps();
            ip = interfaceIps.isEmpty() ? null : interfaceIps.get(0);
        }
        return ip == null ? null : "public IP " + ip + " on " + resourceName(resource);
    }

    private static String reachability(Finding.NetworkIndicator indicator) {
        Integer from = indicator.localPort();
        Integer to = indicator.localPortEnd();
        String ports = from == null ? "open ports"
                : to == null || to.equals(from) ? "open port " + from : "open ports " + from + "-" + to;
        String protocol = indicator.protocol() == null ? "" : "/" + indicator.protocol();
        return ports + protocol + " reachable from the internet";
    }

    /** The threat-list and trusted-list factors, from one pass over the distinct remote addresses. */
    private int addressLists(Finding finding, String product, List<Factor> factors) {
        List<String> threatHits = new ArrayList<>(0);
        List<String> trustedHits = new ArrayList<>(0);
        for (Remote remote : remoteAddresses(finding)) {
            IpLists.ListMatch threat = lists.threat(remote.address());
            if (threat != null) {
                threatHits.add(describe(remote.text(), "list", threat));
            }
            IpLists.ListMatch trusted = lists.trusted(remote.address());
            if (trusted != null) {
                trustedHits.add(describe(remote.text(), "trusted list", trusted));
            }
        }
        StringBuilder threatReason = summarize(threatHits);
        for (String listName : finding.threatListNames()) {
            if (!threatReason.isEmpty()) {
                threatReason.append("; ");
            }
            threatReason.append(product).append(" reported threat list '").append(listName).append('\'');
        }
        int total = 0;
        if (!threatReason.isEmpty()) {
            total += add(factors, "threat-list", settings.threatListPoints(), threatReason.toString());
        }
        if (!trustedHits.isEmpty()) {
            total += add(factors, "trusted-list", settings.trustedListPoints(), summarize(trustedHits).toString());
        }
        return total;
    }

    private int vulnerability(Finding.Vulnerability vulnerability, List<Factor> factors) {
        if (vulnerability == null) {
            return 0;
        }
        String subject = vulnerability.ids().isEmpty() ? "" : " for " + vulnerability.ids().get(0);
        int total = 0;
        if (Boolean.TRUE.equals(vulnerability.exploitAvailable())) {
            total += add(factors, "exploit-available", settings.exploitAvailablePoints(),
                    "exploit available" + subject);
        }
        if (Boolean.TRUE.equals(vulnerability.fixAvailable())) {
            total += add(factors, "fix-available", settings.fixAvailablePoints(), "fix available" + subject);
        }
        return total;
    }

    private record Remote(String text, IpLiteral address) {
    }

    /** Distinct parseable remote addresses, in indicator order (port probes repeat the same address often). */
    private static List<Remote> remoteAddresses(Finding finding) {
        List<Finding.NetworkIndicator> network = finding.network();
        List<Remote> remotes = new ArrayList<>(Math.min(network.size(), 8));
        Set<IpLiteral> seen = network.size() > 8 ? new HashSet<>() : null;
        for (Finding.NetworkIndicator indicator : network) {
            String text = indicator.remoteIp() == null ? null : indicator.remoteIp().strip();
            IpLiteral address = IpLiteral.parseOrNull(text);
            if (address != null && (seen != null ? seen.add(address) : !containsAddress(remotes, address))) {
                remotes.add(new Remote(text, address));
            }
        }
        return remotes;
    }

    private static boolean containsAddress(List<Remote> remotes, IpLiteral address) {
        for (Remote remote : remotes) {
            if (remote.address().equals(address)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(String ip, String kind, IpLists.ListMatch match) {
        return ip + " on " + kind + " '" + match.listName() + "' (" + match.entry() + ")";
    }

    private static StringBuilder summarize(List<String> hits) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < hits.size() && i < NAMED_ADDRESSES; i++) {
            text.append(i == 0 ? "" : "; ").append(hits.get(i));
        }
        if (hits.size() > NAMED_ADDRESSES) {
            text.append(" and ").append(hits.size() - NAMED_ADDRESSES).append(" more");
        }
        return text;
    }

    private static int add(List<Factor> factors, String name, int points, String reason) {
        if (points != 0) {
            factors.add(new Factor(name, points, reason));
        }
        return points;
    }

    private static String productName(Finding finding) {
        if (finding.product() != null && finding.product().name() != null) {
            return finding.product().name();
        }
        return finding.source() == null ? "source" : finding.source().name();
    }

    private static String resourceName(Finding.Resource resource) {
        if (resource.instanceId() != null) {
            return resource.instanceId();
        }
        if (resource.id() != null) {
            return resource.id();
        }
        return resource.name() != null ? resource.name() : String.valueOf(resource.type());
    }
}
