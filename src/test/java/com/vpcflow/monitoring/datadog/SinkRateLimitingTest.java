package com.vpcflow.monitoring.datadog;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.connector.base.sink.writer.strategy.BasicRequestInfo;
import org.apache.flink.connector.base.sink.writer.strategy.BasicResultInfo;
import org.apache.flink.connector.base.sink.writer.strategy.RateLimitingStrategy;
import org.junit.jupiter.api.Test;

/** How many batches the Datadog sink's writer may have in flight: {@link DatadogSink#rateLimiting}. */
class SinkRateLimitingTest {
    private static final BasicRequestInfo FULL_BATCH = new BasicRequestInfo(1_000);

    /** Sends full batches of 1,000 until the strategy blocks; returns how many went out (and leaves them in flight). */
    private static int sendUntilBlocked(RateLimitingStrategy s) {
        int sent = 0;
        while (!s.shouldBlock(FULL_BATCH) && sent < 100) {
            s.registerInFlightRequest(FULL_BATCH);
            sent++;
        }
        return sent;
    }

    private static void answer(RateLimitingStrategy s, int requests, int failedSeriesEach) {
        for (int i = 0; i < requests; i++) s.registerCompletedRequest(new BasicResultInfo(failedSeriesEach, 1_000));
    }

    @Test
    void everyInFlightSlotIsOpenFromTheFirstBatch() {
        RateLimitingStrategy s = DatadogSink.rateLimiting(1_000, 4);
        assertThat(s.getMaxBatchSize()).isEqualTo(4_000);
        assertThat(sendUntilBlocked(s)).isEqualTo(4);
        answer(s, 1, 0);
        assertThat(sendUntilBlocked(s))
                .as("an answered batch frees its slot, no more")
                .isEqualTo(1);
    }

    @Test
    void aBatchToRetryHalvesWhatMayBeInFlightAndEachAnswerWinsOneBatchBack() {
        RateLimitingStrategy s = DatadogSink.rateLimiting(1_000, 4);
        assertThat(sendUntilBlocked(s)).isEqualTo(4);
        answer(s, 1, 1_000); // e.g. a 429: 4,000 -> 2,000 series in flight
        answer(s, 3, 0); // +1,000 each, capped at 4,000
        assertThat(s.getMaxBatchSize()).isEqualTo(4_000);

        s = DatadogSink.rateLimiting(1_000, 4);
        assertThat(sendUntilBlocked(s)).isEqualTo(4);
        answer(s, 4, 1); // four refusals: 4,000 -> 2,000 -> 1,000 -> 500 -> 250
        assertThat(s.getMaxBatchSize()).isEqualTo(250);
        assertThat(s.shouldBlock(FULL_BATCH))
                .as("a full batch is over the limit now")
                .isTrue();
        assertThat(s.shouldBlock(new BasicRequestInfo(250))).isFalse();
        s.registerInFlightRequest(new BasicRequestInfo(250));
        answer(s, 1, 0);
        assertThat(s.getMaxBatchSize()).isEqualTo(1_250);
    }

    @Test
    void theLimitFollowsTheSettings() {
        RateLimitingStrategy s = DatadogSink.rateLimiting(1_000, 16);
        assertThat(sendUntilBlocked(s)).isEqualTo(16);
        assertThat(DatadogSink.rateLimiting(100_000, 64).getMaxBatchSize()).isEqualTo(6_400_000);
    }
}
