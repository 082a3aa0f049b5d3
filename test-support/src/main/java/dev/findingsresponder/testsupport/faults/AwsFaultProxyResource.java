package dev.findingsresponder.testsupport.faults;

import java.time.Duration;
import java.util.Map;

import dev.findingsresponder.testsupport.MotoServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Puts an {@link AwsFaultProxy} between a {@code @QuarkusTest} service and moto: the service's {@code aws.*}
 * configuration points at the proxy, with a short per-attempt timeout that a held answer
 * ({@link AwsFault#TIMEOUT}) outlasts. The proxy starts with no faults; the test sets the share through
 * {@link #proxy()}. Use with {@code restrictToAnnotatedClass = true}; its order puts its endpoint over the one of
 * {@code MotoTestResource}, which other test classes declare for the whole module.
 *
 * <p>System property {@code aws-faults.seed} (default 1) seeds the draws.
 */
public class AwsFaultProxyResource implements QuarkusTestResourceLifecycleManager {

    /** Per-attempt timeout the service gets: long enough for a loaded moto, short enough to keep the test quick. */
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(3);
    /** How long a held answer is held: beyond the per-attempt timeout. */
    public static final Duration HOLD = ATTEMPT_TIMEOUT.plusSeconds(1);

    private static volatile AwsFaultProxy proxy;

    /** The running proxy (between start and stop of the resource). */
    public static AwsFaultProxy proxy() {
        AwsFaultProxy running = proxy;
        if (running == null) {
            throw new IllegalStateException("AwsFaultProxyResource is not started");
        }
        return running;
    }

    @Override
    public Map<String, String> start() {
        proxy = AwsFaultProxy.start(MotoServer.ensureRunning(), Long.getLong("aws-faults.seed", 1L), HOLD);
        return Map.of(
                "aws.endpoint-override", proxy.endpoint(),
                "aws.region", MotoServer.REGION,
                "aws.access-key-id", MotoServer.ACCESS_KEY,
                "aws.secret-access-key", MotoServer.SECRET_KEY,
                "aws.api-call-attempt-timeout", ATTEMPT_TIMEOUT.toMillis() + "ms",
                "aws.api-call-timeout", ATTEMPT_TIMEOUT.multipliedBy(3).toMillis() + "ms");
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
    }
}
