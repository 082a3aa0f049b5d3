package dev.findingsresponder.response;

import java.util.Collection;
import java.util.List;

/** Where desired blocks persist: the compacted {@code response.state} topic in the service, memory in unit tests. */
public interface StateLog {

    /** Every block recorded (the latest value per key, tombstones dropped). */
    List<DesiredBlock> readAll();

    /** Writes the upserts and tombstones the removed keys; returns once all are durable (acknowledged). */
    void write(Collection<DesiredBlock> upserts, Collection<String> removedKeys);
}
