package dev.findingsresponder.response;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One writer per enforcement target inside this process: request batches, retries, approvals, expiry, unblock and
 * reconciliation of one target key run one at a time, so NACL rule numbers and WAF lock tokens never race here.
 */
public final class TargetLocks {

    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public <T> T with(String targetKey, Supplier<T> work) {
        synchronized (locks.computeIfAbsent(targetKey == null ? "" : targetKey, k -> new Object())) {
            return work.get();
        }
    }
}
