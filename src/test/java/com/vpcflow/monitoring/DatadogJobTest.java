package com.vpcflow.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vpcflow.monitoring.config.JobConfig;
import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.testing.AwsTestClients;
import com.vpcflow.monitoring.testing.DatadogIntake;
import com.vpcflow.monitoring.testing.DatadogIntake.Action;
import com.vpcflow.monitoring.testing.LocalAwsSecrets;
import com.vpcflow.monitoring.testing.SampleExpectations;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.restartstrategy.RestartStrategies;
import org.apache.flink.api.common.time.Time;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole job delivering to a local Datadog intake: failures, restarts, and the key kept secret throughout. */
class DatadogJobTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    static final String KEY = "5ec2e7ab5ec2e7ab5ec2e7ab5ec2e7ab";
    static LocalAwsSecrets aws;

    @BeforeAll
    static void start() throws Exception {
        aws = new LocalAwsSecrets();
        AwsTestClients.setDummyCredentials();
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    private static String[] sampleFlags(DatadogIntake intake, String... more) {
        List<String> f = new ArrayList<>(List.of(
                "--source",
                "file",
                "--input",
                "src/test/resources/sample/payloads.b64",
                "--region",
                "eu-west-1",
                "--tags",
                "env:test",
                "--parallelism",
                "2",
                "--max-out-of-orderness",
                "5min",
                "--checkpoint-interval",
                "300ms",
                "--datadog-url",
                intake.url(),
                "--kms-endpoint",
                aws.url(),
                "--datadog-flush-interval",
                "200ms",
                "--historical-ingestion", // the sample is from 2023
                "true"));
        f.addAll(List.of(more));
        return f.toArray(String[]::new);
    }

    @Test
    void deliversExactlyTheSampleSeriesThroughAFailureAndARestart() throws Exception {
        String blob = AwsTestClients.kmsEncrypt(
                aws, "{\"api_key\":\"" + KEY + "\",\"app_key\":\"x\"}", Map.of("job", "vpc-flow"));
        try (DatadogIntake intake = new DatadogIntake(KEY)) {
            // the intake fails long enough for the sink to give up: the task fails, the job restarts and delivers
            for (int i = 0; i < 6; i++) intake.then(Action.status(503));
            JobConfig config = JobConfig.fromArgs(
                    sampleFlags(
                            intake,
                            "--kms-encryption-context",
                            "job=vpc-flow",
                            "--datadog-max-retry-time",
                            "1s",
                            "--datadog-retry-backoff",
                            "300ms"),
                    Map.of("KMS_ENCRYPTED_KEYS", blob));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            FlowLogMonitoringJob.build(env, config);
            env.setRestartStrategy(RestartStrategies.fixedDelayRestart(10, Time.milliseconds(300)));
            env.execute("datadog-restart");

            assertThat(intake.requests())
                    .filteredOn(r -> r.path().equals("/api/v1/validate"))
                    .as("writers opened again after the failure")
                    .hasSizeGreaterThanOrEqualTo(2);
            assertThat(intake.requests()).filteredOn(r -> r.status() == 503).hasSize(6);
            // at-least-once: a point may arrive twice, but then with the same value; deduplicated, exactly the sample
            Map<String, MetricSeries> unique = new LinkedHashMap<>();
            for (MetricSeries s : intake.accepted()) {
                if (s.metric.endsWith("unsupported_message")) continue; // processing-time counts, checked elsewhere
                MetricSeries before = unique.putIfAbsent(s.pointKey(), s);
                if (before != null)
                    assertThat(s.value).as("replayed %s", s.pointKey()).isEqualTo(before.value);
            }
            new SampleExpectations("eu-west-1", "env:test")
                    .eniA()
                    .eniB("eni-0b2", 0)
                    .assertMatches(new ArrayList<>(unique.values()));
        }
    }

    @Test
    void theKeyAppearsInNoLogNoExceptionAndNotInTheJobGraph() throws Exception {
        String blob = AwsTestClients.kmsEncrypt(aws, "{\"api_key\":\"" + KEY + "\"}", Map.of());
        try (DatadogIntake intake = new DatadogIntake(KEY)) {
            JobConfig config = JobConfig.fromArgs(sampleFlags(intake), Map.of("KMS_ENCRYPTED_KEYS", blob));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            FlowLogMonitoringJob.build(env, config);
            JobGraph graph = env.getStreamGraph(false).getJobGraph();
            String graphBytes = new String(InstantiationUtil.serializeObject(graph), StandardCharsets.ISO_8859_1);
            assertThat(graphBytes).doesNotContain(KEY).contains("datadog"); // the sink is in it, the key is not
            for (JobVertex v : graph.getVertices()) assertThat(v.getName()).doesNotContain(KEY);
            env.execute("secret-ok");
            assertThat(intake.accepted()).isNotEmpty();
        }
        // a plain key, rejected by the intake: the failure's whole chain must not show it
        System.setProperty("DD_API_KEY", KEY);
        try (DatadogIntake other = new DatadogIntake("00000000000000000000000000000000")) {
            JobConfig config = JobConfig.fromArgs(sampleFlags(other), Map.of("DD_API_KEY", "set"));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            FlowLogMonitoringJob.build(env, config);
            env.setRestartStrategy(RestartStrategies.noRestart());
            assertThatThrownBy(() -> env.execute("secret-rejected")).satisfies(e -> {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                assertThat(trace.toString())
                        .contains("Datadog rejected the API key")
                        .doesNotContain(KEY);
            });
        } finally {
            System.clearProperty("DD_API_KEY");
        }
        String log = Files.readString(Path.of("target/test.log"));
        assertThat(log).contains("Datadog API key resolved from KMS_ENCRYPTED_KEYS"); // the log was written
        assertThat(log).doesNotContain(KEY).doesNotContain(blob);
    }
}
