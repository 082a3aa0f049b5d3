package dev.findingsresponder.response.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RateCapsTest {

    private static final Instant T0 = Instant.parse("2026-12-03T08:00:00Z");

    @Test
    void theCapHoldsPerActionAndAccountOverASlidingHour() {
        RateCaps caps = new RateCaps(Map.of("isolate-instance", 2));

        assertThat(caps.admit("isolate-instance", "111122223333", T0)).isEmpty();
        assertThat(caps.admit("isolate-instance", "111122223333", T0.plusSeconds(600))).isEmpty();
        assertThat(caps.admit("isolate-instance", "111122223333", T0.plusSeconds(1200))).hasValueSatisfying(why ->
                assertThat(why).contains("at most 2 isolate-instance per account per hour", "111122223333"));
        assertThat(caps.admit("isolate-instance", "444455556666", T0.plusSeconds(1200))).as("other account").isEmpty();
        assertThat(caps.admit("nacl-deny", "111122223333", T0.plusSeconds(1200))).as("uncapped action").isEmpty();
        // the first execution leaves the window an hour later, the second not yet
        assertThat(caps.admit("isolate-instance", "111122223333", T0.plus(Duration.ofHours(1)))).isEmpty();
        assertThat(caps.admit("isolate-instance", "111122223333", T0.plus(Duration.ofHours(1)))).isPresent();
    }

    @Test
    void zeroRefusesEveryOneAndANegativeCapNeverLoads() {
        assertThat(new RateCaps(Map.of("ssm-remediate", 0)).admit("ssm-remediate", "111122223333", T0)).isPresent();
        assertThatThrownBy(() -> new RateCaps(Map.of("ssm-remediate", -1))).isInstanceOf(IllegalArgumentException.class);
    }
}
