package dev.findingsresponder.response.action;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How {@code waf-block} writes IP sets.
 *
 * @param maxAttempts  read-modify-write attempts when another writer changed the set in between
 *                     ({@code WAFOptimisticLockException}); after the last one the exception propagates and
 *                     the executor retries later
 * @param baseBackoff  backoff before the second attempt; doubles per attempt, with jitter
 * @param maxBackoff   cap of one backoff
 * @param maxAddresses most addresses a set may hold: AWS allows 10,000 per IP set (moto does not enforce it)
 */
public record WafSettings(int maxAttempts, Duration baseBackoff, Duration maxBackoff, int maxAddresses) {

    /** 8 attempts, 50 ms doubling to at most 2 s, 10,000 addresses. */
    public static final WafSettings DEFAULTS = new WafSettings(8, Duration.ofMillis(50), Duration.ofSeconds(2), 10_000);

    public WafSettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (baseBackoff == null || baseBackoff.isNegative() || maxBackoff == null || maxBackoff.compareTo(baseBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be 0 <= base <= cap, got " + baseBackoff + " / " + maxBackoff);
        }
        if (maxAddresses < 1 || maxAddresses > 10_000) {
            throw new IllegalArgumentException("maxAddresses must be 1-10000 (the AWS limit), got " + maxAddresses);
        }
    }

    /** Backoff before attempt {@code attempt + 1}: half the capped exponential delay plus a random half. */
    Duration backoff(int attempt) {
        long exponential = baseBackoff.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(exponential, maxBackoff.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(capped - half + 1));
    }
}
