package com.vpcflow.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.vpcflow.monitoring.bench.BenchDataset;
import com.vpcflow.monitoring.config.JobConfig;
import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.observability.ProgressCounter;
import com.vpcflow.monitoring.testing.Bodies;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local run whose window state outgrows what Flink's default checkpoint storage accepts (5 MB per task): with it,
 * every checkpoint failed and restarted the job from its first record, writing its bodies again (seen in the
 * benchmark: 5.3 million records counted for 1 million read). Checkpoints go to files: every record once.
 */
class LocalCheckpointsJobTest {
    static final long RECORDS = 400_000;

    @TempDir
    Path tmp;

    @Test
    void stateLargerThanFiveMegabytesIsCheckpointedWithoutRestarting() throws Exception {
        // 10,000 interfaces, 40 records each, in 5-minute windows that stay open while the file is read: about 12 MB
        BenchDataset data = new BenchDataset("many-keys", 10_000, 40, RECORDS, 1);
        Path input = data.writeIfMissing(tmp);
        Path out = tmp.resolve("bodies.jsonl");
        long before = ProgressCounter.total(ProgressCounter.Kind.RECORDS);
        // the local run's own environment: the test MiniCluster would set a checkpoint directory of its own
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment();
        FlowLogMonitoringJob.build(
                env,
                JobConfig.fromArgs(
                        new String[] {
                            "--source",
                            "file",
                            "--input",
                            input.toString(),
                            "--output",
                            out.toString(),
                            "--parallelism",
                            "1",
                            "--checkpoint-interval",
                            "100ms",
                            "--window-size",
                            "5min",
                            "--per-request-stats",
                            "min,max,median,p90,p95,p99,avg",
                            "--region",
                            "eu-west-1",
                            "--runtime-mode", // checkpoints are a streaming affair: a file alone runs in batch mode
                            "streaming"
                        },
                        Map.of()));
        JobClient job = env.executeAsync("many-keys");
        try {
            job.getJobExecutionResult().get(120, TimeUnit.SECONDS);
        } catch (TimeoutException e) { // restarting from the first record again and again, as it did
            job.cancel().get();
            throw new AssertionError(
                    "the job did not end: " + (ProgressCounter.total(ProgressCounter.Kind.RECORDS) - before)
                            + " records counted for " + RECORDS);
        }

        assertThat(ProgressCounter.total(ProgressCounter.Kind.RECORDS) - before).isEqualTo(RECORDS);
        double records = 0;
        Set<String> points = new HashSet<>();
        for (MetricSeries s : Bodies.readLines(out)) {
            assertThat(points.add(s.pointKey()))
                    .as("point %s written once", s.pointKey())
                    .isTrue();
            if (s.metric.equals("aws.vpc.flowlogs.action")) records += s.value;
        }
        assertThat(records).isEqualTo((double) RECORDS);
    }
}
