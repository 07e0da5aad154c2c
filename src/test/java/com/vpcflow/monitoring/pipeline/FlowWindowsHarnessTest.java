package com.vpcflow.monitoring.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.vpcflow.monitoring.flowlog.EniAddress;
import com.vpcflow.monitoring.flowlog.FlowLogFormat;
import com.vpcflow.monitoring.flowlog.FlowRecord;
import com.vpcflow.monitoring.flowlog.FlowRecordParser;
import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.metrics.SkipCount;
import com.vpcflow.monitoring.testing.TestGrouping;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.StreamMap;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The window operator of {@link FlowLogPipeline} in Flink's operator test harness, with event time driven by
 * explicit watermarks (no clock, no sleeps): what fires when, what is late, and that no keyed state and no timer is
 * left once the windows are done (as apache/flink-training's LongRidesHarnessTest checks).
 */
class FlowWindowsHarnessTest {
    static final long T = 1_700_000_040L; // a window start (multiple of 60)
    private static final FlowRecordParser PARSER =
            new FlowRecordParser(FlowLogFormat.parse(FlowLogFormat.DEFAULT_TEXT));

    private KeyedOneInputStreamOperatorTestHarness<Tuple2<String, String>, FlowBatch, MetricSeries> harness;

    /** A one-record batch, as the decode operator makes it from a payload. */
    static FlowBatch batchAt(long start) throws Exception {
        FlowRecord r = PARSER.parse("2 123456789012 eni-1 10.0.0.5 10.0.9.9 443 50000 6 10 1000 " + start + " "
                + (start + 5) + " ACCEPT OK");
        r.accountId = "123456789012";
        r.region = "eu-west-1";
        List<FlowRecord> records = new ArrayList<>(List.of(r));
        EniAddress.resolve(records);
        return PayloadBatches.of(records, 60, TestGrouping.DEFAULT).iterator().next();
    }

    /** One-minute windows of the default format, 60 s of disorder allowed. */
    static PipelineSettings settings(Duration allowedLateness) {
        return new PipelineSettings(
                FlowLogFormat.parse(FlowLogFormat.DEFAULT_TEXT),
                1 << 20,
                Duration.ofSeconds(60),
                allowedLateness,
                Duration.ofSeconds(60),
                Duration.ofMinutes(1),
                "eu-west-1",
                List.of());
    }

    /** The pipeline's window operator in a keyed harness, opened. */
    @SuppressWarnings("unchecked")
    static KeyedOneInputStreamOperatorTestHarness<Tuple2<String, String>, FlowBatch, MetricSeries> windowsHarness(
            PipelineSettings settings) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<FlowBatch> in = env.fromData(List.of(new FlowBatch()), TypeInformation.of(FlowBatch.class));
        OneInputTransformation<FlowBatch, MetricSeries> windows = (OneInputTransformation<FlowBatch, MetricSeries>)
                FlowLogPipeline.windows(in, settings).getTransformation();
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                windows.getOperatorFactory(),
                (org.apache.flink.api.java.functions.KeySelector<FlowBatch, Tuple2<String, String>>)
                        windows.getStateKeySelector(),
                (TypeInformation<Tuple2<String, String>>) windows.getStateKeyType());
        harness.open();
        return harness;
    }

    private void open(Duration allowedLateness) throws Exception {
        open(settings(allowedLateness));
    }

    private void open(PipelineSettings settings) throws Exception {
        harness = windowsHarness(settings);
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) harness.close();
    }

    private void send(long start) throws Exception {
        harness.processElement(new StreamRecord<>(batchAt(start), start * 1000));
    }

    /** What the event-time stage emits after a batch starting at {@code start}: 60 s of disorder allowed. */
    private void watermarkAfter(long start) throws Exception {
        harness.processWatermark(new Watermark((start - 60) * 1000 - 1));
    }

    /** action count per window start, in the order the points came out. */
    private List<Map.Entry<Long, Double>> actionPoints() {
        List<Map.Entry<Long, Double>> points = new ArrayList<>();
        for (MetricSeries s : harness.extractOutputValues()) {
            if (s.metric.equals("aws.vpc.flowlogs.action")) points.add(Map.entry(s.timestamp, s.value));
        }
        return points;
    }

    private long lateRecords() {
        var late = harness.getSideOutput(LateRecords.TAG);
        return late == null
                ? 0
                : late.stream().mapToLong(r -> r.getValue().records).sum();
    }

    @Test
    void disorderWithinTheBoundCountsAndRecordsAfterTheirWindowClosedGoLate() throws Exception {
        open(Duration.ZERO);
        send(T + 10);
        send(T + 70);
        send(T + 20); // 50 s out of order, within the 60 s bound: counted
        watermarkAfter(T + 70);
        assertThat(actionPoints()).isEmpty();

        send(T + 200);
        watermarkAfter(T + 200); // T+140: windows T and T+60 close
        assertThat(actionPoints()).containsExactly(Map.entry(T, 2.0), Map.entry(T + 60, 1.0));

        send(T + 30); // its window has closed: late
        send(T + 150); // 50 s behind, its window is still open: counted
        assertThat(lateRecords()).isEqualTo(1);

        harness.processWatermark(new Watermark(Long.MAX_VALUE)); // end of input
        Map<Long, Double> counts = new TreeMap<>();
        actionPoints().forEach(e -> counts.merge(e.getKey(), e.getValue(), Double::sum));
        assertThat(counts)
                .containsExactly(
                        Map.entry(T, 2.0), Map.entry(T + 60, 1.0), Map.entry(T + 120, 1.0), Map.entry(T + 180, 1.0));
        assertThat(harness.numKeyedStateEntries()).as("keyed state left").isZero();
        assertThat(harness.numEventTimeTimers()).as("event-time timers left").isZero();
    }

    @Test
    void allowedLatenessReEmitsTheWindowWithTheSamePointUpdatedThenDropsItsState() throws Exception {
        open(Duration.ofMinutes(2));
        send(T + 10);
        send(T + 100);
        watermarkAfter(T + 100); // T+40: nothing closes
        assertThat(actionPoints()).isEmpty();

        send(T + 150);
        watermarkAfter(T + 150); // T+90: window T fires, its state kept for the lateness
        assertThat(actionPoints()).containsExactly(Map.entry(T, 1.0));
        assertThat(harness.numKeyedStateEntries()).isPositive();

        send(T + 20); // late but within the allowed lateness: fires again, the same point with the complete count
        assertThat(actionPoints()).containsExactly(Map.entry(T, 1.0), Map.entry(T, 2.0));
        assertThat(lateRecords()).isZero();

        harness.processWatermark(new Watermark((T + 60 + 120) * 1000)); // window T's lateness is over
        send(T + 30); // now it is late
        assertThat(lateRecords()).isEqualTo(1);

        harness.processWatermark(new Watermark(Long.MAX_VALUE));
        assertThat(harness.numKeyedStateEntries()).as("keyed state left").isZero();
        assertThat(harness.numEventTimeTimers()).as("event-time timers left").isZero();
    }

    @Test
    void aLateBatchBecomesALateRecordsCountOfItsRecords() throws Exception {
        FlowBatch late = batchAt(T);
        late.records = 3;
        try (OneInputStreamOperatorTestHarness<FlowBatch, SkipCount> map =
                new OneInputStreamOperatorTestHarness<>(new StreamMap<>(new LateRecords()))) {
            map.open();
            map.processElement(new StreamRecord<>(late));
            List<SkipCount> out = map.extractOutputValues();
            assertThat(out).hasSize(1);
            assertThat(out.get(0).metric).isEqualTo("aws.vpc.flowlogs.late_records");
            assertThat(out.get(0).reason).isEqualTo("window_closed");
            assertThat(out.get(0).count).isEqualTo(3);
        }
    }

    /**
     * 100,000 distinct peers of one ENI in one window, arriving as 100 payloads of 1,000 records, plus one peer with
     * about 10% of the bytes: the window state, as a checkpoint writes it, stays within the summary's bound, and the
     * heavy peer is reported first with a figure within the documented error.
     */
    @Test
    void topPeersKeepTheWindowStateBoundedWhateverThePeers() throws Exception {
        FlowLogFormat format = FlowLogFormat.parse(FlowLogFormat.DEFAULT_TEXT);
        PipelineSettings settings = new PipelineSettings(
                format,
                1 << 20,
                Duration.ofSeconds(60),
                Duration.ZERO,
                Duration.ofSeconds(60),
                Duration.ofMinutes(1),
                "eu-west-1",
                List.of(),
                com.vpcflow.monitoring.stats.Dimensions.of(com.vpcflow.monitoring.stats.Dimensions.DEFAULT, format),
                com.vpcflow.monitoring.metrics.PerRequestStat.DEFAULT,
                0,
                3,
                60,
                PipelineSettings.DEFAULT_MAX_FUTURE,
                com.vpcflow.monitoring.flowlog.TimeRange.ALL);
        open(settings);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        long total = 0, heavy = 0;
        for (int p = 0; p < 100; p++) {
            List<FlowRecord> records = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                int n = p * 1000 + i;
                long bytes = 40 + rnd.nextInt(1500);
                records.add(
                        PARSER.parse("2 123456789012 eni-1 10." + (n >> 16) + "." + ((n >> 8) & 255) + "." + (n & 255)
                                + " 10.0.0.5 443 50000 6 1 " + bytes + " " + (T + 1) + " " + (T + 2) + " ACCEPT OK"));
                records.add(PARSER.parse("2 123456789012 eni-1 192.0.2.1 10.0.0.5 443 50001 6 1 85 " + (T + 1) + " "
                        + (T + 2) + " ACCEPT OK"));
                total += bytes + 85;
                heavy += 85;
            }
            for (FlowRecord r : records) {
                r.accountId = "123456789012";
                r.region = "eu-west-1";
            }
            EniAddress.resolve(records);
            for (FlowBatch b : PayloadBatches.of(records, 60, settings.grouping())) {
                harness.processElement(new StreamRecord<>(b, b.start * 1000));
            }
        }
        long stateBytes = harness.snapshot(1, 1).getManagedKeyedState().stream()
                .mapToLong(org.apache.flink.runtime.state.StateObject::getStateSize)
                .sum();
        System.out.printf(
                "top peers: 100,000 distinct peers in one window of one key, window state as checkpointed:"
                        + " %d bytes (capacity 60)%n",
                stateBytes);
        assertThat(stateBytes).isLessThan(20_000);

        harness.processWatermark(new Watermark(Long.MAX_VALUE));
        List<MetricSeries> top = harness.extractOutputValues().stream()
                .filter(m -> m.metric.equals("aws.vpc.flowlogs.top_peers.bytes"))
                .toList();
        assertThat(top).hasSize(3);
        MetricSeries first = top.stream()
                .max(java.util.Comparator.comparingDouble(m -> m.value))
                .orElseThrow();
        assertThat(first.tags).contains("peer_ip:192.0.2.1", "direction:inbound");
        assertThat(first.value).isBetween((double) heavy, (double) heavy + total / 60.0);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }
}
