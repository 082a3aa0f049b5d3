package dev.findingsresponder.testsupport.faults;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Calls that reached the proxy by operation ({@code service:Operation}), and the faults injected into them. */
public final class FaultCounts {

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, Map<AwsFault, LongAdder>> faults = new ConcurrentHashMap<>();

    void call(AwsCall call) {
        calls.computeIfAbsent(call.key(), k -> new LongAdder()).increment();
    }

    void fault(AwsCall call, AwsFault fault) {
        faults.computeIfAbsent(call.key(), k -> new ConcurrentHashMap<>())
                .computeIfAbsent(fault, f -> new LongAdder()).increment();
    }

    void clear() {
        calls.clear();
        faults.clear();
    }

    /** A copy: calls by operation, sorted by operation. */
    public Map<String, Long> calls() {
        Map<String, Long> copy = new TreeMap<>();
        calls.forEach((operation, count) -> copy.put(operation, count.sum()));
        return copy;
    }

    /** A copy: injected faults by operation, then by fault. */
    public Map<String, Map<AwsFault, Long>> faults() {
        Map<String, Map<AwsFault, Long>> copy = new TreeMap<>();
        faults.forEach((operation, byFault) -> {
            Map<AwsFault, Long> inner = new EnumMap<>(AwsFault.class);
            byFault.forEach((fault, count) -> inner.put(fault, count.sum()));
            copy.put(operation, inner);
        });
        return copy;
    }

    /** Every call counted. */
    public long totalCalls() {
        return calls.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Every fault injected. */
    public long totalFaults() {
        return faults.values().stream().flatMap(m -> m.values().stream()).mapToLong(LongAdder::sum).sum();
    }

    /** Faults injected of one kind, over all operations. */
    public long total(AwsFault fault) {
        return faults.values().stream().map(m -> m.get(fault)).filter(java.util.Objects::nonNull)
                .mapToLong(LongAdder::sum).sum();
    }
}
