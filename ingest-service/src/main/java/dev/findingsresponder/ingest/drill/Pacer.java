package dev.findingsresponder.ingest.drill;

/**
 * Spreads a drill's sends at a fixed rate: event {@code i} goes out {@code i / rate} seconds after the first, so a
 * slow send is caught up rather than shifting every later one. Rate 0 never waits.
 */
public final class Pacer {

    private final double nanosPerEvent;
    private final long start = System.nanoTime();

    /** @param eventsPerSecond events per second, 0 for as fast as possible */
    public Pacer(double eventsPerSecond) {
        this.nanosPerEvent = eventsPerSecond <= 0 ? 0 : 1e9 / eventsPerSecond;
    }

    /** Sleeps until event {@code index} (0-based) is due. */
    public void awaitTurn(long index) throws InterruptedException {
        if (nanosPerEvent == 0) {
            return;
        }
        long due = start + (long) (index * nanosPerEvent);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
