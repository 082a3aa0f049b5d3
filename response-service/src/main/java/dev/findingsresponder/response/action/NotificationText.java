package dev.findingsresponder.response.action;

import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.Score;

/** The readable parts of SNS notifications: the subject line and the sections a person reads first. */
final class NotificationText {

    /** SNS subjects must be under 100 characters. */
    static final int MAX_SUBJECT = 99;
    /** Free text (titles, descriptions) is cut here in the readable part; the full text is in the JSON. */
    static final int MAX_TEXT = 2_000;
    static final int MAX_INDICATORS = 20;

    private NotificationText() {
    }

    /**
     * {@code <prefix> [LABEL] <text>}: printable ASCII only (SNS rejects line breaks and control characters;
     * accents are folded, anything else becomes '?'), white space collapsed, under 100 characters.
     */
    static String subject(String prefix, String label, String text) {
        String joined = (prefix == null || prefix.isBlank() ? "" : prefix.strip() + " ") + "[" + label + "] "
                + (text == null || text.isBlank() ? "Security finding" : text);
        String folded = Normalizer.normalize(joined, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String ascii = folded.replaceAll("[^\\x20-\\x7E]", " ").replaceAll(" {2,}", " ").strip();
        return ascii.length() <= MAX_SUBJECT ? ascii : ascii.substring(0, MAX_SUBJECT - 3).stripTrailing() + "...";
    }

    /** What, where, score and why, what was done, links: everything but the canonical JSON. */
    static String findingSections(ActionRequest request) {
        Finding f = request.finding();
        StringBuilder out = new StringBuilder();
        if (f == null) {
            out.append("(the request carries no finding)\n\n");
        } else {
            what(out, f);
            where(out, f, request.target());
        }
        score(out, request.score());
        done(out, request);
        if (f != null) {
            Map<String, String> links = ConsoleLinks.of(f, request.target() == null ? null : request.target().region());
            if (!links.isEmpty()) {
                out.append("LINKS\n");
                links.forEach((label, url) -> line(out, label, url));
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static void what(StringBuilder out, Finding f) {
        out.append("WHAT\n");
        line(out, "Title", f.title());
        line(out, "Type", f.type());
        String product = f.product() == null ? null : f.product().name();
        line(out, "Source", f.source() == null ? null : f.source().idPrefix() + (product == null ? "" : " (" + product + ")"));
        if (f.severity() != null) {
            line(out, "Severity", f.severity().label() + " (" + f.severity().normalized() + " of 10; source says \""
                    + f.severity().nativeValue() + "\")");
        }
        line(out, "Finding id", f.id());
        line(out, "Native id", f.nativeId());
        line(out, "Seen", "first " + f.firstSeen() + ", last " + f.lastSeen() + ", " + f.count() + " time(s)");
        if (f.state() != null && f.state().sample()) {
            line(out, "Sample", "yes: a generated sample finding, not an incident");
        }
        line(out, "Description", f.description());
        out.append('\n');
    }

    private static void where(StringBuilder out, Finding f, ActionRequest.Target target) {
        out.append("WHERE\n");
        line(out, "Account", f.account() != null ? f.account() : target == null ? null : target.account());
        line(out, "Region", f.region() != null ? f.region() : target == null ? null : target.region());
        Finding.Resource r = f.resource();
        if (r != null) {
            line(out, "Resource", join(r.type(), r.id(), r.name() == null ? null : "\"" + r.name() + "\"", r.arn()));
            line(out, "Network", join(r.vpcId(), r.subnetId(), r.publicIps().isEmpty() ? null : "public " + r.publicIps()));
        }
        List<Finding.NetworkIndicator> network = f.network();
        for (int i = 0; i < Math.min(network.size(), MAX_INDICATORS); i++) {
            Finding.NetworkIndicator n = network.get(i);
            line(out, "Remote", join(n.remoteIp() != null ? n.remoteIp() : n.domain(),
                    n.direction() == null ? null : n.direction().name().toLowerCase(),
                    n.protocol(), n.localPort() == null ? null : "local port " + n.localPort(),
                    n.countryName(), n.asnOrg() != null ? n.asnOrg() : n.organization()));
        }
        if (network.size() > MAX_INDICATORS) {
            line(out, "Remote", "... and " + (network.size() - MAX_INDICATORS) + " more (see the JSON)");
        }
        Finding.Vulnerability v = f.vulnerability();
        if (v != null) {
            line(out, "Vulnerability", join(String.join(", ", v.ids()), v.maxCvss() == null ? null : "CVSS " + v.maxCvss(),
                    Boolean.TRUE.equals(v.exploitAvailable()) ? "exploit available" : null,
                    Boolean.TRUE.equals(v.fixAvailable()) ? "fix available" : null));
        }
        Finding.Compliance c = f.compliance();
        if (c != null) {
            line(out, "Compliance", join(c.ruleName(), c.controlId(), c.complianceType(),
                    c.previousComplianceType() == null ? null : "was " + c.previousComplianceType()));
            line(out, "Annotation", c.annotation());
        }
        out.append('\n');
    }

    private static void score(StringBuilder out, Score score) {
        if (score == null) {
            out.append("SCORE\n  (not scored)\n\n");
            return;
        }
        out.append("SCORE ").append(score.value()).append("/100 (").append(score.label()).append(")\n");
        for (Score.Factor factor : score.factors()) {
            out.append(String.format("  %+4d  %-20s %s\n", factor.points(), clean(factor.name()), clean(factor.reason())));
        }
        if (score.sample()) {
            out.append("  (a sample finding: scored, but not an incident)\n");
        }
        out.append('\n');
    }

    private static void done(StringBuilder out, ActionRequest request) {
        out.append("WHAT WAS DONE\n");
        line(out, "Playbook", request.playbook());
        line(out, "Mode", request.mode() == null ? null : request.mode().name());
        line(out, "Reason", request.reason());
        line(out, "Request", join(request.requestId(), request.requestedAt() == null ? null : "at " + request.requestedAt()));
        out.append('\n');
    }

    /** The outcome of an action, for playbooks that ask to be told ({@code notify-topic-arn}). */
    static String outcomeBody(ActionResult r) {
        StringBuilder out = new StringBuilder();
        out.append("Action ").append(r.action()).append(": ").append(r.outcome()).append('\n');
        out.append(clean(r.detail())).append("\n\n");
        line(out, "Action", r.action());
        line(out, "Outcome", r.outcome() == null ? null : r.outcome().name());
        ActionRequest.Target t = r.target();
        if (t != null) {
            line(out, "Target", join(t.resourceType(), t.resourceId(), "account " + t.account(), t.region()));
            line(out, "Address", t.address());
            line(out, "Target key", t.key());
        }
        line(out, "Finding", r.findingId());
        line(out, "Playbook", r.playbook());
        line(out, "Request", r.requestId());
        line(out, "Started", r.startedAt() == null ? null : r.startedAt().toString());
        line(out, "Finished", r.finishedAt() == null ? null : r.finishedAt().toString());
        if (!r.facts().isEmpty()) {
            out.append("\nFACTS\n");
            new TreeMap<>(r.facts()).forEach((k, v) -> line(out, k, v));
        }
        if (!r.awsRequestIds().isEmpty()) {
            out.append("\nAWS REQUEST IDS (CloudTrail)\n");
            r.awsRequestIds().forEach(id -> out.append("  ").append(clean(id)).append('\n'));
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String label, String value) {
        if (value != null && !value.isBlank()) {
            out.append("  ").append(String.format("%-13s", label + ":")).append(' ').append(clean(value)).append('\n');
        }
    }

    private static String join(String... parts) {
        StringBuilder joined = new StringBuilder();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                joined.append(joined.isEmpty() ? "" : ", ").append(part);
            }
        }
        return joined.isEmpty() ? null : joined.toString();
    }

    /** Free text cut to {@link #MAX_TEXT}, control characters (but not line breaks) dropped. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        String cut = text.length() > MAX_TEXT
                ? prefix(text, MAX_TEXT) + " ... (" + (text.length() - MAX_TEXT) + " more characters in the JSON)"
                : text;
        return cut.replaceAll("[\\p{Cc}&&[^\\n\\t]]", "");
    }

    /** At most {@code length} chars of {@code text}, never splitting a surrogate pair. */
    static String prefix(String text, int length) {
        if (text.length() <= length) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length;
        return text.substring(0, end);
    }
}
