package com.vpcflow.monitoring.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.vpcflow.monitoring.flowlog.EniAddress;
import com.vpcflow.monitoring.flowlog.FlowLogFormat;
import com.vpcflow.monitoring.flowlog.FlowRecord;
import com.vpcflow.monitoring.flowlog.FlowRecordParser;
import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.stats.GroupStats;
import com.vpcflow.monitoring.testing.TestGrouping;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamElement;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * {@link BatchCombiner} in Flink's operator test harness: what it folds, when it lets go (watermark, checkpoint
 * barrier, end of input, its interval, its bound), and that the windows compute the same series, and count the same
 * late records, behind it as without it.
 */
class BatchCombinerTest {
    private static final long T = FlowWindowsHarnessTest.T;
    private static final FlowLogFormat FORMAT = FlowLogFormat.parse(FlowLogFormat.DEFAULT_TEXT);
    private static final FlowRecordParser PARSER = new FlowRecordParser(FORMAT);

    /** The batches of one payload, as the decode operator makes them. */
    private static Collection<FlowBatch> payload(String... lines) throws Exception {
        List<FlowRecord> records = new ArrayList<>();
        for (String line : lines) {
            FlowRecord r = PARSER.parse(line);
            r.accountId = "123456789012";
            r.region = "eu-west-1";
            records.add(r);
        }
        EniAddress.resolve(records);
        return PayloadBatches.of(records, 60, TestGrouping.DEFAULT);
    }

    private static String line(String eni, long bytes, long start, String action) {
        return "2 123456789012 " + eni + " 10.0.0.5 10.0.9.9 443 50000 6 10 " + bytes + " " + start + " " + (start + 5)
                + " " + action + " OK";
    }

