package com.vpcflow.monitoring.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.vpcflow.monitoring.config.JobConfig;
import com.vpcflow.monitoring.datadog.DryRunSink;
import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.payload.RawPayload;
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

/**
 * Event time on a MiniCluster where it takes real subtasks: an idle one must not hold the windows back. Disorder,
 * late records and allowed lateness are driven exactly, watermark by watermark, in {@link FlowWindowsHarnessTest}.
 */
class EventTimeWindowsTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    static final long T = 1_700_000_040L; // a window start (multiple of 60)

    @TempDir
    Path tmp;

    private static byte[] recordAt(long start) {
        return TestPayloads.dataMessage(
                "123456789012",
                "eni-1-all",
                "2 123456789012 eni-1 10.0.0.5 10.0.9.9 443 50000 6 10 1000 " + start + " " + (start + 5)
                        + " ACCEPT OK");
    }

    private DataStream<MetricSeries> pipeline(StreamExecutionEnvironment env, List<Script> scripts, String... flags) {
        JobConfig config = JobConfig.fromArgs(flags, Map.of());
        env.getConfig().getSerializerConfig().setGenericTypes(false);
        env.setParallelism(scripts.size());
        DataStream<RawPayload> payloads =
                env.addSource(new ScriptedPayloadSource(scripts), "scripted", TypeInformation.of(RawPayload.class));
        return FlowLogPipeline.build(payloads, config.pipeline(), config.runtimeMode())
                .union();
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
        Script busy = new Script()
                .emit(recordAt(T + 10))
                .emit(recordAt(T + 70))
                .emit(recordAt(T + 200))
                .holdOpen();
        Script idle = new Script().holdOpen();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(500); // the dry-run sink writes what it has at each checkpoint
        Path out = tmp.resolve("idle-" + idleTimeout + ".jsonl");
        pipeline(
                        env,
                        List.of(busy, idle),
                        "--window-size",
                        "60s",
                        "--max-out-of-orderness",
                        "60s",
                        "--idle-timeout",
                        idleTimeout)
                .sinkTo(new DryRunSink(out.toString(), 1000))
                .setParallelism(1);
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
