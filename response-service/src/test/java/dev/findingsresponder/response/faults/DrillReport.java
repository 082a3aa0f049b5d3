package dev.findingsresponder.response.faults;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.findingsresponder.testsupport.faults.AwsFault;

/** The drill's figures as Markdown: calls per operation with and without faults, outcomes, retries, bounds. */
final class DrillReport {

    private DrillReport() {
    }

    static String text(DrillPhase clean, DrillPhase faulty, long seed, long nonWafBound, long wafBound) {
        String pct = Math.round(faulty.share * 100) + "%";
        StringBuilder out = new StringBuilder();
        out.append("AWS fault drill: ").append(faulty.requests.size()).append(" requests per phase, fault share ")
                .append(pct).append(", seed ").append(seed).append("\n\n");
        out.append("| operation | calls at 0% | calls at ").append(pct).append(" | faults injected at ").append(pct)
                .append(" |\n|---|---:|---:|---|\n");
        Set<String> operations = new TreeSet<>(clean.calls.keySet());
        operations.addAll(faulty.calls.keySet());
        for (String operation : operations) {
            Map<AwsFault, Long> injected = faulty.faults.getOrDefault(operation, Map.of());
            out.append("| ").append(operation).append(" | ").append(clean.calls.getOrDefault(operation, 0L))
                    .append(" | ").append(faulty.calls.getOrDefault(operation, 0L)).append(" | ")
                    .append(injected.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", ")))
                    .append(" |\n");
        }
        out.append("| **total** | ").append(clean.totalCalls()).append(" | ").append(faulty.totalCalls())
                .append(" | ").append(faulty.totalFaults()).append(" |\n\n");
        out.append("| action | final outcomes at 0% | final outcomes at ").append(pct)
                .append(" |\n|---|---|---|\n");
        Set<String> actions = new TreeSet<>(clean.outcomes().keySet());
        actions.addAll(faulty.outcomes().keySet());
        for (String action : actions) {
            out.append("| ").append(action).append(" | ").append(clean.outcomes().getOrDefault(action, Map.of()))
                    .append(" | ").append(faulty.outcomes().getOrDefault(action, Map.of())).append(" |\n");
        }
        out.append("\nretry-topic deliveries: ").append(clean.retryDeliveries()).append(" at 0%, ")
                .append(faulty.retryDeliveries()).append(" at ").append(pct).append("\n");
        out.append("calls at ").append(pct).append(" vs bound from the retry policy: non-WAF ")
                .append(faulty.totalCalls() - faulty.calls("wafv2:")).append(" <= ").append(nonWafBound)
                .append(", WAF ").append(faulty.calls("wafv2:")).append(" <= ").append(wafBound).append("\n");
        return out.toString();
    }
}
