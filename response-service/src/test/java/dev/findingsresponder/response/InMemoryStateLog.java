package dev.findingsresponder.response;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link StateLog} in memory for unit tests: the latest value per key, and how many writes were made. */
final class InMemoryStateLog implements StateLog {

    private final Map<String, DesiredBlock> records = new LinkedHashMap<>();
    private int writes;

    @Override
    public synchronized List<DesiredBlock> readAll() {
        return new ArrayList<>(records.values());
    }

    @Override
    public synchronized void write(Collection<DesiredBlock> upserts, Collection<String> removedKeys) {
        upserts.forEach(b -> records.put(b.key(), b));
        removedKeys.forEach(records::remove);
        writes++;
    }

    synchronized int writes() {
        return writes;
    }

    /** A loaded desired state over this log. */
    DesiredState loadedState() {
        DesiredState state = new DesiredState(this, java.time.Duration.ofHours(1), java.time.Duration.ofDays(1));
        state.load();
        return state;
    }
}
