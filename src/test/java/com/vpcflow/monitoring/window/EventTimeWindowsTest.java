package com.vpcflow.monitoring.window;

import static org.assertj.core.api.Assertions.assertThat;

import com.vpcflow.monitoring.FlowLogPipeline;
import com.vpcflow.monitoring.config.JobConfig;
import com.vpcflow.monitoring.datadog.DryRunSink;
import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.source.RawPayload;
import com.vpcflow.monitoring.testing.Bodies;
import com.vpcflow.monitoring.testing.ScriptedPayloadSource;
import com.vpcflow.monitoring.testing.ScriptedPayloadSource.Script;
import com.vpcflow.monitoring.testing.TestPayloads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Event time on a MiniCluster: disorder within the bound, records after their window closed, idle subtasks. */
class EventTimeWindowsTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final long T = 1_700_000_040L; // a window start (multiple of 60)
    /** Long enough for the 200 ms periodic watermark to be emitted on a loaded machine. */
    static final long WATERMARK_PAUSE = 1500;

    @TempDir
    Path tmp;

    private static byte[] recordAt(long start) {
        return TestPayloads.dataMessage("123456789012", "eni-1-all",
                "2 123456789012 eni-1 10.0.0.5 10.0.9.9 443 50000 6 10 1000 " + start + " " + (start + 5) + " ACCEPT OK");
    }

    private DataStream<MetricSeries> pipeline(StreamExecutionEnvironment env, List<Script> scripts, String... flags) {
        JobConfig config = JobConfig.fromArgs(flags, Map.of());
        env.getConfig().getSerializerConfig().setGenericTypes(false);
        env.setParallelism(scripts.size());
        DataStream<RawPayload> payloads = env.addSource(new ScriptedPayloadSource(scripts), "scripted", TypeInformation.of(RawPayload.class));
        return FlowLogPipeline.build(payloads, config);
    }

    /** action count per window start. */
    private static Map<Long, Double> actionCounts(List<MetricSeries> points) {
        Map<Long, Double> counts = new TreeMap<>();
        for (MetricSeries s : points) {
            if (s.metric.equals("aws.vpc.flowlogs.action")) counts.merge(s.timestamp, s.value, Double::sum);
        }
        return counts;
    }

    @Test
    void disorderWithinTheBoundCountsAndRecordsAfterTheirWindowClosedAreCountedAsLate() throws Exception {
        Script script = new Script()
                .emit(recordAt(T + 10)).emit(recordAt(T + 70))
                .emit(recordAt(T + 20))                      // 50 s out of order, within the 60 s bound: counted
                .pause(WATERMARK_PAUSE)
                .emit(recordAt(T + 200))                     // watermark passes T+140: windows T and T+60 close
                .pause(WATERMARK_PAUSE)
                .emit(recordAt(T + 30))                      // its window has closed: late
                .emit(recordAt(T + 150));                    // 50 s behind, its window still open: counted
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Path out = tmp.resolve("out.jsonl");
        pipeline(env, List.of(script), "--window-size", "60s", "--max-out-of-orderness", "60s", "--idle-timeout", "1min")
                .sinkTo(new DryRunSink(out.toString(), 1000)).setParallelism(1);
        env.execute("late");

        List<MetricSeries> points = Bodies.readLines(out);
        assertThat(actionCounts(points)).containsExactly(
                Map.entry(T, 2.0), Map.entry(T + 60, 1.0), Map.entry(T + 120, 1.0), Map.entry(T + 180, 1.0));
        double late = points.stream().filter(s -> s.metric.equals("aws.vpc.flowlogs.late_records"))
                .peek(s -> assertThat(s.tags).contains("reason:window_closed"))
                .mapToDouble(s -> s.value).sum();
        assertThat(late).isEqualTo(1.0);
    }

    @Test
    void allowedLatenessReEmitsTheWindowWithTheSamePointsUpdated() throws Exception {
        Script script = new Script()
                .emit(recordAt(T + 10))
                .emit(recordAt(T + 100))                     // watermark T+40 after the pause: nothing closes
                .pause(WATERMARK_PAUSE)
                .emit(recordAt(T + 150))                     // watermark T+90: window T fires (lateness keeps it)
                .pause(WATERMARK_PAUSE)
                .emit(recordAt(T + 20));                     // late but within the allowed lateness: fires again
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Path out = tmp.resolve("out.jsonl");
        pipeline(env, List.of(script), "--window-size", "60s", "--max-out-of-orderness", "60s", "--allowed-lateness", "2min")
                .sinkTo(new DryRunSink(out.toString(), 1000)).setParallelism(1);
        env.execute("lateness");

        List<Double> windowT = Bodies.readLines(out).stream()
                .filter(s -> s.metric.equals("aws.vpc.flowlogs.action") && s.timestamp == T)
                .map(s -> s.value).toList();
        // the same point twice, the second overwriting the first with the complete count
        assertThat(windowT).containsExactly(1.0, 2.0);
    }

    @Test
    void anIdleSubtaskDoesNotHoldBackTheWindows() throws Exception {
        assertThat(windowsFireWhileRunning("1s")).as("with idleness").isTrue();
    }

    @Test
    void withoutIdlenessTheSameIdleSubtaskHoldsTheWindowsBack() throws Exception {
        // The control for the test above: proves the idle subtask really is what holds the watermark.
        assertThat(windowsFireWhileRunning("1h")).as("without idleness").isFalse();
    }

    /** Subtask 0 has data and stays open; subtask 1 never sends anything but stays open, like an empty shard. */
    private boolean windowsFireWhileRunning(String idleTimeout) throws Exception {
        Script busy = new Script().emit(recordAt(T + 10)).emit(recordAt(T + 70)).emit(recordAt(T + 200)).holdOpen();
        Script idle = new Script().holdOpen();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(500); // the dry-run sink writes what it has at each checkpoint
        Path out = tmp.resolve("idle-" + idleTimeout + ".jsonl");
        pipeline(env, List.of(busy, idle), "--window-size", "60s", "--max-out-of-orderness", "60s", "--idle-timeout", idleTimeout)
                .sinkTo(new DryRunSink(out.toString(), 1000)).setParallelism(1);
        JobClient job = env.executeAsync("idle");
        try {
            long deadline = System.currentTimeMillis() + (idleTimeout.equals("1s") ? 60_000 : 8_000);
            while (System.currentTimeMillis() < deadline) {
                if (Files.exists(out) && actionCounts(Bodies.readLines(out)).containsKey(T)) {
                    return true;
                }
                Thread.sleep(200);
            }
            return false;
        } finally {
            job.cancel().get();
        }
    }
}
