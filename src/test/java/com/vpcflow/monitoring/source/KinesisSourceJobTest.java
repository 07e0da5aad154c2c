package com.vpcflow.monitoring.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.vpcflow.monitoring.FlowLogMonitoringJob;
import com.vpcflow.monitoring.config.JobConfig;
import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.observability.ProgressCounter;
import com.vpcflow.monitoring.testing.Bodies;
import com.vpcflow.monitoring.testing.Kinesalite;
import com.vpcflow.monitoring.testing.SampleExpectations;
import com.vpcflow.monitoring.testing.SamplePayloadFile;
import com.vpcflow.monitoring.testing.TestPayloads;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.SavepointConfigOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code --source kinesis} end to end against a real Kinesis API server (kinesalite) started by the test. */
class KinesisSourceJobTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    static final long T = SampleExpectations.T;
    static final String UPPER_HALF = BigInteger.ONE.shiftLeft(127).toString(); // a hash key in the second shard of two

    static Kinesalite kinesis;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startKinesis() throws Exception {
        kinesis = Kinesalite.start();
        Kinesalite.configureJobClients();
    }

    @AfterAll
    static void stopKinesis() throws Exception {
        if (kinesis != null) kinesis.close();
    }

    private String[] flags(String stream, Path out, String... more) {
        List<String> f = new ArrayList<>(List.of(
                "--source",
                "kinesis",
                "--stream",
                stream,
                "--region",
                Kinesalite.REGION,
                "--kinesis-endpoint",
                kinesis.endpoint(),
                "--initial-position",
                "trim-horizon",
                "--shard-discovery-interval",
                "1s",
                "--output",
                out.toString(),
                "--checkpoint-interval",
                "1s"));
        f.addAll(Arrays.asList(more));
        return f.toArray(String[]::new);
    }

    private static JobClient start(String[] flags, String savepoint) throws Exception {
        Configuration conf = new Configuration();
        if (savepoint != null) conf.set(SavepointConfigOptions.SAVEPOINT_PATH, savepoint);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        FlowLogMonitoringJob.build(env, JobConfig.fromArgs(flags, Map.of()));
        return env.executeAsync("kinesis-test");
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 90_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(100);
        }
    }

    interface Wait {
        void run() throws Exception;
    }

    /** Runs the wait; if it fails, the job is cancelled so that it does not hold the cluster's slots for later tests. */
    private static void awaitOrCancel(JobClient job, Wait wait) throws Exception {
        try {
            wait.run();
        } catch (Exception | AssertionError e) {
            job.cancel();
            throw e;
        }
    }

    /** Waits until the job has read {@code payloads} more payloads than {@code before}. */
    private static void awaitPayloads(long before, long payloads) throws InterruptedException {
        await(payloads + " payloads", () -> ProgressCounter.total(ProgressCounter.Kind.PAYLOADS) - before >= payloads);
    }

    /** Stops with a final savepoint that first fires every window (end of event time), as at the end of a run. */
    private Path drain(JobClient job) throws Exception {
        return Path.of(stopWithSavepoint(job, true, "drain"));
    }

    /**
     * A savepoint needs every task running: a sink can still be starting when the source has already read everything.
     * Tries again while that is the reason; cancels the job if it cannot be stopped, so no job outlives its test.
     */
    private String stopWithSavepoint(JobClient job, boolean drain, String dir) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            try {
                return job.stopWithSavepoint(drain, tmp.resolve(dir).toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();
            } catch (java.util.concurrent.ExecutionException e) {
                boolean starting = org.apache.flink.util.ExceptionUtils.findThrowableWithMessage(
                                e, "Not all required tasks are currently running")
                        .isPresent();
                if (!starting || System.currentTimeMillis() > deadline) {
                    job.cancel();
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    @Test
    void readsPayloadsFromSeveralShardsIntoTheExactSeries() throws Exception {
        String stream = "flowlogs-exact";
        kinesis.createStream(stream, 2);
        List<String> json = Files.readAllLines(SamplePayloadFile.DIR.resolve("payloads.jsonl"));
        byte[] firstGzip = TestPayloads.gzip(json.get(0));
        List<byte[]> records = new ArrayList<>();
        for (String j : json) records.add(TestPayloads.gzip(j));
        records.add("not gzip at all".getBytes(StandardCharsets.UTF_8)); // poison records, mixed in
        records.add(Arrays.copyOf(firstGzip, firstGzip.length / 2));
        records.add(TestPayloads.gzip("{\"messageType\": \"DATA_MESSAGE\", \"logEvents\": [{\"id\""));
        java.util.Set<String> shards = new java.util.HashSet<>();
        for (int i = 0; i < records.size(); i++) {
            shards.add(kinesis.put(stream, records.get(i), "logstream-" + i, i % 2 == 0 ? "0" : UPPER_HALF)
                    .shardId());
        }
        assertThat(shards).hasSize(2);

        long before = ProgressCounter.total(ProgressCounter.Kind.PAYLOADS);
        Path out = tmp.resolve("exact.jsonl");
        JobClient job = start(
                flags(stream, out, "--parallelism", "2", "--max-out-of-orderness", "5min", "--tags", "env:test"), null);
        awaitOrCancel(job, () -> awaitPayloads(before, records.size()));
        drain(job);

        Map<String, Double> skipped = new SampleExpectations(Kinesalite.REGION, "env:test")
                .eniA()
                .eniB("eni-0b2", 0)
                .assertMatches(Bodies.readLines(out));
        String region = "region:" + Kinesalite.REGION;
        assertThat(skipped)
                .containsOnly(
                        Map.entry("aws.vpc.flowlogs.unsupported_message|env:test,reason:bad_number," + region, 2.0),
                        Map.entry("aws.vpc.flowlogs.unsupported_message|env:test,reason:field_count," + region, 1.0),
                        Map.entry("aws.vpc.flowlogs.unsupported_message|env:test,reason:not_gzip," + region, 1.0),
                        Map.entry("aws.vpc.flowlogs.unsupported_message|env:test,reason:truncated," + region, 1.0),
                        Map.entry("aws.vpc.flowlogs.unsupported_message|env:test,reason:bad_json," + region, 1.0));
    }

    @Test
    void fromKinesisThroughTheWindowsToTheDatadogIntake() throws Exception {
        String stream = "flowlogs-to-datadog";
        kinesis.createStream(stream, 2);
        List<String> json = Files.readAllLines(SamplePayloadFile.DIR.resolve("payloads.jsonl"));
        for (int i = 0; i < json.size(); i++) {
            kinesis.put(stream, TestPayloads.gzip(json.get(i)), "logstream-" + i, i % 2 == 0 ? "0" : UPPER_HALF);
        }
        String key = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
        System.setProperty("DD_API_KEY", key); // read on the task manager
        try (com.vpcflow.monitoring.testing.DatadogIntake intake =
                new com.vpcflow.monitoring.testing.DatadogIntake(key)) {
            long before = ProgressCounter.total(ProgressCounter.Kind.PAYLOADS);
            List<String> f = new ArrayList<>(List.of(
                    "--source",
                    "kinesis",
                    "--stream",
                    stream,
                    "--region",
                    Kinesalite.REGION,
                    "--kinesis-endpoint",
                    kinesis.endpoint(),
                    "--initial-position",
                    "trim-horizon",
                    "--parallelism",
                    "2",
                    "--shard-discovery-interval",
                    "1s",
                    "--checkpoint-interval",
                    "1s",
                    "--max-out-of-orderness",
                    "5min",
                    "--datadog-url",
                    intake.url(),
                    "--datadog-flush-interval",
                    "200ms",
                    "--historical-ingestion", // the sample is from 2023
                    "true"));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            FlowLogMonitoringJob.build(env, JobConfig.fromArgs(f.toArray(String[]::new), Map.of("DD_API_KEY", "set")));
            JobClient job = env.executeAsync("kinesis-to-datadog");
            awaitOrCancel(job, () -> awaitPayloads(before, json.size()));
            drain(job);
            new SampleExpectations(Kinesalite.REGION).eniA().eniB("eni-0b2", 0).assertMatches(intake.accepted());
        } finally {
            System.clearProperty("DD_API_KEY");
        }
    }

    @Test
    void windowsFireWhileOneShardReceivesNothing() throws Exception {
        String stream = "flowlogs-idle";
        kinesis.createStream(stream, 2);
        for (long start : new long[] {T + 10, T + 70, T + 200}) {
            kinesis.put(stream, recordAt("eni-1", start), "eni-1", "0"); // all into the first shard
        }
        Path out = tmp.resolve("idle.jsonl");
        JobClient job = start(
                flags(stream, out, "--parallelism", "2", "--max-out-of-orderness", "60s", "--idle-timeout", "1s"),
                null);
        try {
            // no drain: the first window must fire while the job runs, with the second shard (and subtask) silent
            await(
                    "window T",
                    () -> Files.exists(out)
                            && actionCounts(Bodies.readLines(out)).containsKey(T));
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void recordsWrittenAfterAShardSplitAreRead() throws Exception {
        String stream = "flowlogs-split";
        kinesis.createStream(stream, 1);
        kinesis.put(stream, recordAt("eni-1", T + 1), "a", null);
        long before = ProgressCounter.total(ProgressCounter.Kind.PAYLOADS);
        Path out = tmp.resolve("split.jsonl");
        JobClient job = start(flags(stream, out, "--parallelism", "1", "--max-out-of-orderness", "5min"), null);
        awaitOrCancel(job, () -> awaitPayloads(before, 1));

        String parent = kinesis.shards(stream).get(0).shardId();
        kinesis.client()
                .splitShard(b -> b.streamName(stream).shardToSplit(parent).newStartingHashKey(UPPER_HALF));
        kinesis.waitActive(stream);
        assertThat(kinesis.shards(stream)).hasSize(3);
        kinesis.put(stream, recordAt("eni-1", T + 2), "b", "0"); // first child
        kinesis.put(stream, recordAt("eni-1", T + 3), "c", UPPER_HALF); // second child
        awaitOrCancel(job, () -> awaitPayloads(before, 3));
        drain(job);
        assertThat(actionCounts(Bodies.readLines(out))).containsExactly(Map.entry(T, 3.0));
    }

    @Test
    void aShardFarBehindTheOthersHasItsOldRecordsCountedAsLate() throws Exception {
        // Watermarks are per subtask, from the records' start (see README, "Kinesis"): records of a shard that is far
        // behind the others are late once the subtask's watermark has passed their window. They are counted, never
        // lost.
        String stream = "flowlogs-lagging";
        kinesis.createStream(stream, 2);
        kinesis.put(stream, recordAt("eni-1", T + 600), "ahead", "0");
        long before = ProgressCounter.total(ProgressCounter.Kind.PAYLOADS);
        Path out = tmp.resolve("lagging.jsonl");
        JobClient job = start(flags(stream, out, "--parallelism", "1", "--max-out-of-orderness", "60s"), null);
        awaitOrCancel(job, () -> awaitPayloads(before, 1));
        Thread.sleep(1500); // let the periodic watermark pass T+540
        kinesis.put(stream, recordAt("eni-2", T + 5), "behind", UPPER_HALF);
        awaitOrCancel(job, () -> awaitPayloads(before, 2));
        drain(job);
        List<MetricSeries> points = Bodies.readLines(out);
        assertThat(actionCounts(points)).containsExactly(Map.entry(T + 600, 1.0));
        assertThat(points.stream()
                        .filter(s -> s.metric.equals("aws.vpc.flowlogs.late_records"))
                        .mapToDouble(s -> s.value)
                        .sum())
                .isEqualTo(1.0);
    }

    @Test
    void aRestartFromASavepointNeitherLosesNorDoublesAnything() throws Exception {
        String stream = "flowlogs-restart";
        kinesis.createStream(stream, 2);
        List<String> json = Files.readAllLines(SamplePayloadFile.DIR.resolve("payloads.jsonl"));
        // run 1 reads eni-0a1 (minutes T, T+60) and eni-0b2 three minutes later: its watermark closes T and T+60
        kinesis.put(stream, TestPayloads.gzip(json.get(0)), "a", "0");
        kinesis.put(
                stream,
                TestPayloads.payloadBytes("444455556666", SampleExpectations.payloadB("eni-0b2", 180)),
                "b",
                UPPER_HALF);
        Path out1 = tmp.resolve("run1.jsonl");
        Path out2 = tmp.resolve("run2.jsonl");
        String[] common = {"--parallelism", "2", "--max-out-of-orderness", "30s", "--idle-timeout", "2s"};
        long before = ProgressCounter.total(ProgressCounter.Kind.PAYLOADS);
        JobClient run1 = start(flags(stream, out1, common), null);
        long run1Before = before;
        awaitOrCancel(run1, () -> {
            awaitPayloads(run1Before, 2);
            await(
                    "run 1 closes minutes T and T+60",
                    () -> Files.exists(out1)
                            && actionCounts(Bodies.readLines(out1)).containsKey(T + 60));
        });
        String savepoint = stopWithSavepoint(run1, false, "sp");

        // written while the job was down; run 2 must read these and nothing it had already read
        kinesis.put(
                stream,
                TestPayloads.payloadBytes("444455556666", SampleExpectations.payloadB("eni-0b3", 180)),
                "c",
                "0");
        before = ProgressCounter.total(ProgressCounter.Kind.PAYLOADS);
        JobClient run2 = start(flags(stream, out2, common), savepoint);
        long run2Before = before;
        awaitOrCancel(run2, () -> {
            awaitPayloads(run2Before, 1);
            Thread.sleep(2000); // a replay of already-read records would show up here
        });
        drain(run2);

        assertThat(ProgressCounter.total(ProgressCounter.Kind.PAYLOADS) - before)
                .isEqualTo(1);
        List<MetricSeries> union = new ArrayList<>(Bodies.readLines(out1));
        union.addAll(Bodies.readLines(out2));
        new SampleExpectations(Kinesalite.REGION)
                .eniA()
                .eniB("eni-0b2", 180)
                .eniB("eni-0b3", 180)
                .assertMatches(union);
    }

    static byte[] recordAt(String eni, long start) {
        return TestPayloads.dataMessage(
                "123456789012",
                eni + "-all",
                "2 123456789012 " + eni + " 10.0.0.5 10.0.9.9 443 50000 6 10 1000 " + start + " " + (start + 5)
                        + " ACCEPT OK");
    }

    static Map<Long, Double> actionCounts(List<MetricSeries> points) {
        Map<Long, Double> counts = new TreeMap<>();
        for (MetricSeries s : points) {
            if (s.metric.equals("aws.vpc.flowlogs.action")) counts.merge(s.timestamp, s.value, Double::sum);
        }
        return counts;
    }

    @Test
    void aStreamThatDoesNotExistEndsTheJobInsteadOfRestartingIt() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        FlowLogMonitoringJob.build(
                env, JobConfig.fromArgs(flags("no-such-stream", tmp.resolve("none.jsonl")), Map.of()));
        long t0 = System.currentTimeMillis();
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> env.execute("missing-stream"));
        assertThat(failure).isNotNull();
        assertThat(FlowLogMonitoringJob.failureLine(failure))
                .isEqualTo("Fatal: Kinesis stream 'no-such-stream' does not" + " exist in region " + Kinesalite.REGION
                        + ": check --stream and --region");
        assertThat(System.currentTimeMillis() - t0).as("no restart loop").isLessThan(60_000);
    }
}