    private static OneInputStreamOperatorTestHarness<FlowBatch, FlowBatch> combiner(int maxHeld) throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(new BatchCombiner(60, maxHeld, 200));
        h.setProcessingTime(0);
        h.open();
        return h;
    }

    private static void send(OneInputStreamOperatorTestHarness<FlowBatch, ?> h, Collection<FlowBatch> batches)
            throws Exception {
        for (FlowBatch b : batches) h.processElement(new StreamRecord<>(b, b.start * 1000));
    }

    private static long groupRecords(FlowBatch b) {
        return b.stats().groups().values().stream()
                .mapToLong(GroupStats::records)
                .sum();
    }

    @Test
    void foldsEachKeyAndWindowUntilTheWatermarkThenSendsTheBatchesBeforeIt() throws Exception {
        try (var h = combiner(1024)) {
            send(h, payload(line("eni-1", 100, T + 5, "ACCEPT"), line("eni-1", 200, T + 65, "ACCEPT")));
            send(h, payload(line("eni-1", 300, T + 20, "ACCEPT"), line("eni-2", 400, T + 10, "ACCEPT")));
            send(h, payload(line("eni-1", 500, T + 30, "REJECT"), line("eni-1", 600, T + 15, "ACCEPT")));
            assertThat(h.getOutput()).as("held until the watermark").isEmpty();

            h.processWatermark(new Watermark(T * 1000));
            List<Object> out = new ArrayList<>(h.getOutput());
            assertThat(out).hasSize(5);
            assertThat(out.get(4)).isEqualTo(new Watermark(T * 1000));
            List<String> batches = new ArrayList<>();
            for (Object o : out.subList(0, 4)) {
                @SuppressWarnings("unchecked")
                StreamRecord<FlowBatch> r = (StreamRecord<FlowBatch>) o;
                FlowBatch b = r.getValue();
                assertThat(r.getTimestamp()).as("stamped with its latest start").isEqualTo(b.start * 1000);
                assertThat(groupRecords(b)).as("records in its groups").isEqualTo(b.records);
                batches.add(b.interfaceId + " " + b.action + " " + (b.start - T) + " " + b.records + " "
                        + b.stats().groups().values().stream()
                                .mapToLong(g -> g.bytes().sum())
                                .sum());
            }
            assertThat(batches)
                    .containsExactlyInAnyOrder(
                            "eni-1 ACCEPT 20 3 1000", // T+5, T+20, T+15: one window, one batch
                            "eni-1 ACCEPT 65 1 200", // the next window
                            "eni-2 ACCEPT 10 1 400",
                            "eni-1 REJECT 30 1 500");

            send(h, payload(line("eni-1", 700, T + 40, "ACCEPT")));
            h.processWatermark(new Watermark(T * 1000 + 1));
            assertThat(h.extractOutputValues()).hasSize(5); // a new batch after the flush: not folded into the sent one
        }
    }

    @Test
    void sendsEverythingOnBeforeACheckpointBarrierAndHoldsNoState() throws Exception {
        try (var h = combiner(1024)) {
            send(h, payload(line("eni-1", 100, T + 5, "ACCEPT")));
            send(h, payload(line("eni-1", 200, T + 6, "ACCEPT")));
            h.prepareSnapshotPreBarrier(1);
            assertThat(h.extractOutputValues()).singleElement().satisfies(b -> assertThat(b.records)
                    .isEqualTo(2));
            var snapshot = h.snapshot(1, 1);
            assertThat(snapshot.getManagedOperatorState()).isEmpty();
            assertThat(snapshot.getManagedKeyedState()).isEmpty();
        }
    }

    @Test
    void sendsEverythingOnAtTheEndOfTheInput() throws Exception {
        try (var h = combiner(1024)) {
            send(h, payload(line("eni-1", 100, T + 5, "ACCEPT"), line("eni-2", 100, T + 5, "ACCEPT")));
            h.endInput();
            assertThat(h.extractOutputValues()).hasSize(2);
        }
    }

    @Test
    void holdsNoBatchLongerThanItsIntervalWithoutAWatermark() throws Exception {
        try (var h = combiner(1024)) {
            send(h, payload(line("eni-1", 100, T + 5, "ACCEPT")));
            h.setProcessingTime(100);
            send(h, payload(line("eni-1", 100, T + 6, "ACCEPT")));
            h.setProcessingTime(199);
            assertThat(h.getOutput()).isEmpty();
            h.setProcessingTime(200); // the interval from the first batch held
            assertThat(h.extractOutputValues()).singleElement().satisfies(b -> assertThat(b.records)
                    .isEqualTo(2));

            send(h, payload(line("eni-1", 100, T + 7, "ACCEPT")));
            h.setProcessingTime(399);
            assertThat(h.extractOutputValues()).hasSize(1);
            h.setProcessingTime(400);
            assertThat(h.extractOutputValues()).hasSize(2);
        }
    }

    @Test
    void aNewKeyPastTheBoundSendsEverythingHeldFirst() throws Exception {
        try (var h = combiner(2)) {
            send(h, payload(line("eni-1", 100, T + 5, "ACCEPT"), line("eni-2", 100, T + 5, "ACCEPT")));
            send(h, payload(line("eni-1", 100, T + 6, "ACCEPT"))); // folds: no new key
            assertThat(h.getOutput()).isEmpty();
            send(h, payload(line("eni-3", 100, T + 5, "ACCEPT")));
            assertThat(h.extractOutputValues())
                    .extracting(b -> b.interfaceId + " " + b.records)
                    .containsExactlyInAnyOrder("eni-1 2", "eni-2 1");
            h.endInput();
            assertThat(h.extractOutputValues()).extracting(b -> b.interfaceId).endsWith("eni-3");
        }
    }

    /**
     * 400 payloads of 50 records (3 interfaces, both actions, about 5 windows, starts up to 90 s out of order, more
     * than a distribution keeps exactly per window), with the event-time stage's watermarks every 10 payloads: the
     * window operator gives the same series and the same late records behind the combiner as without it.
     */
    @Test
    void theWindowsComputeTheSameSeriesAndLateRecordsBehindIt() throws Exception {
        List<String> direct = new ArrayList<>();
        long lateDirect = windows(false, direct);
        List<String> combined = new ArrayList<>();
        long lateCombined = windows(true, combined);
        assertThat(direct).hasSizeGreaterThan(100);
        assertThat(lateDirect).as("some records late").isPositive();
        assertThat(combined).containsExactlyInAnyOrderElementsOf(direct);
        assertThat(lateCombined).isEqualTo(lateDirect);
    }

    /** The windows' series (as text), fed directly or through the combiner; returns the late records. */
    private static long windows(boolean combine, List<String> series) throws Exception {
        try (var windows = FlowWindowsHarnessTest.windowsHarness(FlowWindowsHarnessTest.settings(Duration.ZERO));
                var combiner = combiner(1024)) {
            Random random = new Random(42);
            long maxStart = 0;
            for (int p = 0; p < 400; p++) {
                String[] lines = new String[50];
                for (int i = 0; i < lines.length; i++) {
                    long start = T + p * 3 / 4 - random.nextInt(90);
                    maxStart = Math.max(maxStart, start);
                    lines[i] = line(
                            "eni-" + random.nextInt(3),
                            1 + random.nextInt(100_000),
                            start,
                            random.nextInt(4) == 0 ? "REJECT" : "ACCEPT");
                }
                Collection<FlowBatch> batches = payload(lines);
                if (combine) send(combiner, batches);
                else send(windows, batches);
                if (p % 10 == 9) {
                    Watermark mark = new Watermark((maxStart - 30) * 1000 - 1);
                    if (combine) combiner.processWatermark(mark);
                    else windows.processWatermark(mark);
                }
                if (combine) {
                    for (Object o : combiner.getOutput()) replay(windows, (StreamElement) o);
                    combiner.getOutput().clear();
                }
            }
            windows.processWatermark(new Watermark(Long.MAX_VALUE));
            for (MetricSeries s : windows.extractOutputValues()) series.add(s.toString());
            var late = windows.getSideOutput(LateRecords.TAG);
            return late == null
                    ? 0
                    : late.stream().mapToLong(r -> r.getValue().records).sum();
        }
    }

    @SuppressWarnings("unchecked")
    private static void replay(KeyedOneInputStreamOperatorTestHarness<?, FlowBatch, ?> windows, StreamElement e)
            throws Exception {
        if (e.isWatermark()) windows.processWatermark(e.asWatermark());
        else windows.processElement((StreamRecord<FlowBatch>) e);
    }
}
