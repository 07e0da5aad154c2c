package com.vpcflow.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vpcflow.monitoring.config.ConfigException;
import com.vpcflow.monitoring.config.JobConfig;
import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.testing.Bodies;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Dimensions, cost controls and top talkers through the whole job, on hand-written input whose expectations are
 * worked out below (src/test/resources/sample/v5-subnets.txt, and the shipped sample).
 */
class DimensionsJobTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    static final long T = 1_700_000_040L;
    static final String V5_FORMAT =
            "${version} ${vpc-id} ${subnet-id} ${interface-id} ${account-id} ${srcaddr} ${dstaddr}"
                    + " ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}"
                    + " ${flow-direction}";

    @TempDir
    Path tmp;

    private Map<String, Double> run(String name, String... flags) throws Exception {
        Path out = tmp.resolve(name + ".jsonl");
        List<String> args =
                new ArrayList<>(List.of("--output", out.toString(), "--region", "eu-west-1", "--parallelism", "1"));
        args.addAll(List.of(flags));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        FlowLogMonitoringJob.build(env, JobConfig.fromArgs(args.toArray(String[]::new), Map.of()));
        env.execute(name);
        Map<String, Double> points = new TreeMap<>();
        for (MetricSeries s : Bodies.readLines(out)) {
            if (s.metric.endsWith("unsupported_message") || s.metric.endsWith("late_records")) continue;
            assertThat(points.put(s.pointKey(), s.value))
                    .as("point %s written once", s.pointKey())
                    .isNull();
        }
        return points;
    }

    private Map<String, Double> v5(String name, String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--source",
                "file",
                "--input",
                "src/test/resources/sample/v5-subnets.txt",
                "--input-format",
                "lines",
                "--log-format",
                V5_FORMAT));
        args.addAll(List.of(flags));
        return run(name, args.toArray(String[]::new));
    }

    private static String key(String metric, long ts, String... tags) {
        List<String> sorted = new ArrayList<>(List.of(tags));
        sorted.sort(null);
        return "aws.vpc.flowlogs." + metric + "|" + String.join(",", sorted) + "|" + ts;
    }

    private static Map<String, Double> only(Map<String, Double> points, String metricPrefix) {
        Map<String, Double> m = new TreeMap<>();
        points.forEach((k, v) -> {
            if (k.startsWith("aws.vpc.flowlogs." + metricPrefix + "|")) m.put(k, v);
        });
        return m;
    }

    @Test
    void aV5FormatSplitsByVpcSubnetAndFlowDirection() throws Exception {
        Map<String, Double> p = v5("v5", "--dimensions", "vpc_id,subnet_id,flow_direction");
        String[] a = {"interface_id:eni-a", "action:ACCEPT", "vpc_id:vpc-1"};
        // ACCEPT: (subnet-a, egress) line 1; (subnet-a, ingress) line 2; (subnet-b, ingress) line 3; (-, ingress) line
        // 5
        assertThat(only(p, "bytes.total"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        key("bytes.total", T, cat(a, "subnet_id:subnet-a", "flow_direction:egress")), 1000.0,
                        key("bytes.total", T, cat(a, "subnet_id:subnet-a", "flow_direction:ingress")), 3000.0,
                        key("bytes.total", T, cat(a, "subnet_id:subnet-b", "flow_direction:ingress")), 500.0,
                        key("bytes.total", T, cat(a, "flow_direction:ingress")), 200.0, // subnet-id "-": no such tag
                        key(
                                        "bytes.total",
                                        T,
                                        "interface_id:eni-a",
                                        "action:REJECT",
                                        "vpc_id:vpc-1",
                                        "subnet_id:subnet-a",
                                        "flow_direction:ingress"),
                                100.0));
        assertThat(only(p, "action")).hasSize(5).allSatisfy((k, v) -> assertThat(v)
                .isEqualTo(1.0));
        // durations of line 1: end - start = 10
        assertThat(p)
                .containsEntry(
                        key("duration.per_request.max", T, cat(a, "subnet_id:subnet-a", "flow_direction:egress")),
                        10.0);
    }

    @Test
    void aDimensionTheFormatLacksIsRefusedAtStartUp() {
        assertThatThrownBy(() -> JobConfig.fromArgs(new String[] {"--dimensions", "protocol,vpc_id"}, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(
                        "Invalid --dimensions: the log format has no field vpc-id for the dimension vpc_id")
                .hasMessageContaining("${version} ${account-id} ${interface-id}");
        assertThatThrownBy(() -> JobConfig.fromArgs(new String[] {"--dimensions", "Protocol"}, Map.of()))
                .hasMessageStartingWith("Invalid --dimensions");
    }

    /** Default-dimension points with one dimension's tag removed, merged as the job must merge them. */
    private static Map<String, Double> mergedWithout(Map<String, Double> all, String dimension) {
        Map<String, Double> expected = new TreeMap<>();
        all.forEach((k, v) -> {
            String[] parts = k.split("\\|");
            List<String> tags = new ArrayList<>(List.of(parts[1].split(",")));
            tags.removeIf(t -> t.startsWith(dimension + ":"));
            String mk = parts[0] + "|" + String.join(",", tags) + "|" + parts[2];
            if (parts[0].endsWith(".min")) expected.merge(mk, v, Math::min);
            else if (parts[0].endsWith(".max")) expected.merge(mk, v, Math::max);
            else if (!parts[0].contains(".per_request.")) expected.merge(mk, v, Double::sum);
        });
        return expected;
    }

    @Test
    void leavingIpOutMergesItsGroupsExactly() throws Exception {
        // eni-x's address is decided per payload: 10.0.0.5 in the first, 10.0.0.6 (a secondary address) in the second
        Path input = tmp.resolve("two-addresses.b64");
        java.nio.file.Files.write(
                input,
                List.of(payload("10.0.0.5", T + 1, 100, T + 2, 300), payload("10.0.0.6", T + 3, 200, T + 4, 400)));
        String[] flags = {"--source", "file", "--input", input.toString()};
        Map<String, Double> all = run("default", flags);
        String[] x = {
            "interface_id:eni-x",
            "action:ACCEPT",
            "protocol:tcp",
            "direction:inbound",
            "aws_account:123456789012",
            "region:eu-west-1"
        };
        assertThat(all)
                .containsEntry(key("bytes.total", T, cat(x, "ip:10.0.0.5")), 400.0)
                .containsEntry(key("bytes.total", T, cat(x, "ip:10.0.0.6")), 600.0);

        Map<String, Double> merged = run("no-ip", cat(flags, "--dimensions", "protocol,direction,aws_account,region"));
        mergedWithout(all, "ip").forEach((k, v) -> assertThat(merged).as(k).containsEntry(k, v));
        assertThat(merged)
                .containsEntry(key("bytes.total", T, x), 1000.0)
                .containsEntry(key("action", T, x), 4.0)
                // the percentiles come from the merged values 100, 200, 300, 400: nearest-rank median = 200
                .containsEntry(key("bytes.per_request.median", T, x), 200.0)
                .containsEntry(key("bytes.per_request.p90", T, x), 400.0);
        assertThat(merged.keySet()).noneMatch(k -> k.contains("ip:"));

        // the same holds for any dimension left out, e.g. protocol on the shipped sample
        String[] sample = {"--source", "file", "--input", "src/test/resources/sample/payloads.b64"};
        Map<String, Double> sampleAll = run("sample", sample);
        Map<String, Double> noProtocol =
                run("no-protocol", cat(sample, "--dimensions", "ip,direction,aws_account,region"));
        Map<String, Double> expected = mergedWithout(sampleAll, "protocol");
        expected.forEach((k, v) -> assertThat(noProtocol).as(k).containsEntry(k, v));
        assertThat(only(noProtocol, "action"))
                .hasSizeLessThan(only(sampleAll, "action").size());
    }

    /** A payload of eni-x with two inbound TCP records to {@code ip} (so ip is its address) of the given bytes. */
    private static String payload(String ip, long start1, long bytes1, long start2, long bytes2) {
        List<String> lines = List.of(
                "2 123456789012 eni-x 172.31.0.1 " + ip + " 50000 443 6 1 " + bytes1 + " " + start1 + " " + (start1 + 1)
                        + " ACCEPT OK",
                "2 123456789012 eni-x 172.31.0.2 " + ip + " 50001 443 6 1 " + bytes2 + " " + start2 + " " + (start2 + 1)
                        + " ACCEPT OK");
        return java.util.Base64.getEncoder()
                .encodeToString(com.vpcflow.monitoring.testing.TestPayloads.payloadBytes("123456789012", lines));
    }

    @Test
    void chosenPerRequestStatsOnly() throws Exception {
        Map<String, Double> p = run(
                "stats",
                "--source",
                "file",
                "--input",
                "src/test/resources/sample/payloads.b64",
                "--per-request-stats",
                "median,max,avg");
        // eni-0b2: 20 UDP records with packets 1..20 in one group: nearest-rank median = the 10th = 10, avg = 10.5
        Map<String, Double> b2 = new TreeMap<>();
        p.forEach((k, v) -> {
            if (k.startsWith("aws.vpc.flowlogs.packets.per_request.") && k.contains("interface_id:eni-0b2")) {
                b2.put(k.substring("aws.vpc.flowlogs.packets.per_request.".length(), k.indexOf('|')), v);
            }
        });
        assertThat(b2).containsExactlyInAnyOrderEntriesOf(Map.of("median", 10.0, "max", 20.0, "avg", 10.5));
        assertThat(p.keySet()).noneMatch(k -> k.contains(".per_request.min|") || k.contains(".per_request.p9"));
        assertThat(run(
                                "none",
                                "--source",
                                "file",
                                "--input",
                                "src/test/resources/sample/payloads.b64",
                                "--per-request-stats",
                                "none")
                        .keySet())
                .noneMatch(k -> k.contains(".per_request."));
    }

    @Test
    void maxGroupsPerKeyFoldsTheSmallestDeterministicallyWithExactTotals() throws Exception {
        Map<String, Double> p =
                v5("fold", "--dimensions", "vpc_id,subnet_id,flow_direction", "--max-groups-per-key", "2");
        String[] a = {"interface_id:eni-a", "action:ACCEPT"};
        // ACCEPT has 4 groups: 3000 (subnet-a, ingress) and 1000 (subnet-a, egress) stay; 500 + 200 are folded
        assertThat(only(p, "bytes.total"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        key("bytes.total", T, cat(a, "vpc_id:vpc-1", "subnet_id:subnet-a", "flow_direction:ingress")),
                                3000.0,
                        key("bytes.total", T, cat(a, "vpc_id:vpc-1", "subnet_id:subnet-a", "flow_direction:egress")),
                                1000.0,
                        key("bytes.total", T, cat(a, "vpc_id:other", "subnet_id:other", "flow_direction:other")), 700.0,
                        key(
                                        "bytes.total",
                                        T,
                                        "interface_id:eni-a",
                                        "action:REJECT",
                                        "vpc_id:vpc-1",
                                        "subnet_id:subnet-a",
                                        "flow_direction:ingress"),
                                100.0));
        assertThat(p)
                .containsEntry(
                        key("action", T, cat(a, "vpc_id:other", "subnet_id:other", "flow_direction:other")), 2.0);
        assertThat(p)
                .containsEntry(
                        key("packets.total", T, cat(a, "vpc_id:other", "subnet_id:other", "flow_direction:other")),
                        7.0);
        assertThat(only(p, "groups_folded")).containsExactlyEntriesOf(Map.of(key("groups_folded", T, a), 2.0));
        // the folded group's distribution is the merge of both: min 200, max 500
        assertThat(p)
                .containsEntry(
                        key(
                                "bytes.per_request.min",
                                T,
                                cat(a, "vpc_id:other", "subnet_id:other", "flow_direction:other")),
                        200.0);
        assertThat(p)
                .containsEntry(
                        key(
                                "bytes.per_request.max",
                                T,
                                cat(a, "vpc_id:other", "subnet_id:other", "flow_direction:other")),
                        500.0);
    }

    @Test
    void topPeersAreExactWhileThereAreNoMorePeersThanCapacity() throws Exception {
        Map<String, Double> p = v5("peers", "--top-peers", "3");
        String[] a = {"interface_id:eni-a", "action:ACCEPT", "aws_account:111111111111", "region:eu-west-1"};
        // peers by flow-direction: 10.0.9.1 inbound (lines 2, 5), 10.0.9.1 outbound (line 1), 10.0.9.2 inbound (3)
        assertThat(only(p, "top_peers.bytes"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        key("top_peers.bytes", T, cat(a, "peer_ip:10.0.9.1", "direction:inbound")), 3200.0,
                        key("top_peers.bytes", T, cat(a, "peer_ip:10.0.9.1", "direction:outbound")), 1000.0,
                        key("top_peers.bytes", T, cat(a, "peer_ip:10.0.9.2", "direction:inbound")), 500.0,
                        key(
                                        "top_peers.bytes",
                                        T,
                                        "interface_id:eni-a",
                                        "action:REJECT",
                                        "aws_account:111111111111",
                                        "region:eu-west-1",
                                        "peer_ip:10.0.9.3",
                                        "direction:inbound"),
                                100.0));
        assertThat(p).containsEntry(key("top_peers.packets", T, cat(a, "peer_ip:10.0.9.1", "direction:inbound")), 22.0);
        assertThat(p).containsEntry(key("top_peers.records", T, cat(a, "peer_ip:10.0.9.1", "direction:inbound")), 2.0);
        // --top-peers 1: the heaviest only
        assertThat(only(v5("peer1", "--top-peers", "1"), "top_peers.bytes"))
                .containsOnlyKeys(
                        key("top_peers.bytes", T, cat(a, "peer_ip:10.0.9.1", "direction:inbound")),
                        key(
                                "top_peers.bytes",
                                T,
                                "interface_id:eni-a",
                                "action:REJECT",
                                "aws_account:111111111111",
                                "region:eu-west-1",
                                "peer_ip:10.0.9.3",
                                "direction:inbound"));
    }

    static String[] cat(String[] a, String... more) {
        String[] all = new String[a.length + more.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(more, 0, all, a.length, more.length);
        return all;
    }
}
