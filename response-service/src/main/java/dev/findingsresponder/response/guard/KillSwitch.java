package dev.findingsresponder.response.guard;

import java.time.Instant;
import java.util.Optional;

/**
 * The global kill switch: on from the configuration ({@code RESPONSE_KILL_SWITCH}), or turned on and off by an
 * operator at run time ({@code PUT /kill-switch}), which takes effect for the next request without a restart. An
 * operator's setting is written to the {@link Store} before it counts and read back at start, so a restart keeps it.
 * Turned on in the configuration it stays on: the API cannot turn it off (fail closed).
 */
public final class KillSwitch {

    /** Who set the switch and when; {@code changedBy} "configuration" for the configured value. */
    public record State(boolean on, String changedBy, Instant changedAt, String reason) {
    }

    /** Where an operator's setting persists. */
    public interface Store {
        Store NONE = new Store() {
            @Override
            public Optional<State> read() {
                return Optional.empty();
            }

            @Override
            public void write(State state) {
            }
        };

        Optional<State> read();

        void write(State state);
    }

    private final boolean configuredOn;
    private final Store store;
    private volatile State state;

    public KillSwitch(boolean configuredOn) {
        this(configuredOn, Store.NONE);
    }

    public KillSwitch(boolean configuredOn, Store store) {
        this.configuredOn = configuredOn;
        this.store = store;
        this.state = new State(configuredOn, "configuration", null, null);
    }

    public boolean on() {
        return state.on();
    }

    public State state() {
        return state;
    }

    /** Takes an operator's stored setting, unless the configuration turned the switch on. */
    public void load() {
        if (!configuredOn) {
            store.read().ifPresent(stored -> state = stored);
        }
    }

    /**
     * Sets the switch once the setting is stored.
     *
     * @throws IllegalStateException when turning it off while the configuration has it on
     */
    public synchronized State set(boolean on, String changedBy, String reason, Instant now) {
        if (!on && configuredOn) {
            throw new IllegalStateException("the kill switch is on in the configuration (RESPONSE_KILL_SWITCH=true):"
                    + " turn it off there");
        }
        State next = new State(on, changedBy, now, reason);
        store.write(next);
        state = next;
        return next;
    }
}
