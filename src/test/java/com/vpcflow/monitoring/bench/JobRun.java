package com.vpcflow.monitoring.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import com.vpcflow.monitoring.FlowLogMonitoringJob;
import com.vpcflow.monitoring.config.JobConfig;
import com.vpcflow.monitoring.observability.ProgressCounter;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionJobVertex;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;

/**
 * One run of the job as the README's local command runs it (file source, default parallelism, bodies to a file), in
 * the JVM {@link EndToEndBenchmark} starts for it; prints one {@code job-run} line of figures. Args: the job's flags.
 * {@code -Djobrun.runs}: runs in this JVM; {@code -Djobrun.sharedCluster=true}: all of them on one local cluster.
 */
public final class JobRun {
    private JobRun() {}

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("jobrun.runs", 1);
        if (!Boolean.getBoolean("jobrun.sharedCluster")) {
            runAll(args, runs);
            return;
        }
        // One local cluster for every run, as a cluster on MSF outlives the jobs it runs: otherwise each run starts its
        // own, whose RPC system's classes are loaded again by a class loader of their own and compiled again by the
        // JIT while the job's data phases run.
        int parallelism = JobConfig.fromArgs(args, System.getenv()).parallelism();
        if (parallelism <= 0) parallelism = Runtime.getRuntime().availableProcessors();
        try (MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(FlowLogMonitoringJob.localCluster(parallelism))
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(parallelism)
                .build())) {
            cluster.start();
            TestStreamEnvironment.setAsContext(cluster, parallelism);
            sharedCluster = cluster;
            try {
                runAll(args, runs);
            } finally {
                sharedCluster = null;
                TestStreamEnvironment.unsetAsContext();
            }
        }
    }

    /** The cluster every run goes to, when one is shared: its runs' phases can be read back from it. */
    private static MiniCluster sharedCluster;

    /**
     * The runs, each followed by one on {@code -Djobrun.startupInput} when given (the same flags, another input;
     * printed as {@code job-startup}): start-up measured in the same JVM, on the same cluster and minutes, as the runs
     * it is subtracted from. A start-up run in a JVM of its own read 1.13-1.76 s from one benchmark to the next on this
     * machine, and a slow one made a 20-enis row read 80% of the ceiling.
     */
    private static void runAll(String[] args, int runs) throws Exception {
        String startupInput = System.getProperty("jobrun.startupInput");
        for (int run = 1; run <= runs; run++) {
            run(args, run, "job-run");
            if (startupInput != null) run(withInput(args, startupInput), run, "job-startup");
        }
    }

    private static String[] withInput(String[] args, String input) {
        String[] changed = args.clone();
        for (int i = 0; i + 1 < changed.length; i++) {
            if (changed[i].equals("--input")) changed[i + 1] = input;
        }
        return changed;
    }

    /** One execution; the figures are this run's (counts are JVM-wide totals, so the earlier runs' are subtracted). */
    private static void run(String[] args, int run, String label) throws Exception {
        // Each run writes its bodies to a new file, as one run of the command would: the job appends (a restart must
        // not lose what an earlier attempt wrote), and on this machine appending past about a gigabyte is throttled
        // to the disk's speed (dd, 655 MB at a time: 3.1-3.6 GB/s into a new file, 300-550 MB/s appended to a file
        // of 0.7-2 GB), which made the later runs of 10k-enis (660 MB of bodies each) wait on the kernel.
        JobConfig config = JobConfig.fromArgs(args, System.getenv());
        String output = config.output();
        if (output != null) java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(output));
        long records0 = ProgressCounter.total(ProgressCounter.Kind.RECORDS);
        long series0 = ProgressCounter.total(ProgressCounter.Kind.SERIES);
        long bodies0 = ProgressCounter.total(ProgressCounter.Kind.BODIES);
        long gc0 = gcMillis();
        long jit0 = jitMillis();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        FlowLogMonitoringJob.build(env, config);
        long start = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        long peakHeap;
        JobExecutionResult result;
        try (HeapAfterGc heap = new HeapAfterGc()) {
            result = env.execute("benchmark");
            peakHeap = heap.peak();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long gcMillis = gcMillis() - gc0;
        long jitMillis = jitMillis() - jit0;
        System.out.printf(
                "%s run=%d seconds=%.3f records=%d series=%d bodies=%d gc-ms=%d jit-ms=%d peak-heap-mib=%d"
                        + " max-heap-mib=%d args=%s%n",
                label,
                run,
                seconds,
                ProgressCounter.total(ProgressCounter.Kind.RECORDS) - records0,
                ProgressCounter.total(ProgressCounter.Kind.SERIES) - series0,
                ProgressCounter.total(ProgressCounter.Kind.BODIES) - bodies0,
                gcMillis,
                jitMillis,
                peakHeap >> 20,
                Runtime.getRuntime().maxMemory() >> 20,
                Arrays.toString(args));
        if (sharedCluster != null) {
            printPhases(
                    label,
                    run,
                    startMillis,
                    sharedCluster.getArchivedExecutionGraph(result.getJobID()).get());
        }
    }

    /**
     * When each task of the finished job ran, in seconds from the run's start (one {@code phases-run} or {@code phases-startup} line): for each
     * task, when its first subtask started running, and when its first and its last subtask finished. What lies
     * between the tasks (scheduling, deployment) and between a task's first and last subtask (uneven work) is time
     * with a core idle.
     */
    private static void printPhases(String label, int run, long startMillis, AccessExecutionGraph graph) {
        StringBuilder line = new StringBuilder(label.replace("job-", "phases-") + " run=" + run);
        for (AccessExecutionJobVertex task : graph.getVerticesTopologically()) {
            long running = Long.MAX_VALUE, firstDone = Long.MAX_VALUE, lastDone = 0;
            for (AccessExecutionVertex subtask : task.getTaskVertices()) {
                running = Math.min(running, subtask.getStateTimestamp(ExecutionState.RUNNING));
                long done = subtask.getStateTimestamp(ExecutionState.FINISHED);
                firstDone = Math.min(firstDone, done);
                lastDone = Math.max(lastDone, done);
            }
            String name = task.getName();
            int chained = name.indexOf(" -> ");
            line.append(String.format(
                    " %s=%.3f/%.3f/%.3f",
                    (chained < 0 ? name : name.substring(0, chained)).replace(' ', '_'),
                    (running - startMillis) / 1e3,
                    (firstDone - startMillis) / 1e3,
                    (lastDone - startMillis) / 1e3));
        }
        line.append(
                String.format(" finished=%.3f", (graph.getStatusTimestamp(JobStatus.FINISHED) - startMillis) / 1e3));
        System.out.println(line);
    }

    /**
     * The most heap in use right after a collection during a run: what the run kept alive, which must fit the heap.
     * (The pools' peak usages, summed, were reported before session 12: never reset between runs, and peaks of eden,
     * survivors and old generation reached at different times, which added up to more than -Xmx1g.) Zero when no
     * collection ran.
     */
    private static final class HeapAfterGc implements NotificationListener, AutoCloseable {
        private final AtomicLong peak = new AtomicLong();
        private final List<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName)
                .toList();

        HeapAfterGc() {
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).addNotificationListener(this, null, null);
            }
        }

        @Override
        public void handleNotification(Notification n, Object handback) {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) return;
            GcInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData())
                    .getGcInfo();
            long used = 0;
            for (String pool : heapPools) {
                MemoryUsage after = info.getMemoryUsageAfterGc().get(pool);
                if (after != null) used += after.getUsed();
            }
            peak.accumulateAndGet(used, Math::max);
        }

        long peak() {
            return peak.get();
        }

        @Override
        public void close() throws ListenerNotFoundException {
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).removeNotificationListener(this);
            }
        }
    }

    /**
     * Time the JIT's compiler threads spent compiling, summed over them: on two cores, time the job's tasks did not
     * get. Warm runs still compile (Flink's per-job code, and recompilations after deoptimizations as the job's
     * phases change the type profiles of code they share), 0 when the JVM does not tell.
     */
    private static long jitMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .sum();
    }
}
