package com.vpcflow.monitoring.bench;

import com.vpcflow.monitoring.FlowLogMonitoringJob;
import com.vpcflow.monitoring.config.JobConfig;
import com.vpcflow.monitoring.observability.ProgressCounter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.util.Arrays;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One run of the job as the README's local command runs it (file source, default parallelism, bodies to a file), in
 * the JVM {@link EndToEndBenchmark} starts for it; prints one {@code job-run} line of figures. Args: the job's flags.
 */
public final class JobRun {
    private JobRun() {}

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("jobrun.runs", 1);
        for (int run = 1; run <= runs; run++) run(args, run);
    }

    /** One execution; the figures are this run's (counts are JVM-wide totals, so the earlier runs' are subtracted). */
    private static void run(String[] args, int run) throws Exception {
        long records0 = ProgressCounter.total(ProgressCounter.Kind.RECORDS);
        long series0 = ProgressCounter.total(ProgressCounter.Kind.SERIES);
        long bodies0 = ProgressCounter.total(ProgressCounter.Kind.BODIES);
        long gc0 = gcMillis();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        FlowLogMonitoringJob.build(env, JobConfig.fromArgs(args, System.getenv()));
        long start = System.nanoTime();
        env.execute("benchmark");
        double seconds = (System.nanoTime() - start) / 1e9;
        long gcMillis = gcMillis() - gc0;
        long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed())
                .sum();
        System.out.printf(
                "job-run run=%d seconds=%.3f records=%d series=%d bodies=%d gc-ms=%d peak-heap-mib=%d max-heap-mib=%d"
                        + " args=%s%n",
                run,
                seconds,
                ProgressCounter.total(ProgressCounter.Kind.RECORDS) - records0,
                ProgressCounter.total(ProgressCounter.Kind.SERIES) - series0,
                ProgressCounter.total(ProgressCounter.Kind.BODIES) - bodies0,
                gcMillis,
                peakHeap >> 20,
                Runtime.getRuntime().maxMemory() >> 20,
                Arrays.toString(args));
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .sum();
    }
}
