package dev.findingsresponder.triage.policy;

import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.Score;
import dev.findingsresponder.model.SeverityLabel;
import java.util.ArrayList;
import java.util.List;

/**
 * A finding and its score prepared once for matching against every rule of a policy: the remote
 * addresses are parsed on first use, not once per rule.
 */
final class MatchSubject {

    final Finding finding;
    final int score;
    final SeverityLabel label;
    final boolean sample;
    private char[][] loweredTypes; // type first, then the other entries of types; see TypeGlob.lowered

    private int[] v4;
    private int v4Count;
    private long[] v6; // pairs: high, low
    private int v6Count;

    /** Without a score, the finding's own severity stands in: normalized x 10 and its label. */
    MatchSubject(Finding finding, Score score) {
        this.finding = finding;
        Finding.Severity severity = finding.severity();
        if (score != null) {
            this.score = score.value();
            this.label = score.label();
        } else if (severity != null) {
            this.score = (int) Math.round(severity.normalized() * 10);
            this.label = severity.label();
        } else {
            this.score = 0;
            this.label = SeverityLabel.INFORMATIONAL;
        }
        boolean sampleState = finding.state() != null && finding.state().sample();
        this.sample = sampleState || score != null && score.sample();
    }

    /** Whether any glob matches {@code type} or another entry of {@code types}. */
    boolean anyTypeMatches(List<TypeGlob> globs) {
        if (loweredTypes == null) {
            loweredTypes = lowerTypes();
        }
        for (TypeGlob glob : globs) {
            for (char[] type : loweredTypes) {
                if (glob.matchesLowered(type)) {
                    return true;
                }
            }
        }
        return false;
    }

    private char[][] lowerTypes() {
        List<String> distinct = new ArrayList<>();
        if (finding.type() != null) {
            distinct.add(finding.type());
        }
        for (String t : finding.types()) {
            if (t != null && !distinct.contains(t)) {
                distinct.add(t);
            }
        }
        char[][] lowered = new char[distinct.size()][];
        for (int i = 0; i < lowered.length; i++) {
            lowered[i] = TypeGlob.lowered(distinct.get(i));
        }
        return lowered;
    }

    /** Whether any network indicator's remote address is inside {@code networks}. */
    boolean anyRemoteIpIn(CidrMatcher networks) {
        if (v4 == null) {
            parseRemoteIps();
        }
        for (int i = 0; i < v4Count; i++) {
            if (networks.containsV4(v4[i])) {
                return true;
            }
        }
        for (int i = 0; i < v6Count; i++) {
            if (networks.containsV6(v6[2 * i], v6[2 * i + 1])) {
                return true;
            }
        }
        return false;
    }

    private void parseRemoteIps() {
        int n = finding.network().size();
        v4 = new int[n];
        v6 = new long[2 * n];
        long[] parsed = new long[2];
        for (Finding.NetworkIndicator indicator : finding.network()) {
            String ip = indicator.remoteIp();
            if (ip == null) {
                continue;
            }
            long address = IpAddresses.parseV4(ip.trim());
            if (address >= 0) {
                v4[v4Count++] = (int) address;
            } else if (IpAddresses.parseV6(ip.trim(), parsed)) {
                v6[2 * v6Count] = parsed[0];
                v6[2 * v6Count + 1] = parsed[1];
                v6Count++;
            }
        }
    }
}
