package com.vpcflow.monitoring.datadog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Retry delays of one batch, by how long it has been failing: equal jitter, doubling, capped, hints honoured. */
class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(60), 7);

    @Test
    void theWaitIsHalfFixedHalfRandomUpToAsLongAsTheBatchHasFailedCapped() {
        // failing for (ms) -> the delay lies in [capped / 2, capped], capped = min(60 s, max(100 ms, failing))
        long[][] table = {
            {0, 50, 100},
            {40, 50, 100},
            {100, 50, 100},
            {300, 150, 300},
            {5_000, 2_500, 5_000},
            {59_999, 29_999, 59_999},
            {600_000, 30_000, 60_000}
        };
        for (long[] row : table) {
            for (int i = 0; i < 200; i++) {
                assertThat(backoff.delayMillis(row[0], null))
                        .as("failing for %d ms", row[0])
                        .isBetween(row[1], row[2]);
            }
        }
    }

    @Test
    void aLongerServerHintWins() {
        assertThat(backoff.delayMillis(0, Duration.ofSeconds(5))).isEqualTo(5_000);
        assertThat(backoff.delayMillis(0, Duration.ofMillis(1))).isBetween(50L, 100L);
    }

    /** A batch refused at once on every attempt: its total wait grows at least 1.5x per attempt, to the cap. */
    @Test
    void aBatchFailingAtOnceEachTimeWaitsExponentiallyLonger() {
        long failing = 0;
        long previous = 0;
        for (int attempt = 1; attempt <= 30; attempt++) {
            failing += backoff.delayMillis(failing, null);
            if (attempt > 1 && previous < 60_000)
                assertThat(failing).isGreaterThanOrEqualTo(previous * 3 / 2); // below the cap
            previous = failing;
        }
        assertThat(failing).as("30 attempts, capped at a minute each").isBetween(600_000L, 30 * 60_000L);
    }

    /**
     * Sixteen batches in flight failing at the same moment each wait their own first delay: a counter shared by the
     * writer had counted them as 16 failures in a row and sent the last ones to the one-minute cap at once.
     */
    @Test
    void batchesFailingTogetherEachWaitTheirFirstDelay() {
        for (int batch = 0; batch < 16; batch++)
            assertThat(backoff.delayMillis(0, null)).isBetween(50L, 100L);
    }
}
