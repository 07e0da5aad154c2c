package com.vpcflow.monitoring.datadog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vpcflow.monitoring.config.JobConfig;
import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.testing.DatadogIntake;
import com.vpcflow.monitoring.testing.DatadogIntake.Action;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.flink.api.common.restartstrategy.RestartStrategies;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Datadog sink on a MiniCluster against a local intake that enforces the v2 contract. */
class DatadogSinkTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    static final String KEY = "abcdef0123456789abcdef0123456789";
    DatadogIntake intake;

    @BeforeAll
    static void plainKey() {
        System.setProperty("DD_API_KEY", KEY); // read on the task manager, never part of the job
    }

    @AfterAll
    static void noKey() {
        System.clearProperty("DD_API_KEY");
    }

    @BeforeEach
    void startIntake() throws Exception {
        intake = new DatadogIntake(KEY);
    }

    @AfterEach
    void stopIntake() {
        intake.close();
    }

    static MetricSeries series(int i, String... extraTags) {
        String[] tags = new String[2 + extraTags.length];
        tags[0] = "interface_id:eni-" + i;
        tags[1] = "region:us-east-1";
        System.arraycopy(extraTags, 0, tags, 2, extraTags.length);
        Arrays.sort(tags);
        return new MetricSeries("aws.vpc.flowlogs.bytes.total", MetricSeries.COUNT, 60, tags, 1_700_000_040L, i);
    }

    static List<MetricSeries> seriesList(int n) {
        List<MetricSeries> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(series(i));
        return out;
    }

    /** The sink alone on these series; their 2023 timestamps are sent (historical ingestion on), as most tests want. */
    private StreamExecutionEnvironment job(List<MetricSeries> input, String... flags) {
        List<String> all = new ArrayList<>(List.of("--historical-ingestion", "true"));
        all.addAll(List.of(flags));
        return jobWithFlags(input, all.toArray(String[]::new));
    }

    private StreamExecutionEnvironment jobWithFlags(List<MetricSeries> input, String... flags) {
        List<String> args = new ArrayList<>(List.of(
                "--datadog-url", intake.url(), "--datadog-retry-backoff", "50ms", "--datadog-flush-interval", "200ms"));
        args.addAll(List.of(flags));
        JobConfig config = JobConfig.fromArgs(args.toArray(String[]::new), Map.of("DD_API_KEY", "set"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.getConfig().getSerializerConfig().setGenericTypes(false);
        env.setRestartStrategy(RestartStrategies.noRestart());
        env.fromCollection(input, TypeInformation.of(MetricSeries.class))
                .sinkTo(DatadogSink.builder(config.datadog()).build());
        return env;
    }

    /** Every input series accepted exactly once. */
    private void assertAllAcceptedOnce(List<MetricSeries> input) {
        Map<String, Integer> seen = new HashMap<>();
        for (MetricSeries s : intake.accepted()) seen.merge(s.pointKey() + "=" + s.value, 1, Integer::sum);
        Map<String, Integer> expected = new HashMap<>();
        for (MetricSeries s : input) expected.merge(s.pointKey() + "=" + s.value, 1, Integer::sum);
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void sendsTheDocumentedRequest() throws Exception {
        List<MetricSeries> input = seriesList(3);
        job(input).execute();
        List<DatadogIntake.Request> posts = intake.requests().stream()
                .filter(r -> r.path().equals("/api/v2/series"))
                .toList();
        assertThat(posts).hasSize(1);
        DatadogIntake.Request r = posts.get(0);
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.query()).isNull();
        assertThat(r.header("DD-API-KEY")).isEqualTo(KEY);
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"series\":["
                                + "{\"metric\":\"aws.vpc.flowlogs.bytes.total\",\"type\":1,\"interval\":60,\"points\":[{\"timestamp\":1700000040,\"value\":0}],\"tags\":[\"interface_id:eni-0\",\"region:us-east-1\"]},"
                                + "{\"metric\":\"aws.vpc.flowlogs.bytes.total\",\"type\":1,\"interval\":60,\"points\":[{\"timestamp\":1700000040,\"value\":1}],\"tags\":[\"interface_id:eni-1\",\"region:us-east-1\"]},"
                                + "{\"metric\":\"aws.vpc.flowlogs.bytes.total\",\"type\":1,\"interval\":60,\"points\":[{\"timestamp\":1700000040,\"value\":2}],\"tags\":[\"interface_id:eni-2\",\"region:us-east-1\"]}]}");
        // the key was checked once at start-up
        assertThat(intake.requests())
                .filteredOn(q -> q.path().equals("/api/v1/validate"))
                .singleElement()
                .satisfies(q -> assertThat(q.status()).isEqualTo(200));
    }

    /** With {@code --datadog-compression zstd1}: the same body, zstd-compressed, under its Content-Encoding. */
    @Test
    void sendsZstdBodiesWhenAskedTo() throws Exception {
        List<MetricSeries> input = seriesList(1200);
        job(input, "--datadog-compression", "zstd1").execute();
        List<DatadogIntake.Request> posts = intake.requests().stream()
                .filter(r -> r.path().equals("/api/v2/series"))
                .toList();
        assertThat(posts).hasSize(2); // 1,000 series a batch by default
        for (DatadogIntake.Request r : posts) {
            assertThat(r.status()).isEqualTo(202);
            assertThat(r.header("Content-Encoding")).isEqualTo("zstd1");
            // a zstd frame (magic 0xFD2FB528, little-endian) much smaller than what it holds
            assertThat(r.compressedBytes()).isLessThan(r.body().length / 5);
        }
        assertAllAcceptedOnce(input);
    }

    /**
     * Requests overlap up to --datadog-max-in-flight from the first batch on: with each answer held back 400 ms, the
     * intake sees four at once (Flink's default rate limiting sent these eight batches one after the other).
     */
    @Test
    void requestsOverlapUpToTheInFlightLimitFromTheFirstBatch() throws Exception {
        for (int i = 0; i < 8; i++) intake.then(Action.delay(400));
        List<MetricSeries> input = seriesList(800);
        job(input, "--datadog-max-batch", "100", "--datadog-max-in-flight", "4").execute();
        assertThat(posts()).hasSize(8).allSatisfy(r -> assertThat(r.status()).isEqualTo(202));
        assertThat(intake.mostConcurrentSeriesRequests()).isEqualTo(4);
        assertAllAcceptedOnce(input);
    }

    @Test
    void largeInputIsSplitUnderTheUncompressedLimit() throws Exception {
        String padding =
                "team:" + "x".repeat(180); // compresses very well: the 5,242,880-byte limit is the one that binds
        List<MetricSeries> input = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) input.add(series(i, padding));
        job(input, "--datadog-max-batch", "100000").execute();
        List<DatadogIntake.Request> posts = posts();
        assertThat(posts.size()).isGreaterThanOrEqualTo(2);
        assertThat(posts).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(202);
            assertThat(r.body().length).isLessThan(DatadogIntake.MAX_DECOMPRESSED);
            assertThat(r.compressedBytes()).isLessThanOrEqualTo(DatadogIntake.MAX_COMPRESSED);
        });
        assertAllAcceptedOnce(input);
    }

    @Test
    void poorlyCompressingInputIsSplitUnderTheCompressedLimit() throws Exception {
        SplittableRandom rnd = new SplittableRandom(1);
        List<MetricSeries> input = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder noise = new StringBuilder("trace:");
            for (int j = 0; j < 160; j++) noise.append((char) ('a' + rnd.nextInt(26)));
            input.add(series(i, noise.toString()));
        }
        job(input, "--datadog-max-batch", "100000").execute();
        List<DatadogIntake.Request> posts = posts();
        // 20,000 x ~300 bytes of near-random text cannot fit 512,000 gzip bytes in one or two requests
        assertThat(posts.size()).isGreaterThanOrEqualTo(4);
        assertThat(posts).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(202); // split before sending: the intake never had to answer 413
            assertThat(r.compressedBytes()).isLessThanOrEqualTo(DatadogIntake.MAX_COMPRESSED);
        });
        assertAllAcceptedOnce(input);
    }

    @Test
    void retriesOn408And429And5xxTimeoutsAndDroppedConnectionsWithNothingLostOrDoubled() throws Exception {
        intake.then(
                Action.status(429, Map.of("Retry-After", "1")),
                Action.status(500),
                new Action(503, 3000, false, Map.of()), // answered after the client's 1 s timeout
                Action.drop(),
                Action.status(502),
                Action.status(408));
        List<MetricSeries> input = seriesList(50);
        job(input, "--datadog-max-batch", "10", "--datadog-max-in-flight", "1", "--datadog-request-timeout", "1s")
                .execute();
        List<DatadogIntake.Request> posts = posts();
        assertThat(posts.subList(0, 2))
                .extracting(DatadogIntake.Request::status)
                .containsExactly(429, 500);
        // Retry-After: 1 was honoured
        assertThat(posts.get(1).arrivedNanos() - posts.get(0).arrivedNanos()).isGreaterThanOrEqualTo(1_000_000_000L);
        // the timed-out request is recorded when the intake finally answers it (503, so nothing of it was accepted)
        long deadline = System.currentTimeMillis() + 10_000;
        while (posts().stream().filter(r -> r.status() != 202).count() < 6 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(posts())
                .filteredOn(r -> r.status() != 202)
                .extracting(DatadogIntake.Request::status)
                .containsExactlyInAnyOrder(429, 500, 503, -1, 502, 408);
        assertAllAcceptedOnce(input);
    }

    @Test
    void a413IsSplitAndResent() throws Exception {
        intake.setMaxCompressed(1500);
        List<MetricSeries> input = seriesList(400);
        job(input, "--datadog-max-batch", "400").execute();
        List<DatadogIntake.Request> posts = posts();
        assertThat(posts).anySatisfy(r -> assertThat(r.status()).isEqualTo(413));
        assertThat(posts).filteredOn(r -> r.status() == 202).allSatisfy(r -> assertThat(r.compressedBytes())
                .isLessThanOrEqualTo(1500));
        assertAllAcceptedOnce(input);
    }

    @Test
    void a400IsLoggedAndCountedAndTheJobGoesOn() throws Exception {
        intake.then(Action.status(400));
        List<MetricSeries> input = seriesList(30);
        job(input, "--datadog-max-batch", "10", "--datadog-max-in-flight", "1").execute();
        List<DatadogIntake.Request> posts = posts();
        assertThat(posts).extracting(DatadogIntake.Request::status).containsExactly(400, 202, 202);
        assertThat(intake.accepted()).hasSize(20);
        assertThat(Files.readString(Path.of("target/test.log")))
                .contains("Datadog refused 10 series, dropped (HTTP 400");
    }

    @Test
    void aRejectedKeyFailsTheJobWithOneClearMessage() throws Exception {
        intake.close();
        intake = new DatadogIntake("ffffffffffffffffffffffffffffffff"); // expects another key
        assertThatThrownBy(() ->
                        job(seriesList(5), "--datadog-validate-key", "false").execute())
                .satisfies(e -> assertThat(ExceptionUtils.findThrowable(e, DatadogFatalException.class))
                        .hasValueSatisfying(f -> assertThat(f.getMessage())
                                .startsWith("Datadog rejected the API key for site datadoghq.com (HTTP 403")));
        assertThat(posts()).singleElement().satisfies(r -> assertThat(r.status())
                .isEqualTo(403)); // not retried

        // with the start-up check (the default), it fails before sending any series
        DatadogIntake checked = new DatadogIntake("ffffffffffffffffffffffffffffffff");
        intake.close();
        intake = checked;
        assertThatThrownBy(() -> job(seriesList(5)).execute())
                .satisfies(e -> assertThat(ExceptionUtils.findThrowable(e, DatadogFatalException.class))
                        .isPresent());
        assertThat(posts()).isEmpty();
    }

    @Test
    void aSiteIsChosenByNameAndOnlyKnownSitesOrAnExplicitUrlAreAccepted() {
        assertThat(JobConfig.fromArgs(new String[] {"--datadog-site", "datadoghq.eu"}, Map.of())
                        .datadog()
                        .seriesUrl())
                .hasToString("https://api.datadoghq.eu/api/v2/series");
        assertThat(JobConfig.fromArgs(new String[0], Map.of("DD_SITE", "us5.datadoghq.com"))
                        .datadog()
                        .seriesUrl())
                .hasToString("https://api.us5.datadoghq.com/api/v2/series");
        assertThat(JobConfig.fromArgs(new String[0], Map.of()).datadog().seriesUrl())
                .hasToString("https://api.datadoghq.com/api/v2/series");
        for (String site : com.vpcflow.monitoring.datadog.DatadogSinkSettings.SITES) {
            assertThat(JobConfig.fromArgs(new String[] {"--datadog-site", site}, Map.of())
                            .datadog()
                            .validateUrl())
                    .hasToString("https://api." + site + "/api/v1/validate");
        }
        assertThatThrownBy(() -> JobConfig.fromArgs(new String[] {"--datadog-site", "datadoghq.co"}, Map.of()))
                .hasMessageStartingWith("Invalid --datadog-site");
        assertThatThrownBy(
                        () -> JobConfig.fromArgs(new String[] {"--datadog-url", "http://intake.example.com"}, Map.of()))
                .hasMessageContaining("http only to a loopback address");
        assertThat(JobConfig.fromArgs(new String[] {"--datadog-url", "https://proxy.example.com/dd/"}, Map.of())
                        .datadog()
                        .seriesUrl())
                .hasToString("https://proxy.example.com/dd/api/v2/series");
    }

    /** Series handed to the sink so far (the map is chained to the sink: a blocked sink blocks it). */
    static final java.util.concurrent.atomic.AtomicLong HANDED_TO_SINK = new java.util.concurrent.atomic.AtomicLong();

    /**
     * While the intake is down, the writer holds at most its buffer ({@code maxBufferedRequests}) and one batch per
     * in-flight slot, and back-pressure reaches the source: what has left the source but not reached Datadog stays
     * bounded (that buffer, the batch in flight, and Flink's network buffers between the tasks), far below the input;
     * when the intake comes back, every series is delivered exactly once.
     */
    @Test
    void aDeadIntakeBackPressuresWithTheBufferBoundedAndNothingLost() throws Exception {
        // the outage: 8 refusals in a row, about 13 s of backoff (50 ms doubling)
        for (int i = 0; i < 8; i++) intake.then(Action.status(503));
        List<MetricSeries> input = seriesList(20_000);
        int maxBuffered = 200, batch = 100, inFlight = 1;
        JobConfig config = JobConfig.fromArgs(
                new String[] {
                    "--datadog-url",
                    intake.url(),
                    "--datadog-retry-backoff",
                    "50ms",
                    "--datadog-flush-interval",
                    "100ms",
                    "--datadog-max-batch",
                    Integer.toString(batch),
                    "--datadog-max-in-flight",
                    Integer.toString(inFlight),
                    "--historical-ingestion",
                    "true"
                },
                Map.of("DD_API_KEY", "set"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.getConfig().getSerializerConfig().setGenericTypes(false);
        env.setRestartStrategy(RestartStrategies.noRestart());
        HANDED_TO_SINK.set(0);
        env.fromCollection(input, TypeInformation.of(MetricSeries.class))
                .map(
                        s -> {
                            HANDED_TO_SINK.incrementAndGet();
                            return s;
                        },
                        TypeInformation.of(MetricSeries.class))
                .sinkTo(DatadogSink.builder(config.datadog())
                        .setMaxBufferedRequests(maxBuffered)
                        .build());
        org.apache.flink.core.execution.JobClient job = env.executeAsync("dead-intake");
        long maxHeld = 0;
        int samples = 0;
        long deadline = System.currentTimeMillis() + 120_000;
        while (!job.getJobStatus().get().isGloballyTerminalState() && System.currentTimeMillis() < deadline) {
            if (intake.accepted().isEmpty()) { // still in the outage
                maxHeld = Math.max(maxHeld, HANDED_TO_SINK.get());
                samples++;
            }
            Thread.sleep(5);
        }
        job.getJobExecutionResult().get(60, java.util.concurrent.TimeUnit.SECONDS);
        System.out.printf(
                "dead intake: %d refused requests, at most %d of %d series past the source (sink buffer %d + %d in flight x %d),"
                        + " %d samples%n",
                posts().stream().filter(r -> r.status() == 503).count(),
                maxHeld,
                input.size(),
                maxBuffered,
                inFlight,
                batch,
                samples);
        assertThat(samples).as("the outage was observed").isGreaterThan(10);
        // the sink's share is at most 200 + 100 + 1; the rest of the bound is the network buffers (32 KiB each)
        assertThat(maxHeld).isLessThan(5_000).isLessThan(input.size() / 4);
        assertAllAcceptedOnce(input);
    }

    private List<DatadogIntake.Request> posts() {
        return intake.requests().stream()
                .filter(r -> r.path().equals("/api/v2/series"))
                .toList();
    }

    @Test
    void pointsOlderThanAnHourAreHeldBackUnlessHistoricalIngestionIsOn() throws Exception {
        long recent = System.currentTimeMillis() / 1000 / 60 * 60 - 120; // two minutes ago: Datadog keeps it
        List<MetricSeries> input = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            MetricSeries s = series(i);
            s.timestamp = recent;
            input.add(s);
        }
        input.add(series(3)); // 1_700_000_040: years old
        input.add(series(4));

        long started = System.currentTimeMillis() / 1000;
        jobWithFlags(input).execute("age-limit");
        long ended = System.currentTimeMillis() / 1000;
        List<MetricSeries> flows = intake.accepted().stream()
                .filter(s -> !s.metric.equals("aws.vpc.flowlogs.points_too_old"))
                .toList();
        assertThat(flows)
                .extracting(s -> s.tags[0])
                .containsExactlyInAnyOrder("interface_id:eni-0", "interface_id:eni-1", "interface_id:eni-2");
        assertThat(flows).allSatisfy(s -> assertThat(s.timestamp).isEqualTo(recent));
        // the two held back are counted in Datadog too: a count per subtask, stamped with the minute it was reported
        List<MetricSeries> tooOld = intake.accepted().stream()
                .filter(s -> s.metric.equals("aws.vpc.flowlogs.points_too_old"))
                .toList();
        assertThat(tooOld.stream().mapToDouble(s -> s.value).sum()).isEqualTo(2.0);
        assertThat(tooOld).allSatisfy(s -> {
            assertThat(s.type).isEqualTo(MetricSeries.COUNT);
            assertThat(s.interval).isEqualTo(60);
            assertThat(s.tags).singleElement().asString().startsWith("subtask:");
            assertThat(s.timestamp).isBetween(started / 60 * 60, ended / 60 * 60);
        });

        int before = intake.accepted().size();
        jobWithFlags(input, "--historical-ingestion", "true").execute("age-limit-historical");
        assertThat(intake.accepted().subList(before, intake.accepted().size()))
                .extracting(s -> s.tags[0])
                .containsExactlyInAnyOrder(
                        "interface_id:eni-0",
                        "interface_id:eni-1",
                        "interface_id:eni-2",
                        "interface_id:eni-3",
                        "interface_id:eni-4");
    }
}
