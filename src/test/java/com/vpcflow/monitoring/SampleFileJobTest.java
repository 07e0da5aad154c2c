package com.vpcflow.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.vpcflow.monitoring.config.JobConfig;
import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.testing.Bodies;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
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
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final long T = 1699999980L; // start of the first minute of the sample
    static final String[] STATS = {"min", "median", "p90", "p95", "p99", "max"};

    @TempDir
    Path tmp;

    /** Expected points: pointKey -> value. */
    private final Map<String, Double> expected = new TreeMap<>();

    private static String tags(String... kv) {
        TreeSet<String> sorted = new TreeSet<>(List.of(kv));
        sorted.add("env:test");
        sorted.add("region:eu-west-1");
        return String.join(",", sorted);
    }

    private void point(String metric, String tags, long ts, double value) {
        expected.put("aws.vpc.flowlogs." + metric + "|" + tags + "|" + ts, value);
    }

    /** The series of one group that carries traffic; d/p/b are the six stats (min, median, p90, p95, p99, max). */
    private void traffic(String tags, long ts, int requests, long packets, long bytes, double[] d, double[] p, double[] b) {
        point("action", tags, ts, requests);
        point("log_status", tags + ",status:OK", ts, requests);
        if (p != null) {
            point("packets.total", tags, ts, packets);
            point("bytes.total", tags, ts, bytes);
        }
        for (int i = 0; i < 6; i++) {
            point("duration.per_request." + STATS[i], tags, ts, d[i]);
            if (p != null) {
                point("packets.per_request." + STATS[i], tags, ts, p[i]);
                point("bytes.per_request." + STATS[i], tags, ts, b[i]);
            }
        }
    }

    private static double[] all(double v) {
        return new double[] {v, v, v, v, v, v};
    }

    private static String logStatus(String tags, String status) {
        return tags + ",status:" + status;
    }

    private void expectSample() {
        String eniA = "interface_id:eni-0a1";
        String accountA = "aws_account:111122223333";
        String ipA = "ip:10.0.0.5";
        // eni-0a1 ACCEPT, first minute: tcp inbound = lines 2, 3 and 11 (packets/bytes '-' left out)
        traffic(tags(eniA, accountA, ipA, "action:ACCEPT", "protocol:tcp", "direction:inbound"), T, 3, 50, 9000,
                new double[] {1, 10, 60, 60, 60, 60}, new double[] {20, 20, 30, 30, 30, 30},
                new double[] {3000, 3000, 6000, 6000, 6000, 6000});
        // line 1: tcp outbound; line 5: udp outbound
        traffic(tags(eniA, accountA, ipA, "action:ACCEPT", "protocol:tcp", "direction:outbound"), T, 1, 10, 1000,
                all(30), all(10), all(1000));
        traffic(tags(eniA, accountA, ipA, "action:ACCEPT", "protocol:udp", "direction:outbound"), T, 1, 2, 150,
                all(1), all(2), all(150));
        // line 4: REJECT
        traffic(tags(eniA, accountA, ipA, "action:REJECT", "protocol:tcp", "direction:inbound"), T, 1, 4, 240,
                all(1), all(4), all(240));
        // line 6: NODATA counts only in log_status; no direction
        point("log_status", logStatus(tags(eniA, accountA, ipA, "action:-", "protocol:-"), "NODATA"), T, 1);
        // line 7: second minute
        traffic(tags(eniA, accountA, ipA, "action:ACCEPT", "protocol:tcp", "direction:inbound"), T + 60, 1, 40, 8000,
                all(25), all(40), all(8000));

        // eni-0b2: 20 udp inbound records, packets i, bytes 100*i, duration i%7 (i = 1..20)
        String tagsB = tags("interface_id:eni-0b2", "aws_account:444455556666", "ip:2001:db8::10", "action:ACCEPT",
                "protocol:udp", "direction:inbound");
        // sorted durations: 0,0,1,1,1,2,2,2,3,3,3,4,4,4,5,5,5,6,6,6 -> nearest ranks 10, 18, 19, 20
        traffic(tagsB, T, 20, 210, 21000, new double[] {0, 3, 6, 6, 6, 6}, new double[] {1, 10, 18, 19, 20, 20},
                new double[] {100, 1000, 1800, 1900, 2000, 2000});
        point("log_status", logStatus(tags("interface_id:eni-0b2", "aws_account:444455556666", "ip:2001:db8::10",
                "action:-", "protocol:-"), "SKIPDATA"), T, 1);
    }

    @Test
    void theSampleGivesExactlyTheHandComputedSeries() throws Exception {
        Path out = tmp.resolve("bodies.jsonl");
        JobConfig config = JobConfig.fromArgs(new String[] {
            "--source", "file", "--input", "src/test/resources/sample/payloads.b64", "--output", out.toString(),
            "--region", "eu-west-1", "--tags", "env:test", "--parallelism", "2", "--max-out-of-orderness", "5min"});
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        FlowLogMonitoringJob.build(env, config);
        assertThat(env.getConfig().hasGenericTypesDisabled()).isTrue();
        env.execute("sample");

        List<MetricSeries> points = Bodies.readLines(out);
        Map<String, Double> flow = new TreeMap<>();
        Map<String, Double> skipped = new HashMap<>();
        for (MetricSeries s : points) {
            if (s.metric.equals("aws.vpc.flowlogs.unsupported_message") || s.metric.equals("aws.vpc.flowlogs.late_records")) {
                skipped.merge(s.metric + "|" + String.join(",", s.tags), s.value, Double::sum);
                assertThat(s.type).isEqualTo(MetricSeries.COUNT);
                continue;
            }
            assertThat(flow.put(s.pointKey(), s.value)).as("point written twice: %s", s.pointKey()).isNull();
            assertThat(s.type).isEqualTo(s.metric.contains("per_request") ? MetricSeries.GAUGE : MetricSeries.COUNT);
            assertThat(s.interval).isEqualTo(s.type == MetricSeries.COUNT ? 60 : 0);
        }

        expectSample();
        assertThat(flow.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((key, value) -> {
            if (key.matches(".*per_request\\.(median|p9\\d)\\|.*")) {
                assertThat(flow.get(key)).as(key).isCloseTo(value, within(value * 0.01));
            } else {
                assertThat(flow.get(key)).as(key).isEqualTo(value); // counts, sums, min and max are exact
            }
        });

        String region = "region:eu-west-1";
        assertThat(skipped).containsOnly(
                Map.entry("aws.vpc.flowlogs.unsupported_message|env:test,reason:bad_number," + region, 2.0),
                Map.entry("aws.vpc.flowlogs.unsupported_message|env:test,reason:field_count," + region, 1.0),
                Map.entry("aws.vpc.flowlogs.unsupported_message|env:test,reason:not_gzip," + region, 1.0),
                Map.entry("aws.vpc.flowlogs.unsupported_message|env:test,reason:truncated," + region, 1.0),
                Map.entry("aws.vpc.flowlogs.unsupported_message|env:test,reason:bad_json," + region, 1.0),
                Map.entry("aws.vpc.flowlogs.unsupported_message|env:test,reason:bad_base64," + region, 1.0));
    }

    @Test
    void s3TextLinesWithACustomFormatUseTheRecordsRegionAndFlowDirection() throws Exception {
        Path out = tmp.resolve("lines.jsonl");
        JobConfig config = JobConfig.fromArgs(new String[] {
            "--source", "file", "--input", "src/test/resources/sample/flows.txt", "--input-format", "lines",
            "--log-format", "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} "
                    + "${packets} ${bytes} ${start} ${end} ${action} ${log-status} ${region} ${flow-direction}",
            "--output", out.toString(), "--region", "eu-west-1", "--parallelism", "1"});
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        FlowLogMonitoringJob.build(env, config);
        env.execute("lines");

        Map<String, Double> values = new TreeMap<>();
        for (MetricSeries s : Bodies.readLines(out)) values.merge(s.pointKey(), s.value, Double::sum);
        // 10.1.0.7 and 10.1.0.9 both appear 3 times: the tie goes to the smaller string
        String base = "action:ACCEPT,aws_account:999988887777,%s,interface_id:eni-0c3,ip:10.1.0.7,protocol:tcp,region:ap-southeast-2";
        String outbound = String.format(base, "direction:outbound");
        String inbound = String.format(base, "direction:inbound");
        assertThat(values).containsEntry("aws.vpc.flowlogs.action|" + outbound + "|" + T, 1.0)
                .containsEntry("aws.vpc.flowlogs.packets.total|" + outbound + "|" + T, 5.0)
                .containsEntry("aws.vpc.flowlogs.action|" + inbound + "|" + T, 2.0)
                .containsEntry("aws.vpc.flowlogs.bytes.total|" + inbound + "|" + T, 1600.0)
                .containsEntry("aws.vpc.flowlogs.duration.per_request.min|" + inbound + "|" + T, 10.0)
                .containsEntry("aws.vpc.flowlogs.duration.per_request.max|" + inbound + "|" + T, 13.0);
        // the header is skipped silently; the line with a non-numeric start is counted
        assertThat(values.entrySet()).filteredOn(e -> e.getKey().startsWith("aws.vpc.flowlogs.unsupported_message"))
                .singleElement().satisfies(e -> {
                    assertThat(e.getKey()).contains("reason:bad_number");
                    assertThat(e.getValue()).isEqualTo(1.0);
                });
    }
}
