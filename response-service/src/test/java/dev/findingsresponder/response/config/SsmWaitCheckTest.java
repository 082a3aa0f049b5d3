package dev.findingsresponder.response.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The SSM wait must fit in the channels that run ssm-remediate, or the service does not start. */
class SsmWaitCheckTest {

    private static final Optional<Long> TEN_MINUTES = Optional.of(600_000L);

    @Test
    void theDefaultWaitFitsTheConfiguredChannels() {
        assertThat(SsmWaitCheck.problems(Duration.ofMinutes(5), Duration.ofMinutes(1), TEN_MINUTES, TEN_MINUTES))
                .isEmpty();
    }

    @Test
    void aWaitNotBelowTheUnprocessedRecordMaxAgeIsRefusedNamingTheLimit() {
        assertThat(SsmWaitCheck.problems(Duration.ofMinutes(15), Duration.ofMinutes(1), TEN_MINUTES, Optional.empty()))
                .singleElement().satisfies(p -> assertThat(p).contains("PT15M", "unprocessed-record-max-age", "PT10M"));
        assertThat(SsmWaitCheck.problems(Duration.ofMinutes(10), Duration.ZERO, TEN_MINUTES, Optional.empty()))
                .hasSize(1);
    }

    @Test
    void theRetryChannelMustHoldTheWaitPlusTheRetryDelay() {
        assertThat(SsmWaitCheck.problems(Duration.ofMinutes(9), Duration.ofMinutes(1), Optional.empty(), TEN_MINUTES))
                .singleElement().satisfies(p -> assertThat(p).contains("retry-topic-delay", "max.poll.interval"));
    }

    @Test
    void aSwitchedOffMaxAgeIsNotALimit() {
        assertThat(SsmWaitCheck.problems(Duration.ofMinutes(15), Duration.ZERO, Optional.of(0L), Optional.empty()))
                .isEmpty();
    }
}
