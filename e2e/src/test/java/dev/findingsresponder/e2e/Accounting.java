package dev.findingsresponder.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.header.Header;

import com.fasterxml.jackson.databind.JsonNode;

import dev.findingsresponder.model.ActionResult;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.model.Topics;

/**
 * Reads the pipeline's topics end to end and the AWS state, and checks that every input is accounted for and no
 * AWS effect was applied twice. What "applied twice" means, per action:
 * <ul>
 * <li>nacl-deny: a NACL holding two DENY entries for the same address (a second rule number for a block already in
 * place); the final NACLs are read back;</li>
 * <li>waf-block: an IP set listing an address twice; and every address a waf-block result says is blocked must be in
 * the set (nothing lost);</li>
 * <li>sns-notify: standard SNS topics have no deduplication, so a request executed again after a crash of
 * response-service (its result written, its offset not yet committed) sends its notification again. The guarantee
 * checked is: each sns-notify request that was APPLIED was notified at least once; requests notified more than once
 * (executed again after a crash) are counted and reported, not failed.</li>
 * </ul>
 * Violations are collected as text; the figures are printed for RELIABILITY.md.
 */
final class Accounting {

    /** The request line of an sns-notify message: {@code Request: <id>, at <time>}. */
    private static final Pattern REQUEST_LINE = Pattern.compile("Request:\\s+([^\\s,]+)");

    final List<String> violations = new ArrayList<>();
    final Map<String, Long> figures = new java.util.LinkedHashMap<>();

    private final Map<String, Integer> normalizedCopies = new HashMap<>();
    private final Set<String> dlqShas = new HashSet<>();
    private final Set<String> triagedIds = new HashSet<>();
    private final Map<String, String> requestAction = new HashMap<>();
    private final Map<String, String> requestAddress = new HashMap<>();
    private final Map<String, List<ActionResult.Outcome>> results = new HashMap<>();

    /** Reads every topic once (from its start to its end now). */
    Accounting(String bootstrap) {
        figures.put("findings.raw records", TopicReader.readAll(bootstrap, Topics.FINDINGS_RAW, r -> { }));
        figures.put("findings.normalized records", TopicReader.readAll(bootstrap, Topics.FINDINGS_NORMALIZED,
                r -> normalizedCopies.merge(guardDutyId(r.key()), 1, Integer::sum)));
        figures.put("findings.dlq records", TopicReader.readAll(bootstrap, Topics.FINDINGS_DLQ,
                r -> dlqShas.add(FindingCodec.read(r.value(), JsonNode.class).path("rawSha256").asText())));
        figures.put("findings.triaged records", TopicReader.readAll(bootstrap, Topics.FINDINGS_TRIAGED,
                r -> triagedIds.add(r.key())));
        long[] requestCopies = new long[1];
        figures.put("actions.requested records", TopicReader.readAll(bootstrap, Topics.ACTIONS_REQUESTED, r -> {
            String id = header(r.headers().lastHeader("request-id"));
            if (requestAction.put(id, header(r.headers().lastHeader("action"))) != null) {
                requestCopies[0]++;
            }
            requestAddress.put(id, FindingCodec.read(r.value(), JsonNode.class).path("target").path("address").asText());
        }));
        figures.put("actions.requested distinct request ids", (long) requestAction.size());
        figures.put("actions.requested repeated request ids (triage redelivery)", requestCopies[0]);
        figures.put("actions.results records", TopicReader.readAll(bootstrap, Topics.ACTIONS_RESULTS, r -> {
            ActionResult result = FindingCodec.read(r.value(), ActionResult.class);
            results.computeIfAbsent(result.requestId(), k -> new ArrayList<>()).add(result.outcome());
        }));
        Map<String, Long> outcomes = new TreeMap<>();
        results.values().forEach(list -> list.forEach(o -> outcomes.merge(o.name(), 1L, Long::sum)));
        outcomes.forEach((outcome, count) -> figures.put("actions.results " + outcome, count));
    }

    /** Every input of {@code load} reached findings.normalized (or the DLQ), and every finding was triaged. */
    void checkInputs(ReliabilityLoad load) {
        long missing = load.findingIds.stream().filter(id -> !normalizedCopies.containsKey(id)).count();
        long republished = load.findingIds.stream().filter(id -> normalizedCopies.getOrDefault(id, 0) > 1).count();
        long lostMalformed = load.malformedShas.stream().filter(sha -> !dlqShas.contains(sha)).count();
        Set<String> triagedGuardDuty = new HashSet<>();
        triagedIds.forEach(k -> triagedGuardDuty.add(guardDutyId(k)));
        long untriaged = load.findingIds.stream()
                .filter(id -> normalizedCopies.containsKey(id) && !triagedGuardDuty.contains(id)).count();
        String prefix = "[" + load.label() + "] ";
        figures.put(prefix + "distinct findings sent", (long) load.findingIds.size());
        figures.put(prefix + "duplicate inputs sent", (long) load.duplicates);
        figures.put(prefix + "malformed inputs sent", (long) load.malformedShas.size());
        figures.put(prefix + "findings missing from findings.normalized", missing);
        figures.put(prefix + "findings normalized more than once (replay after a crash)", republished);
        figures.put(prefix + "malformed inputs missing from findings.dlq", lostMalformed);
        figures.put(prefix + "normalized findings without a triage record", untriaged);
        if (missing > 0) {
            violations.add(prefix + missing + " findings never reached findings.normalized");
        }
        if (lostMalformed > 0) {
            violations.add(prefix + lostMalformed + " malformed inputs never reached findings.dlq");
        }
        if (untriaged > 0) {
            violations.add(prefix + untriaged + " normalized findings have no triage record");
        }
    }

