package com.vpcflow.monitoring.bench;

import com.vpcflow.monitoring.config.JobConfig;
import com.vpcflow.monitoring.flowlog.EniAddress;
import com.vpcflow.monitoring.flowlog.FlowRecord;
import com.vpcflow.monitoring.flowlog.FlowRecordParser;
import com.vpcflow.monitoring.payload.LogEvents;
import com.vpcflow.monitoring.payload.PayloadDecoder;
import com.vpcflow.monitoring.payload.RawPayload;
import com.vpcflow.monitoring.pipeline.FlowBatch;
import com.vpcflow.monitoring.pipeline.PayloadBatches;
import com.vpcflow.monitoring.pipeline.PipelineSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The job's per-record path on one thread, without Flink (decode, parse, address, batch: what
 * {@code PayloadToFlowBatches} does per payload), against the {@link CeilingLoop} on one thread, on the same
 * payloads, alternating nine times (the median of the last seven is reported): a steadier ratio than the end-to-end run for comparing changes to that path.
 * Then what each step adds, in CPU per record: the path cut after decoding, after parsing, after the addresses, and
 * whole (the fastest of five rounds each), beside the ceiling loop's time per record on one thread.
 *
 * <pre>mvn -q test-compile exec:exec -Dexec.scope=test -Dmain.class=com.vpcflow.monitoring.bench.HotPathRun</pre>
 */
public final class HotPathRun {
    private static final java.lang.management.ThreadMXBean CPU =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private HotPathRun() {}

    public static void main(String[] args) throws Exception {
        Path file = BenchDataset.FEW_INTERFACES.writeIfMissing(Path.of("target", "bench"));
        List<byte[]> payloads = payloads(file);
        PipelineSettings settings = JobConfig.fromArgs(new String[0], Map.of()).pipeline();
        List<Double> ratios = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (int round = 1; round <= 9; round++) {
            double ceiling = CeilingLoop.run(file, 1).perSecond();
            long t0 = System.nanoTime();
            long cpu0 = CPU.getCurrentThreadCpuTime();
            long records = hotPath(payloads, settings);
            double cpuPerRecord = (CPU.getCurrentThreadCpuTime() - cpu0) / (double) records;
            double rate = records / ((System.nanoTime() - t0) / 1e9);
            System.out.printf(
                    "round %d: ceiling %,.0f records/s, hot path %,.0f records/s = %.0f%% (%.0f ns/record; %.0f ns of"
                            + " CPU)%n",
                    round, ceiling, rate, 100 * rate / ceiling, 1e9 / rate, cpuPerRecord);
            if (round > 2) cpu.add(cpuPerRecord);
            if (round > 2) ratios.add(rate / ceiling); // the first rounds warm up the JIT
        }
        ratios.sort(null);
        cpu.sort(null);
        // CPU time of the thread: what another tenant of the machine takes is not in it, so A/B comparisons of the
        // path itself are steadier than by the wall-clock ratio
        System.out.printf(
                "median of rounds 3-9: %.0f%% of the ceiling; %.0f ns of CPU per record%n",
                100 * ratios.get(ratios.size() / 2), cpu.get(cpu.size() / 2));
        steps(file, payloads, settings);
    }

    /** Where the path stops: after each step, the records are counted and dropped. */
    enum Step {
        DECODE,
        PARSE,
        ADDRESS,
        BATCH
    }

    /** The CPU each step adds per record (fastest of five rounds of the path cut after it), and the ceiling's. */
    private static void steps(Path file, List<byte[]> payloads, PipelineSettings settings) throws Exception {
        double ceiling = Double.MAX_VALUE;
        double[] fastest = new double[Step.values().length];
        java.util.Arrays.fill(fastest, Double.MAX_VALUE);
        for (int round = 0; round < 5; round++) {
            ceiling = Math.min(ceiling, 1e9 / CeilingLoop.run(file, 1).perSecond());
            for (Step step : Step.values()) {
                long cpu0 = CPU.getCurrentThreadCpuTime();
                long records = batches(payloads, settings, step, b -> {});
                double perRecord = (CPU.getCurrentThreadCpuTime() - cpu0) / (double) records;
                fastest[step.ordinal()] = Math.min(fastest[step.ordinal()], perRecord);
            }
        }
        StringBuilder line = new StringBuilder("ns of CPU per record, fastest of 5 rounds:");
        for (Step step : Step.values()) {
            double before = step.ordinal() == 0 ? 0 : fastest[step.ordinal() - 1];
            line.append(String.format(
                    " %s +%.0f", step.name().toLowerCase(java.util.Locale.ROOT), fastest[step.ordinal()] - before));
        }
        line.append(String.format(" = %.0f; ceiling loop %.0f (one thread)", fastest[Step.BATCH.ordinal()], ceiling));
        System.out.println(line);
    }

    static long hotPath(List<byte[]> payloads, PipelineSettings settings) throws Exception {
        long[] batched = {0};
        long records = batches(payloads, settings, b -> batched[0] += b.records);
        if (batched[0] != records) throw new IllegalStateException(batched[0] + " batched of " + records);
        return records;
    }

    /**
     * Decodes, parses, decides addresses and batches each payload as the job does; returns the records (a line that
     * does not parse fails the run).
     */
    static long batches(List<byte[]> payloads, PipelineSettings settings, BatchConsumer out) throws Exception {
        return batches(payloads, settings, Step.BATCH, out);
    }

    /** {@link #batches}, stopping after {@code last}; returns the records decoded. */
    static long batches(List<byte[]> payloads, PipelineSettings settings, Step last, BatchConsumer out)
            throws Exception {
        PayloadDecoder decoder = new PayloadDecoder(settings.maxPayloadBytes());
        FlowRecordParser parser =
                new FlowRecordParser(settings.logFormat(), settings.dimensions().keptFields());
        EniAddress addresses = new EniAddress();
        long records = 0;
        for (byte[] p : payloads) {
            LogEvents events = decoder.decodeReusing(new RawPayload(RawPayload.Encoding.GZIP_JSON, p, "bench"))
                    .events();
            records += events.size();
            if (last == Step.DECODE) continue;
            List<FlowRecord> parsed = new ArrayList<>(events.size());
            for (int i = 0; i < events.size(); i++) {
                FlowRecord r = parser.parse(events.messageBuffer(i), events.messageStart(i), events.messageEnd(i));
                r.region = settings.region();
                parsed.add(r);
            }
            if (last == Step.PARSE) continue;
            addresses.decide(parsed);
            if (last == Step.ADDRESS) continue;
            for (FlowBatch b : PayloadBatches.of(parsed, settings.windowSizeSeconds(), settings.grouping())) {
                out.accept(b);
            }
        }
        return records;
    }

    /** What {@link #batches} hands each batch to. */
    interface BatchConsumer {
        void accept(FlowBatch batch) throws Exception;
    }

    /** The payloads file's payloads, base64-decoded. */
    static List<byte[]> payloads(Path file) throws java.io.IOException {
        List<byte[]> payloads = new ArrayList<>();
        for (String line : Files.readAllLines(file))
            payloads.add(Base64.getDecoder().decode(line));
        return payloads;
    }
}
