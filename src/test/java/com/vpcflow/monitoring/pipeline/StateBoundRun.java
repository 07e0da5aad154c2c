package com.vpcflow.monitoring.pipeline;

import com.vpcflow.monitoring.flowlog.EniAddress;
import com.vpcflow.monitoring.flowlog.FlowLogFormat;
import com.vpcflow.monitoring.flowlog.FlowRecord;
import com.vpcflow.monitoring.flowlog.FlowRecordParser;
import com.vpcflow.monitoring.metrics.MetricSeries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * Fills the window operator with {@code keys} ENIs, each with a record in 3 open windows, on the heap or RocksDB
 * backend, and prints what that costs: heap used, state bytes per key as a checkpoint writes them, and, after the
 * final watermark, the keyed state entries and event-time timers left (both must be 0). {@code StateBoundTest} runs
 * it in a JVM of its own with {@code -Xmx1g}. Args: {@code keys heap|rocksdb}.
 */
public final class StateBoundRun {
    static final long T = 1_700_000_040L;

    private StateBoundRun() {}

    /** The harness cannot count RocksDB's entries (its snapshot size tells instead): "n/a" then. */
    private static String count(java.util.function.IntSupplier counter) {
        try {
            return Integer.toString(counter.getAsInt());
        } catch (UnsupportedOperationException e) {
            return "n/a";
        }
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        int keys = Integer.parseInt(args[0]);
        String backend = args[1];
        FlowLogFormat format = FlowLogFormat.parse(FlowLogFormat.DEFAULT_TEXT);
        // The harness keeps every emitted series in memory (a job streams them on): the gauges are left out so that
        // what is measured is the window state, not the harness's output queue.
        PipelineSettings base = new PipelineSettings(
                format,
                1 << 20,
                Duration.ofSeconds(60),
                Duration.ZERO,
                Duration.ofMinutes(15),
                Duration.ofMinutes(1),
                "eu-west-1",
                List.of());
        PipelineSettings settings = new PipelineSettings(
                base.logFormat(),
                base.maxPayloadBytes(),
                base.windowSize(),
                base.allowedLateness(),
                base.maxOutOfOrderness(),
                base.idleTimeout(),
                base.region(),
                base.tags(),
                base.dimensions(),
                List.of(),
                0,
                0,
                0,
                base.maxFuture(),
                base.range());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<FlowBatch> in = env.fromData(List.of(new FlowBatch()), TypeInformation.of(FlowBatch.class));
        OneInputTransformation<FlowBatch, MetricSeries> windows = (OneInputTransformation<FlowBatch, MetricSeries>)
                FlowLogPipeline.windows(in, settings).getTransformation();
        KeyedOneInputStreamOperatorTestHarness<Tuple2<String, String>, FlowBatch, MetricSeries> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        windows.getOperatorFactory(),
                        (KeySelector<FlowBatch, Tuple2<String, String>>) windows.getStateKeySelector(),
                        (TypeInformation<Tuple2<String, String>>) windows.getStateKeyType());
        EmbeddedRocksDBStateBackend rocksDb = new EmbeddedRocksDBStateBackend();
        // The harness's environment has almost no managed memory, which RocksDB would share for its memtables: a
        // flush every few puts. A slot's memory as a task manager gives it (MSF: about 1 GiB per KPU, for everything).
        rocksDb.getMemoryConfiguration().setFixedMemoryPerSlot(MemorySize.parse("256mb"));
        harness.setStateBackend(backend.equals("rocksdb") ? rocksDb : new HashMapStateBackend());
        java.nio.file.Path checkpoints = java.nio.file.Files.createTempDirectory("state-bound");
        harness.setCheckpointStorage(
                new org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage(checkpoints.toUri()));
        harness.open();

        FlowRecordParser parser = new FlowRecordParser(format);
        long records = 0;
        for (int w = 0; w < 3; w++) {
            for (int k = 0; k < keys; k++) {
                long start = T + 60L * w + (k % 50);
                FlowRecord r =
                        parser.parse("2 123456789012 eni-" + String.format("%017x", k) + " 10.0." + (k >> 8 & 255)
                                + "." + (k & 255) + " 172.31.9.9 443 50000 6 10 " + (1000 + k % 997) + " " + start + " "
                                + (start + 5) + " ACCEPT OK");
                r.accountId = "123456789012";
                r.region = "eu-west-1";
                List<FlowRecord> rs = new ArrayList<>(List.of(r, r));
                EniAddress.resolve(rs);
                for (FlowBatch b : PayloadBatches.of(rs.subList(0, 1), 60, settings.grouping())) {
                    harness.processElement(new StreamRecord<>(b, b.start * 1000));
                }
                records++;
            }
        }
        System.gc();
        long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        long stateBytes = harness.snapshot(1, 1).getManagedKeyedState().stream()
                .mapToLong(org.apache.flink.runtime.state.StateObject::getStateSize)
                .sum();
        String entries = count(harness::numKeyedStateEntries);
        String timers = count(harness::numEventTimeTimers);
        long series = 0;
        for (int w = 1; w <= 3; w++) { // one window at a time, counting and dropping what it emitted
            harness.processWatermark(new Watermark((T + 60L * w) * 1000 - 1));
            series += harness.getOutput().stream()
                    .filter(o -> o instanceof StreamRecord)
                    .count();
            harness.getOutput().clear();
        }
        harness.processWatermark(new Watermark(Long.MAX_VALUE));
        long windowKeysAfter;
        try (java.util.stream.Stream<?> left = ((org.apache.flink.streaming.api.operators.AbstractStreamOperator<?>)
                        harness.getOperator())
                .getKeyedStateBackend()
                .getKeysAndNamespaces("window-contents")) {
            windowKeysAfter = left.count();
        }
        System.out.printf(
                "state-bound %s: keys=%d windows=3 records=%d max-heap=%dMiB heap-used=%dMiB"
                        + " state-bytes=%d bytes-per-key-window=%d entries-open=%s timers-open=%s series=%d"
                        + " entries-after=%s window-keys-after=%d timers-after=%s%n",
                backend,
                keys,
                records,
                Runtime.getRuntime().maxMemory() >> 20,
                heap >> 20,
                stateBytes,
                stateBytes / (3L * keys),
                entries,
                timers,
                series,
                count(harness::numKeyedStateEntries),
                windowKeysAfter,
                count(harness::numEventTimeTimers));
        harness.close();
    }
}