    /** Every action request has a result. */
    void checkResults() {
        long without = requestAction.keySet().stream().filter(id -> !results.containsKey(id)).count();
        figures.put("action requests without a result", without);
        if (without > 0) {
            violations.add(without + " action requests have no result in actions.results");
        }
    }

    /** No NACL or IP set holds an address twice, and every blocked address is in its IP set. */
    void checkAws(AwsState state, DemoEstate estate) {
        long naclEntries = 0;
        for (Map.Entry<String, List<String>> nacl : state.naclDenies().entrySet()) {
            Set<String> cidrs = new HashSet<>();
            for (String entry : nacl.getValue()) {
                naclEntries++;
                String cidr = entry.substring(entry.indexOf(' ') + 1);
                if (!cidrs.add(cidr)) {
                    violations.add("NACL " + nacl.getKey() + " denies " + cidr + " twice: " + nacl.getValue());
                }
            }
        }
        figures.put("NACL deny entries at the end", naclEntries);
        List<String> ipSet = state.ipSets().getOrDefault(estate.ipSetV4(), List.of());
        figures.put("IP set addresses at the end", (long) ipSet.size());
        if (new HashSet<>(ipSet).size() != ipSet.size()) {
            violations.add("IP set " + estate.ipSetV4() + " lists an address twice");
        }
        Set<String> blocked = new HashSet<>();
        results.forEach((id, outcomes) -> {
            if ("waf-block".equals(requestAction.get(id)) && outcomes.contains(ActionResult.Outcome.APPLIED)) {
                blocked.add(requestAddress.get(id) + "/32");
            }
        });
        blocked.removeAll(ipSet);
        figures.put("addresses a waf-block APPLIED that are not in the IP set", (long) blocked.size());
        if (!blocked.isEmpty()) {
            violations.add(blocked.size() + " addresses reported blocked are not in the IP set, e.g. "
                    + blocked.iterator().next());
        }
    }

    /** Reads every notification from the SQS subscriptions and checks them against the sns-notify results. */
    void checkNotifications(AwsState state) {
        Map<String, Integer> sent = new HashMap<>();
        for (List<AwsState.Notification> batch = state.drainNotifications(); !batch.isEmpty();
                batch = state.drainNotifications()) {
            for (AwsState.Notification notification : batch) {
                Matcher m = REQUEST_LINE.matcher(notification.message());
                if (m.find()) {
                    sent.merge(m.group(1), 1, Integer::sum);
                }
            }
        }
        long applied = 0;
        long unnotified = 0;
        long repeated = 0;
        for (Map.Entry<String, String> request : requestAction.entrySet()) {
            if (!"sns-notify".equals(request.getValue())) {
                continue;
            }
            long appliedResults = results.getOrDefault(request.getKey(), List.of()).stream()
                    .filter(o -> o == ActionResult.Outcome.APPLIED).count();
            int messages = sent.getOrDefault(request.getKey(), 0);
            if (appliedResults > 0) {
                applied++;
            }
            if (appliedResults > 0 && messages == 0) {
                unnotified++;
            }
            if (messages > 1) {
                // at least once: a request published just before a SIGKILL is executed again by the restarted service
                repeated++;
            }
        }
        figures.put("sns-notify requests APPLIED", applied);
        figures.put("SNS messages received", sent.values().stream().mapToLong(Integer::longValue).sum());
        figures.put("sns-notify requests notified more than once (re-executed after a crash)", repeated);
        figures.put("sns-notify requests APPLIED but never received", unnotified);
        if (unnotified > 0) {
            violations.add(unnotified + " APPLIED sns-notify requests never reached the subscribed queue");
        }
    }

    String report() {
        StringBuilder out = new StringBuilder();
        figures.forEach((name, value) -> out.append(String.format("  %-72s %,d%n", name, value)));
        return out.toString();
    }

    private static String guardDutyId(String canonicalId) {
        return canonicalId == null ? "" : canonicalId.substring(canonicalId.lastIndexOf(':') + 1);
    }

    private static String header(Header header) {
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
