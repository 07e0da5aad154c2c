package com.vpcflow.monitoring.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.metrics.SkipCount;
import com.vpcflow.monitoring.metrics.SkipReason;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SkipCounts} with processing time and watermarks driven by the harness: one point per (metric, reason) and
 * bucket, stamped with the bucket start; nothing left in state or timers once a bucket is out.
 */
class SkipCountsHarnessTest {
    static final long BUCKET_START = 1_700_000_040_000L; // a minute boundary, in ms

    private KeyedOneInputStreamOperatorTestHarness<String, SkipCount, MetricSeries> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new SkipCounts(60, "eu-west-1", List.of("env:test")), SkipCount::key, Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void skip(SkipReason reason, long n) throws Exception {
        harness.processElement(new SkipCount(reason, n), 0);
    }

    private static MetricSeries count(String metric, String reason, long bucketStartMillis, double value) {
        return new MetricSeries(
                metric,
                MetricSeries.COUNT,
                60,
                new String[] {"env:test", "reason:" + reason, "region:eu-west-1"},
                bucketStartMillis / 1000,
                value);
    }

    @Test
    void eachBucketBecomesOnePointPerReasonWhenItEnds() throws Exception {
        harness.setProcessingTime(BUCKET_START + 5_000);
        skip(SkipReason.BAD_JSON, 1);
        skip(SkipReason.BAD_JSON, 1);
        skip(SkipReason.FIELD_COUNT, 1);
        skip(SkipReason.WINDOW_CLOSED, 7);
        harness.setProcessingTime(BUCKET_START + 59_999);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.setProcessingTime(BUCKET_START + 60_000);
        assertThat(harness.extractOutputValues())
                .containsExactlyInAnyOrder(
                        count("aws.vpc.flowlogs.unsupported_message", "bad_json", BUCKET_START, 2),
                        count("aws.vpc.flowlogs.unsupported_message", "field_count", BUCKET_START, 1),
                        count("aws.vpc.flowlogs.late_records", "window_closed", BUCKET_START, 7));
        assertThat(harness.numKeyedStateEntries()).as("keyed state left").isZero();
        assertThat(harness.numProcessingTimeTimers())
                .as("processing-time timers left")
                .isZero();
        assertThat(harness.numEventTimeTimers()).as("event-time timers left").isZero();
    }

    @Test
    void consecutiveBucketsAreSeparatePoints() throws Exception {
        harness.setProcessingTime(BUCKET_START + 1_000);
        skip(SkipReason.NOT_GZIP, 1);
        harness.setProcessingTime(BUCKET_START + 61_000);
        assertThat(harness.extractOutputValues()).hasSize(1);
        skip(SkipReason.NOT_GZIP, 1);
        harness.setProcessingTime(BUCKET_START + 120_000);
        assertThat(harness.extractOutputValues())
                .containsExactly(
                        count("aws.vpc.flowlogs.unsupported_message", "not_gzip", BUCKET_START, 1),
                        count("aws.vpc.flowlogs.unsupported_message", "not_gzip", BUCKET_START + 60_000, 1));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void theOpenBucketIsEmittedWhenTheInputEnds() throws Exception {
        harness.setProcessingTime(BUCKET_START + 1_000);
        skip(SkipReason.TOO_LARGE, 2);
        harness.processWatermark(new Watermark(Long.MAX_VALUE));
        assertThat(harness.extractOutputValues())
                .containsExactly(count("aws.vpc.flowlogs.unsupported_message", "too_large", BUCKET_START, 2));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
