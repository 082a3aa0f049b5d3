package dev.findingsresponder.response;

import java.time.Instant;

import dev.findingsresponder.model.ActionRequest;

/** Where a request that still fails after in-process retries goes to be tried again later ({@code actions.retry}). */
public interface RetrySink {

    /**
     * Schedules {@code request} for delivery number {@code attempt} no earlier than {@code notBefore}; returns once
     * the write is durable (it must never be dropped), throws when it could not be written.
     */
    void schedule(ActionRequest request, int attempt, Instant notBefore);
}
