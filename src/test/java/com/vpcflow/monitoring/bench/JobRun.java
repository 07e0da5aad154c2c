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
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        FlowLogMonitoringJob.build(env, JobConfig.fromArgs(args, System.getenv()));
        long start = System.nanoTime();
        env.execute("benchmark");
        double seconds = (System.nanoTime() - start) / 1e9;
        long gcMillis = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .sum();
        long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed())
                .sum();
        System.out.printf(
                "job-run seconds=%.3f records=%d series=%d bodies=%d gc-ms=%d peak-heap-mib=%d max-heap-mib=%d args=%s%n",
                seconds,
                ProgressCounter.total(ProgressCounter.Kind.RECORDS),
                ProgressCounter.total(ProgressCounter.Kind.SERIES),
                ProgressCounter.total(ProgressCounter.Kind.BODIES),
                gcMillis,
                peakHeap >> 20,
                Runtime.getRuntime().maxMemory() >> 20,
                Arrays.toString(args));
    }
}
