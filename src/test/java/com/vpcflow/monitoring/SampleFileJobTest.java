package com.vpcflow.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.vpcflow.monitoring.config.JobConfig;
import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.testing.Bodies;
import com.vpcflow.monitoring.testing.SampleExpectations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job on the shipped sample ({@code src/test/resources/sample}, see its README), on a MiniCluster, checked
 * against expectations worked out by hand from {@code payloads.jsonl}.
 */
class SampleFileJobTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    static final long T = SampleExpectations.T;

    @TempDir
    Path tmp;

    @Test
    void theSampleGivesExactlyTheHandComputedSeries() throws Exception {
        Path out = tmp.resolve("bodies.jsonl");
        JobConfig config = JobConfig.fromArgs(
                new String[] {
                    "--source",
                    "file",
                    "--input",
                    "src/test/resources/sample/payloads.b64",
                    "--output",
                    out.toString(),
                    "--region",
                    "eu-west-1",
                    "--tags",
                    "env:test",
                    "--parallelism",
                    "2",
                    "--max-out-of-orderness",
                    "5min"
                },
                Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        FlowLogMonitoringJob.build(env, config);
        assertThat(env.getConfig().getSerializerConfig().hasGenericTypesDisabled())
                .isTrue();
        env.execute("sample");

        Map<String, Double> skipped = new SampleExpectations("eu-west-1", "env:test")
                .eniA()
                .eniB("eni-0b2", 0)
                .assertMatches(Bodies.readLines(out));

        String region = "region:eu-west-1";
        assertThat(skipped)
                .containsOnly(
                        Map.entry("aws.vpc.flowlogs.unsupported_message|env:test,reason:bad_number," + region, 2.0),
                        Map.entry("aws.vpc.flowlogs.unsupported_message|env:test,reason:field_count," + region, 1.0),
                        Map.entry("aws.vpc.flowlogs.unsupported_message|env:test,reason:not_gzip," + region, 1.0),
                        Map.entry("aws.vpc.flowlogs.unsupported_message|env:test,reason:truncated," + region, 1.0),
                        Map.entry("aws.vpc.flowlogs.unsupported_message|env:test,reason:bad_json," + region, 1.0),
                        Map.entry("aws.vpc.flowlogs.unsupported_message|env:test,reason:bad_base64," + region, 1.0));

        // the dry run writes the 2023 points too, and says how many Datadog would drop (the skip counts are recent)
        List<MetricSeries> written = Bodies.readLines(out);
        long old = written.stream()
                .filter(p -> p.timestamp < System.currentTimeMillis() / 1000 - 3600)
                .count();
        assertThat(old).isGreaterThan(0).isLessThan(written.size());
        assertThat(Files.readString(Path.of("target/test.log")))
                .contains(old + " of the " + written.size() + " points written are older than 1h: Datadog would drop"
                        + " them unless historical metrics ingestion is enabled");
    }

    @Test
    void gzipCompressedS3FilesInADirectoryAreReadToo() throws Exception {
        // S3 delivery writes .log.gz objects; the file source decompresses by extension
        Path dir = Files.createDirectories(tmp.resolve("s3"));
        try (java.util.zip.GZIPOutputStream gz =
                new java.util.zip.GZIPOutputStream(Files.newOutputStream(dir.resolve("a.log.gz")))) {
            gz.write(Files.readAllBytes(Path.of("src/test/resources/sample/flows.txt")));
        }
        Path out = tmp.resolve("gz.jsonl");
        JobConfig config = JobConfig.fromArgs(
                new String[] {
                    "--source",
                    "file",
                    "--input",
                    dir.toString(),
                    "--input-format",
                    "lines",
                    "--log-format",
                    "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} "
                            + "${packets} ${bytes} ${start} ${end} ${action} ${log-status} ${region} ${flow-direction}",
                    "--output",
                    out.toString(),
                    "--parallelism",
                    "1"
                },
                Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        FlowLogMonitoringJob.build(env, config);
        env.execute("gz");
        double requests = Bodies.readLines(out).stream()
                .filter(s -> s.metric.equals("aws.vpc.flowlogs.action"))
                .mapToDouble(s -> s.value)
                .sum();
        assertThat(requests).isEqualTo(3.0);
    }

    @Test
    void theSameSeriesWithRocksDbStateAsOnMsf() throws Exception {
        Path out = tmp.resolve("rocksdb.jsonl");
        JobConfig config = JobConfig.fromArgs(
                new String[] {
                    "--source",
                    "file",
                    "--input",
                    "src/test/resources/sample/payloads.b64",
                    "--output",
                    out.toString(),
                    "--region",
                    "eu-west-1",
                    "--tags",
                    "env:test",
                    "--parallelism",
                    "2",
                    "--max-out-of-orderness",
                    "5min"
                },
                Map.of());
        org.apache.flink.configuration.Configuration conf = new org.apache.flink.configuration.Configuration();
        conf.setString("state.backend.type", "rocksdb");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        FlowLogMonitoringJob.build(env, config);
        env.execute("sample-rocksdb");
        new SampleExpectations("eu-west-1", "env:test")
                .eniA()
                .eniB("eni-0b2", 0)
                .assertMatches(Bodies.readLines(out));
    }

    @Test
    void s3TextLinesWithACustomFormatUseTheRecordsRegionAndFlowDirection() throws Exception {
        Path out = tmp.resolve("lines.jsonl");
        JobConfig config = JobConfig.fromArgs(
                new String[] {
                    "--source",
                    "file",
                    "--input",
                    "src/test/resources/sample/flows.txt",
                    "--input-format",
                    "lines",
                    "--log-format",
                    "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} "
                            + "${packets} ${bytes} ${start} ${end} ${action} ${log-status} ${region} ${flow-direction}",
                    "--output",
                    out.toString(),
                    "--region",
                    "eu-west-1",
                    "--parallelism",
                    "1"
                },
                Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        FlowLogMonitoringJob.build(env, config);
        env.execute("lines");

        Map<String, Double> values = new TreeMap<>();
        for (MetricSeries s : Bodies.readLines(out)) values.merge(s.pointKey(), s.value, Double::sum);
        // 10.1.0.7 and 10.1.0.9 both appear 3 times: the tie goes to the smaller string
        String base =
                "action:ACCEPT,aws_account:999988887777,%s,interface_id:eni-0c3,ip:10.1.0.7,protocol:tcp,region:ap-southeast-2";
        String outbound = String.format(base, "direction:outbound");
        String inbound = String.format(base, "direction:inbound");
        assertThat(values)
                .containsEntry("aws.vpc.flowlogs.action|" + outbound + "|" + T, 1.0)
                .containsEntry("aws.vpc.flowlogs.packets.total|" + outbound + "|" + T, 5.0)
                .containsEntry("aws.vpc.flowlogs.action|" + inbound + "|" + T, 2.0)
                .containsEntry("aws.vpc.flowlogs.bytes.total|" + inbound + "|" + T, 1600.0)
                .containsEntry("aws.vpc.flowlogs.duration.per_request.min|" + inbound + "|" + T, 10.0)
                .containsEntry("aws.vpc.flowlogs.duration.per_request.max|" + inbound + "|" + T, 13.0);
        // the header is skipped silently; the line with a non-numeric start is counted
        assertThat(values.entrySet())
                .filteredOn(e -> e.getKey().startsWith("aws.vpc.flowlogs.unsupported_message"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.getKey()).contains("reason:bad_number");
                    assertThat(e.getValue()).isEqualTo(1.0);
                });
    }
}
