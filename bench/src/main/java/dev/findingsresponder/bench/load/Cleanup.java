package dev.findingsresponder.bench.load;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Everything a run started, closed in reverse order exactly once: at the end of the run, on failure, or from the
 * JVM's shutdown hook on Ctrl-C / SIGTERM, so no broker or service process outlives the tool.
 */
final class Cleanup implements AutoCloseable {

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final Thread hook = new Thread(this::closeAll, "load-cleanup");

    Cleanup() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    synchronized <T extends AutoCloseable> T add(T resource) {
        resources.push(resource);
        return resource;
    }

    private synchronized void closeAll() {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("cleanup: closing " + resource + " failed: " + e);
            }
        }
    }

    @Override
    public void close() {
        closeAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or ran: nothing left to do
        }
    }
}
