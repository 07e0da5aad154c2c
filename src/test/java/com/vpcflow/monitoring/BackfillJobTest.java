package com.vpcflow.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vpcflow.monitoring.config.ConfigException;
import com.vpcflow.monitoring.config.JobConfig;
import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.testing.Bodies;
import com.vpcflow.monitoring.testing.LocalS3;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backfill from S3 through the whole job: flow-log objects in the key layout VPC Flow Logs delivers, in a real
 * S3-compatible server (s3rver) started here, read through Flink's S3 file system (the plugin the build copies into
 * target/flink-plugins) with a path-style endpoint and credentials from the default chain.
 */
class BackfillJobTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    static final String BUCKET = "flow-archive";
    static final String ACCOUNT = "123456789012";
    static final String PREFIX = "AWSLogs/" + ACCOUNT + "/vpcflowlogs/eu-west-1/";
    /** A v2 format without account-id: the account comes from the key. */
    static final String CUSTOM_HEADER =
            "version interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status";

    static LocalS3 s3;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = LocalS3.start();
        LocalS3.configureJobCredentials();
        s3.createBucket(BUCKET);
    }

    @AfterAll
    static void stopS3() throws Exception {
        if (s3 != null) s3.close();
    }

    /** The key VPC Flow Logs gives an object delivered at {@code time} (UTC, minute precision). */
    static String key(String prefix, String time) {
        Instant t = Instant.parse(time);
        String day = DateTimeFormatter.ofPattern("yyyy/MM/dd")
                .withZone(ZoneOffset.UTC)
                .format(t);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'")
                .withZone(ZoneOffset.UTC)
                .format(t);
        return prefix + day + "/" + ACCOUNT + "_vpcflowlogs_eu-west-1_fl-0a1b2c3d4e5f_" + stamp + "_"
                + Integer.toHexString(time.hashCode()) + ".log.gz";
    }

    /** One record of {@link #CUSTOM_HEADER}'s format. */
    static String line(String eni, String start, long bytes, String action) {
        long s = Instant.parse(start).getEpochSecond();
        return "2 " + eni + " 10.0.0.1 10.0.0.2 443 50000 6 10 " + bytes + " " + s + " " + (s + 20) + " " + action
                + " OK";
    }

    private List<MetricSeries> run(String name, String... flags) throws Exception {
        Path out = tmp.resolve(name + ".jsonl");
        List<String> args = new ArrayList<>(List.of(
                "--source", "file", "--s3-endpoint", s3.endpoint(), "--output", out.toString(), "--parallelism", "2"));
        args.addAll(List.of(flags));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        FlowLogMonitoringJob.build(env, JobConfig.fromArgs(args.toArray(String[]::new), Map.of()));
        env.execute(name);
        return Bodies.readLines(out);
    }

    /** Sum of {@code metric} per (interface, action, timestamp). */
    private static Map<String, Double> perInterface(List<MetricSeries> series, String metric) {
        Map<String, Double> sums = new TreeMap<>();
        for (MetricSeries s : series) {
            if (!s.metric.equals("aws.vpc.flowlogs." + metric)) continue;
            sums.merge(tag(s, "interface_id") + " " + tag(s, "action") + " " + s.timestamp, s.value, Double::sum);
        }
        return sums;
    }

    private static String tag(MetricSeries s, String name) {
        for (String t : s.tags) if (t.startsWith(name + ":")) return t.substring(name.length() + 1);
        return null;
    }

    private static long at(String time) {
        return Instant.parse(time).getEpochSecond();
    }

    @Test
    void aDateRangeOfDeliveredObjectsGivesTheSeriesOfItsRecordsWithTheKeysAccountAndRegion() throws Exception {
        String prefix = "range/" + PREFIX;
        String v2Header = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes"
                + " start end action log-status";
        // A day before the range, in another format: never read (its day folder is outside the range), so never a
        // format mismatch.
        s3.putGzipLines(
                BUCKET,
                key(prefix, "2024-04-30T12:05:00Z"),
                List.of(
                        v2Header,
                        "2 " + ACCOUNT + " eni-a 10.0.0.1 10.0.0.2 443 50000 6 10 5 1714478400 1714478460 ACCEPT OK"));
        s3.putGzipLines(
                BUCKET,
                key(prefix, "2024-05-01T12:05:00Z"),
                List.of(CUSTOM_HEADER, line("eni-a", "2024-05-01T12:01:10Z", 111, "ACCEPT")));
        s3.putGzipLines(
                BUCKET,
                key(prefix, "2024-05-02T00:05:00Z"),
                List.of(
                        CUSTOM_HEADER,
                        line("eni-a", "2024-05-01T23:59:30Z", 7, "ACCEPT"), // before --from
                        line("eni-a", "2024-05-02T00:01:10Z", 1000, "ACCEPT"),
                        line("eni-b", "2024-05-02T00:02:00Z", 40, "REJECT")));
        s3.putGzipLines(
                BUCKET,
                key(prefix, "2024-05-02T12:05:00Z"),
                List.of(
                        CUSTOM_HEADER,
                        line("eni-a", "2024-05-02T12:01:10Z", 500, "ACCEPT"),
                        line("eni-a", "2024-05-02T12:01:50Z", 250, "ACCEPT"),
                        line("eni-b", "2024-05-02T12:03:05Z", 60, "ACCEPT")));
        s3.putGzipLines(
                BUCKET,
                key(prefix, "2024-05-03T00:05:00Z"),
                List.of(
                        CUSTOM_HEADER,
                        line("eni-a", "2024-05-02T23:58:30Z", 300, "ACCEPT"), // delivered after --to, still in range
                        line("eni-a", "2024-05-03T00:01:00Z", 9, "ACCEPT"))); // at --to: out
        s3.putGzipLines(
                BUCKET,
                key(prefix, "2024-05-03T12:05:00Z"),
                List.of(CUSTOM_HEADER, line("eni-a", "2024-05-03T12:01:00Z", 999, "ACCEPT")));

        List<MetricSeries> series = run(
                "range",
                "--input",
                "s3://" + BUCKET + "/range/",
                "--from",
                "2024-05-02T00:00:00Z",
                "--to",
                Long.toString(at("2024-05-03T00:00:00Z")), // epoch seconds work too
                "--region",
                "us-west-2");

        assertThat(perInterface(series, "bytes.total"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "eni-a ACCEPT " + at("2024-05-02T00:01:00Z"), 1000.0,
                        "eni-b REJECT " + at("2024-05-02T00:02:00Z"), 40.0,
                        "eni-a ACCEPT " + at("2024-05-02T12:01:00Z"), 750.0,
                        "eni-b ACCEPT " + at("2024-05-02T12:03:00Z"), 60.0,
                        "eni-a ACCEPT " + at("2024-05-02T23:58:00Z"), 300.0));
        assertThat(perInterface(series, "packets.total").values()).containsOnly(10.0, 20.0);
        List<MetricSeries> flows = series.stream()
                .filter(s -> s.metric.startsWith("aws.vpc.flowlogs.bytes"))
                .toList();
        assertThat(flows).allSatisfy(s -> {
            assertThat(tag(s, "aws_account")).isEqualTo(ACCOUNT); // the format has no account-id: the key's
            assertThat(tag(s, "region")).isEqualTo("eu-west-1"); // the key's, not --region
        });
        assertThat(series)
                .as("nothing skipped: the object in another format was never read")
                .noneMatch(s -> s.metric.endsWith("unsupported_message") || s.metric.endsWith("late_records"));
    }

    @Test
    void aShuffledArchiveGivesExactlyTheSeriesOfTheSortedOne() throws Exception {
        Random random = new Random(7);
        long t0 = at("2024-06-10T08:00:00Z");
        List<String[]> records = new ArrayList<>(); // start, line
        Map<String, Double> expected = new TreeMap<>();
        for (int i = 0; i < 3000; i++) {
            long start = t0 + random.nextInt(3600);
            String eni = "eni-" + random.nextInt(4);
            String action = random.nextInt(5) == 0 ? "REJECT" : "ACCEPT";
            long bytes = 40 + random.nextInt(1500);
            records.add(new String[] {
                Long.toString(start),
                "2 " + eni + " 10.0.0." + random.nextInt(9) + " 10.0.1.1 443 50000 6 3 " + bytes + " " + start + " "
                        + (start + 5) + " " + action + " OK"
            });
            expected.merge(eni + " " + action + " " + (start - start % 60), (double) bytes, Double::sum);
        }
        // Sorted: as delivered, each record in the object of its 5-minute interval, in order of start.
        records.sort((a, b) -> Long.compare(Long.parseLong(a[0]), Long.parseLong(b[0])));
        Map<Long, List<String>> sorted = new TreeMap<>();
        for (String[] r : records) {
            long start = Long.parseLong(r[0]);
            sorted.computeIfAbsent(start - start % 300 + 300, k -> new ArrayList<>(List.of(CUSTOM_HEADER)))
                    .add(r[1]);
        }
        for (var e : sorted.entrySet()) {
            s3.putGzipLines(
                    BUCKET,
                    key("sorted/" + PREFIX, Instant.ofEpochSecond(e.getKey()).toString()),
                    e.getValue());
        }
        // Shuffled: lines in random order, dealt at random over objects whose key times say nothing of their content.
        Collections.shuffle(records, random);
        for (int o = 0; o < 12; o++) {
            List<String> lines = new ArrayList<>(List.of(CUSTOM_HEADER));
            for (int i = o; i < records.size(); i += 12) lines.add(records.get(i)[1]);
            long time = t0 + 300L * random.nextInt(12) + 300;
            String key = key("shuffled/" + PREFIX, Instant.ofEpochSecond(time).toString());
            s3.putGzipLines(BUCKET, key.replace(".log.gz", o + ".log.gz"), lines); // key times may repeat
        }

        List<MetricSeries> fromSorted = run("sorted", "--input", "s3://" + BUCKET + "/sorted/");
        List<MetricSeries> fromShuffled = run("shuffled", "--input", "s3://" + BUCKET + "/shuffled/");

        assertThat(perInterface(fromSorted, "bytes.total")).isEqualTo(expected);
        assertThat(points(fromShuffled)).isEqualTo(points(fromSorted));
        assertThat(fromShuffled).noneMatch(s -> s.metric.endsWith("late_records"));
    }

    @Test
    void anObjectInAnotherFormatIsSkippedAndCountedNotMisread() throws Exception {
        String prefix = "mixed/" + PREFIX;
        s3.putGzipLines(
                BUCKET,
                key(prefix, "2024-05-02T00:05:00Z"),
                List.of(CUSTOM_HEADER, line("eni-a", "2024-05-02T00:01:10Z", 1000, "ACCEPT")));
        // A second flow log with the default v2 format delivered into the same prefix: same field count as none of
        // the custom format's, so without its header each line would be misread or rejected field by field.
        s3.putGzipLines(
                BUCKET,
                key(prefix, "2024-05-02T00:10:00Z"),
                List.of(
                        "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start"
                                + " end action log-status",
                        "2 " + ACCOUNT + " eni-b 10.0.0.1 10.0.0.2 443 50000 6 10 70 1714608070 1714608090 ACCEPT OK",
                        "2 " + ACCOUNT + " eni-b 10.0.0.1 10.0.0.2 443 50000 6 10 80 1714608080 1714608090 ACCEPT OK",
                        "2 " + ACCOUNT + " eni-b 10.0.0.1 10.0.0.2 443 50000 6 10 90 1714608090 1714608095 ACCEPT OK"));

        List<MetricSeries> series = run("mixed", "--input", "s3://" + BUCKET + "/mixed/");

        assertThat(perInterface(series, "bytes.total"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("eni-a ACCEPT " + at("2024-05-02T00:01:00Z"), 1000.0));
        assertThat(series.stream()
                        .filter(s -> s.metric.equals("aws.vpc.flowlogs.unsupported_message"))
                        .peek(s -> assertThat(s.tags).contains("reason:format_mismatch"))
                        .mapToDouble(s -> s.value)
                        .sum())
                .isEqualTo(3.0);
    }

    /** deploy/backfill-application.json's property groups, its placeholders filled in, are a configuration the job takes. */
    @Test
    void theMsfBackfillParameterSetIsAcceptedByTheJob() throws Exception {
        s3.putGzipLines(
                BUCKET,
                key(PREFIX, "2024-05-02T00:05:00Z"),
                List.of(CUSTOM_HEADER, line("eni-a", "2024-05-02T00:01:10Z", 1000, "ACCEPT")));
        com.fasterxml.jackson.databind.JsonNode groups = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Path.of("deploy/backfill-application.json").toFile())
                .at("/ApplicationConfiguration/EnvironmentProperties/PropertyGroups");
        Map<String, java.util.Properties> properties = new TreeMap<>();
        for (com.fasterxml.jackson.databind.JsonNode group : groups) {
            java.util.Properties p = new java.util.Properties();
            group.get("PropertyMap")
                    .fields()
                    .forEachRemaining(e -> p.setProperty(
                            e.getKey(),
                            e.getValue()
                                    .asText()
                                    .replace("<flow-log-bucket>", BUCKET)
                                    .replace("<account-id>", ACCOUNT)
                                    .replace("<region>", "eu-west-1")
                                    .replaceAll("<from, e.g. ([^>]+)>", "$1")
                                    .replaceAll("<to, e.g. ([^>]+)>", "$1")
                                    .replaceAll("<base64 KMS ciphertext[^>]*>", "AQIDBAUGBwg=")));
            properties.put(group.get("PropertyGroupId").asText(), p);
        }

        JobConfig config = JobConfig.fromCommandLine(new String[] {"--s3-endpoint", s3.endpoint()}, properties);

        assertThat(config.sources().input()).isEqualTo("s3://" + BUCKET + "/" + PREFIX);
        assertThat(config.sources().range())
                .isEqualTo(new com.vpcflow.monitoring.flowlog.TimeRange(
                        at("2024-05-01T00:00:00Z"), at("2024-05-08T00:00:00Z")));
        assertThat(config.runtimeMode()).isEqualTo(RuntimeExecutionMode.BATCH);
        assertThat(config.datadog().historicalIngestion()).isTrue();
        assertThat(config.pipeline().logFormat().headerLine()).isEqualTo(CUSTOM_HEADER);
    }

    /** Every point by (metric, tags, timestamp), each written once. */
    private static Map<String, Double> points(List<MetricSeries> series) {
        Map<String, Double> points = new TreeMap<>();
        for (MetricSeries s : series) {
            assertThat(points.put(s.pointKey(), s.value))
                    .as("point %s written once", s.pointKey())
                    .isNull();
        }
        return points;
    }

    @Test
    void aHeaderThatDisagreesWithTheGivenLogFormatIsRefusedNamingBoth() throws Exception {
        s3.putGzipLines(
                BUCKET,
                key("custom/" + PREFIX, "2024-05-02T00:05:00Z"),
                List.of(CUSTOM_HEADER, line("eni-a", "2024-05-02T00:01:10Z", 1000, "ACCEPT")));
        String given = "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport}"
                + " ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}";
        assertThatThrownBy(() -> config("--input", "s3://" + BUCKET + "/custom/", "--log-format", given))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid --log-format: 'version account-id interface-id srcaddr dstaddr srcport dstport"
                        + " protocol packets bytes start end action log-status' is not the format of s3://" + BUCKET
                        + "/custom/, whose header names '" + CUSTOM_HEADER + "'; give the header's fields, or leave"
                        + " --log-format out to use them");
        // the header's own fields, in either form, are accepted
        assertThat(config("--input", "s3://" + BUCKET + "/custom/", "--log-format", CUSTOM_HEADER)
                        .pipeline()
                        .logFormat()
                        .headerLine())
                .isEqualTo(CUSTOM_HEADER);
        JobConfig inferred = config("--input", "s3://" + BUCKET + "/custom/");
        assertThat(inferred.pipeline().logFormat().headerLine()).isEqualTo(CUSTOM_HEADER);
        assertThat(inferred.runtimeMode()).isEqualTo(RuntimeExecutionMode.BATCH);
    }

    @Test
    void aMissingBucketPrefixOrRangeIsOneStartUpError() throws Exception {
        s3.putGzipLines(
                BUCKET,
                key("present/" + PREFIX, "2024-05-02T00:05:00Z"),
                List.of(CUSTOM_HEADER, line("eni-a", "2024-05-02T00:01:10Z", 1000, "ACCEPT")));
        assertThatThrownBy(() -> config("--input", "s3://no-such-bucket/AWSLogs/"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Invalid --input: ")
                .hasMessageContaining("s3://no-such-bucket/AWSLogs/");
        assertThatThrownBy(() -> config("--input", "s3://" + BUCKET + "/absent/"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Invalid --input: s3://" + BUCKET + "/absent/ does not exist");
        assertThatThrownBy(() -> config("--input", "s3://" + BUCKET + "/present/", "--from", "2025-01-01T00:00:00Z"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid --input: s3://" + BUCKET + "/present/ holds no flow-log file to read for the"
                        + " records asked for by --from/--to");
    }

    private JobConfig config(String... flags) {
        List<String> args = new ArrayList<>(List.of("--source", "file", "--s3-endpoint", s3.endpoint()));
        args.addAll(List.of(flags));
        return JobConfig.fromArgs(args.toArray(String[]::new), Map.of());
    }
}
