package com.vpcflow.monitoring.bench;

import com.vpcflow.monitoring.config.JobConfig;
import com.vpcflow.monitoring.datadog.SeriesBatcher;
import com.vpcflow.monitoring.datadog.SeriesRequestEncoder;
import com.vpcflow.monitoring.pipeline.FlowBatch;
import com.vpcflow.monitoring.pipeline.FlowStatsAggregate;
import com.vpcflow.monitoring.pipeline.FlowStatsToSeries;
import com.vpcflow.monitoring.pipeline.PipelineSettings;
import com.vpcflow.monitoring.stats.FlowStats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * The job's per-series path on one thread, without Flink's runtime: what the windows task does in batch mode once the
 * source is done. Each payload's batches (made once, before the clock starts) go through their wire serializer and
 * back twice (the network, then the sorter), are folded per (ENI, action, window) as the window's aggregate folds
 * them, and each window's series are encoded and batched into request bodies (not written: the file's cost is the
 * kernel's). Reports ns of CPU per series, median of rounds 3-9: for comparing changes to that path, steadier than
 * the end-to-end run. Args: the dataset ({@code 20-enis} or {@code 10k-enis}).
 *
 * <pre>mvn -q test-compile exec:exec -Dexec.scope=test -Dmain.class=com.vpcflow.monitoring.bench.SeriesPathRun</pre>
 */
public final class SeriesPathRun {
    private static final java.lang.management.ThreadMXBean CPU =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private SeriesPathRun() {}

    private record WindowKey(String interfaceId, String action, long windowStart) {}

    public static void main(String[] args) throws Exception {
        BenchDataset dataset = args.length > 0 && args[0].equals(BenchDataset.MANY_INTERFACES.name())
                ? BenchDataset.MANY_INTERFACES
                : BenchDataset.FEW_INTERFACES;
        Path file = dataset.writeIfMissing(Path.of("target", "bench"));
        JobConfig config = JobConfig.fromArgs(new String[0], Map.of());
        PipelineSettings settings = config.pipeline();
        TypeSerializer<FlowBatch> serializer =
                TypeInformation.of(FlowBatch.class).createSerializer(new ExecutionConfig());
        List<byte[]> batches = batches(file, settings, serializer);
        List<Long> cpu = new ArrayList<>();
        for (int round = 1; round <= 9; round++) {
            long cpu0 = CPU.getCurrentThreadCpuTime();
            long series = seriesPath(batches, settings, config.maxBatchSeries(), serializer);
            double perSeries = (CPU.getCurrentThreadCpuTime() - cpu0) / (double) series;
            System.out.printf("round %d: %,d series, %.0f ns of CPU per series%n", round, series, perSeries);
            if (round > 2) cpu.add(Math.round(perSeries)); // the first rounds warm up the JIT
        }
        cpu.sort(null);
        System.out.printf(
                "%s: median of rounds 3-9: %d ns of CPU per series%n", dataset.name(), cpu.get(cpu.size() / 2));
    }

    /** Every payload's batches, serialized as the source task sends them. */
    private static List<byte[]> batches(Path file, PipelineSettings settings, TypeSerializer<FlowBatch> serializer)
            throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(1 << 16);
        List<byte[]> batches = new ArrayList<>();
        HotPathRun.batches(HotPathRun.payloads(file), settings, b -> {
            out.clear();
            serializer.serialize(b, out);
            batches.add(out.getCopyOfBuffer());
        });
        return batches;
    }

    static long seriesPath(
            List<byte[]> batches, PipelineSettings settings, int maxBatchSeries, TypeSerializer<FlowBatch> serializer)
            throws Exception {
        DataInputDeserializer in = new DataInputDeserializer();
        DataOutputSerializer out = new DataOutputSerializer(1 << 16);
        FlowStatsAggregate aggregate = new FlowStatsAggregate();
        long window = settings.windowSizeSeconds();
        Map<WindowKey, FlowStats> windows = new HashMap<>();
        for (byte[] bytes : batches) {
            in.setBuffer(bytes);
            FlowBatch b = serializer.deserialize(in); // from the network
            out.clear();
            serializer.serialize(b, out); // into the sorter
            in.setBuffer(out.getSharedBuffer(), 0, out.length());
            b = serializer.deserialize(in); // out of it
            WindowKey key = new WindowKey(b.interfaceId, b.action, b.start - Math.floorMod(b.start, window));
            FlowStats acc = windows.computeIfAbsent(key, k -> aggregate.createAccumulator());
            aggregate.add(b, acc);
        }
        SeriesRequestEncoder encoder = new SeriesRequestEncoder();
        long[] series = {0};
        long[] bodyBytes = {0};
        SeriesBatcher batcher = new SeriesBatcher(
                maxBatchSeries, SeriesBatcher.MAX_UNCOMPRESSED_BYTES, (body, length) -> bodyBytes[0] += length);
        FlowStatsToSeries toSeries = settings.series(); // one per operator, as WindowToSeries holds it
        for (Map.Entry<WindowKey, FlowStats> e : windows.entrySet()) {
            WindowKey k = e.getKey();
            toSeries.emit(k.interfaceId(), k.action(), k.windowStart(), e.getValue(), s -> {
                series[0]++;
                try {
                    int length = encoder.encode(s);
                    batcher.add(encoder.encoded(), length);
                } catch (java.io.IOException impossible) {
                    throw new java.io.UncheckedIOException(impossible); // the bodies go to a counter
                }
            });
        }
        batcher.drain();
        if (bodyBytes[0] == 0) throw new IllegalStateException("no bodies");
        return series[0];
    }
}
