package com.vpcflow.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.vpcflow.monitoring.config.JobConfig;
import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.testing.Bodies;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default (the generator) runs to completion; its output is whole, valid, duplicate-free bodies. */
class GeneratorJobTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @TempDir
    Path tmp;

    @Test
    void theGeneratorPipelineRunsToCompletion() throws Exception {
        Path out = tmp.resolve("gen.jsonl");
        JobConfig config = JobConfig.fromArgs(
                new String[] {
                    "--generator-payloads",
                    "120",
                    "--generator-rate",
                    "1000",
                    "--generator-start",
                    "1700000000",
                    "--output",
                    out.toString(),
                    "--parallelism",
                    "2"
                },
                Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        FlowLogMonitoringJob.build(env, config);
        env.execute("generator");

        List<MetricSeries> points = Bodies.readLines(out);
        assertThat(points).isNotEmpty();
        Set<String> keys = new HashSet<>();
        for (MetricSeries s : points) {
            assertThat(keys.add(s.pointKey())).as("duplicate %s", s.pointKey()).isTrue();
            assertThat(s.metric).startsWith("aws.vpc.flowlogs.");
            assertThat(s.timestamp % 60).isZero();
        }
        // the generator's data is never late and never malformed
        assertThat(points)
                .noneMatch(s -> s.metric.endsWith("late_records") || s.metric.endsWith("unsupported_message"));
        assertThat(points)
                .anyMatch(s -> s.metric.equals("aws.vpc.flowlogs.log_status")
                        && List.of(s.tags).contains("status:NODATA"));
    }
}
