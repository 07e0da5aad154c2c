package com.vpcflow.monitoring.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.streaming.connectors.kinesis.metrics.ShardConsumerMetricsReporter;
import org.junit.jupiter.api.Test;

/** When a silent Kinesis subtask is worth a WARN line: no record for the whole period while a shard has data waiting. */
class SilentShardsWatchTest {
    static final long SILENCE = 300_000;

    @Test
    void warnsOncePerPeriodWhileNothingIsReadAndAShardIsBehind() {
        AtomicLong lagA = new AtomicLong(-1); // -1: the connector's value before the first fetch
        AtomicLong lagB = new AtomicLong(0);
        SilentShardsWatch watch = new SilentShardsWatch(SILENCE, 0);
        watch.shard("shardId-000000000001", lagA::get);
        watch.shard("shardId-000000000000", lagB::get);

        assertThat(watch.check(SILENCE))
                .as("silent, but no shard says data is waiting")
                .isNull();
        lagA.set(42_000);
        assertThat(watch.check(SILENCE - 1)).as("not silent long enough").isNull();
        assertThat(watch.check(SILENCE))
                .isEqualTo("no Kinesis record for 300 s (0 so far) while shard(s) report data waiting,"
                        + " millisBehindLatest {shardId-000000000001=42000}: check --kinesis-endpoint and the"
                        + " credentials (for a local Kinesis, AWS_CBOR_DISABLE=1), or back-pressure from downstream");
        assertThat(watch.check(SILENCE + 60_000)).as("one warning per period").isNull();
        lagB.set(7);
        assertThat(watch.check(2 * SILENCE))
                .contains("for 600 s")
                .contains("{shardId-000000000000=7, shardId-000000000001=42000}");
    }

    @Test
    void aRecordResetsTheSilence() {
        SilentShardsWatch watch = new SilentShardsWatch(SILENCE, 0);
        watch.shard("s", () -> 1_000);
        watch.recordEmitted(SILENCE - 10);
        watch.recordEmitted(SILENCE - 5);
        assertThat(watch.check(SILENCE)).isNull();
        assertThat(watch.check(2 * SILENCE - 6)).isNull();
        assertThat(watch.check(2 * SILENCE - 5)).startsWith("no Kinesis record for 300 s (2 so far)");
    }

    @Test
    void theTapHandsOverTheConnectorsOwnMillisBehindLatestGauge() {
        SilentShardsWatch watch = new SilentShardsWatch(SILENCE, 0);
        // the connector's per-shard reporter registers its gauges on the group it is given: here, the tap
        ShardConsumerMetricsReporter reporter = new ShardConsumerMetricsReporter(new GaugeTap(
                new UnregisteredMetricsGroup(),
                "millisBehindLatest",
                gauge -> watch.shard("shard-7", () -> ((Number) gauge.getValue()).longValue())));
        reporter.setMillisBehindLatest(0);
        assertThat(watch.check(SILENCE)).isNull();
        reporter.setMillisBehindLatest(90_000);
        assertThat(watch.check(SILENCE)).contains("millisBehindLatest {shard-7=90000}");
    }
}
