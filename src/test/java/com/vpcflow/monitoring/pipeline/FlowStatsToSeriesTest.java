package com.vpcflow.monitoring.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.vpcflow.monitoring.flowlog.FlowRecord;
import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.stats.FlowStats;
import com.vpcflow.monitoring.stats.FlowStatsSerializerTest;
import com.vpcflow.monitoring.testing.TestGrouping;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FlowStatsToSeriesTest {

    private static FlowRecord traffic(int protocol, String direction, long packets, long bytes, long start, long end) {
        FlowRecord r = new FlowRecord();
        r.interfaceId = "eni-1";
        r.action = "ACCEPT";
        r.logStatus = "OK";
        r.accountId = "123456789012";
        r.region = "us-east-1";
        r.ip = "10.0.0.5";
        r.direction = direction;
        r.protocol = protocol;
        r.packets = packets;
        r.bytes = bytes;
        r.start = start;
        r.end = end;
        return r;
    }

    private static List<MetricSeries> emit(FlowStats stats) {
        List<MetricSeries> out = new ArrayList<>();
        new FlowStatsToSeries(60, List.of("env:test")).emit("eni-1", "ACCEPT", 1_700_000_040L, stats, out::add);
        return out;
    }

    @Test
    void oneGroupGivesTheWholeMetricContract() {
        FlowStats stats = new FlowStats();
        stats.add(traffic(6, "inbound", 10, 1000, 100, 130), TestGrouping.DEFAULT);
        stats.add(traffic(6, "inbound", 30, 2000, 100, 110), TestGrouping.DEFAULT);
        FlowRecord noCounts = traffic(6, "inbound", -1, -1, 100, 101);
        stats.add(noCounts, TestGrouping.DEFAULT);
        Map<String, MetricSeries> byMetric = emit(stats).stream()
                .filter(s -> !s.metric.equals("aws.vpc.flowlogs.log_status"))
                .collect(Collectors.toMap(s -> s.metric, s -> s));
        String[] tags = {
            "action:ACCEPT",
            "aws_account:123456789012",
            "direction:inbound",
            "env:test",
            "interface_id:eni-1",
            "ip:10.0.0.5",
            "protocol:tcp",
            "region:us-east-1"
        };
        assertThat(byMetric.get("aws.vpc.flowlogs.action"))
                .isEqualTo(
                        new MetricSeries("aws.vpc.flowlogs.action", MetricSeries.COUNT, 60, tags, 1_700_000_040L, 3));
        assertThat(byMetric.get("aws.vpc.flowlogs.packets.total").value).isEqualTo(40); // '-' is not 0
        assertThat(byMetric.get("aws.vpc.flowlogs.bytes.total").value).isEqualTo(3000);
        assertThat(byMetric.get("aws.vpc.flowlogs.packets.per_request.min").value)
                .isEqualTo(10);
        assertThat(byMetric.get("aws.vpc.flowlogs.packets.per_request.max").value)
                .isEqualTo(30);
        assertThat(byMetric.get("aws.vpc.flowlogs.duration.per_request.min").value)
                .isEqualTo(1);
        assertThat(byMetric.get("aws.vpc.flowlogs.duration.per_request.max").value)
                .isEqualTo(30);
        assertThat(byMetric.get("aws.vpc.flowlogs.duration.per_request.median").type)
                .isEqualTo(MetricSeries.GAUGE);
        assertThat(byMetric.get("aws.vpc.flowlogs.duration.per_request.median").interval)
                .isZero();
        assertThat(byMetric).hasSize(4 - 1 + 18); // action, packets.total, bytes.total + 3 x 6 gauges
        assertThat(byMetric.values()).allSatisfy(s -> assertThat(s.tags).isEqualTo(tags));
    }

    @Test
    void logStatusCarriesTheStatusTagAndNoDataCountsOnlyThere() {
        FlowStats stats = new FlowStats();
        FlowRecord nodata = new FlowRecord();
        nodata.interfaceId = "eni-1";
        nodata.action = "-";
        nodata.logStatus = "NODATA";
        nodata.accountId = "1";
        nodata.region = "r";
        nodata.ip = "unknown";
        nodata.start = 5;
        nodata.end = 65;
        stats.add(nodata, TestGrouping.DEFAULT);
        List<MetricSeries> out = emit(stats);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).metric).isEqualTo("aws.vpc.flowlogs.log_status");
        assertThat(out.get(0).tags)
                .containsExactly(
                        "action:ACCEPT",
                        "aws_account:1",
                        "env:test",
                        "interface_id:eni-1",
                        "ip:unknown",
                        "protocol:-",
                        "region:r",
                        "status:NODATA");
        assertThat(out.get(0).value).isEqualTo(1);
    }

    @Test
    void noTwoPointsShareMetricTagsAndTimestamp() {
        FlowStats stats = FlowStatsSerializerTest.randomStats(3, 5000);
        // more groups: other accounts, regions and protocols
        for (int i = 0; i < 200; i++) {
            FlowRecord r = traffic(i % 5 == 0 ? -1 : i % 7, i % 3 == 0 ? null : "outbound", i, i * 10L, 0, i % 50);
            r.accountId = "acct-" + (i % 4);
            r.region = "region-" + (i % 2);
            r.logStatus = i % 11 == 0 ? "SKIPDATA" : "OK";
            stats.add(r, TestGrouping.DEFAULT);
        }
        List<MetricSeries> out = emit(stats);
        Set<String> keys = new HashSet<>();
        for (MetricSeries s : out) {
            assertThat(keys.add(s.pointKey()))
                    .as("duplicate point %s", s.pointKey())
                    .isTrue();
            assertThat(s.tags).isSorted();
        }
        assertThat(out.size()).isGreaterThan(100);
    }

    /**
     * Folding ranks by bytes, then records, then the sorted tag string: with every group equal, the kept ones are the
     * first tag strings, whatever order the groups were merged in (a replay merges batches in another order).
     */
    @Test
    void foldingIsDeterministicWhenGroupsTie() {
        int[] protocols = {17, 6, 1, 58, 47};
        List<List<String>> outputs = new ArrayList<>();
        for (int[] order : List.of(new int[] {0, 1, 2, 3, 4}, new int[] {4, 3, 2, 1, 0}, new int[] {2, 0, 4, 1, 3})) {
            FlowStats stats = new FlowStats();
            for (int i : order) {
                FlowStats batch = new FlowStats();
                batch.add(traffic(protocols[i], "inbound", 1, 100, 100, 101), TestGrouping.DEFAULT);
                stats.merge(batch);
            }
            List<MetricSeries> out = new ArrayList<>();
            new FlowStatsToSeries(60, List.of(), com.vpcflow.monitoring.metrics.PerRequestStat.DEFAULT, 2, 0)
                    .emit("eni-1", "ACCEPT", 1_700_000_040L, stats, out::add);
            outputs.add(out.stream()
                    .filter(m -> m.metric.equals("aws.vpc.flowlogs.bytes.total"))
                    .map(m -> String.join(",", m.tags) + "=" + m.value)
                    .sorted()
                    .toList());
        }
        // protocol tags sort as gre, icmp, ipv6-icmp, tcp, udp: gre and icmp stay, three are folded (300 bytes)
        assertThat(outputs.get(0))
                .containsExactly(
                        "action:ACCEPT,aws_account:123456789012,direction:inbound,interface_id:eni-1,ip:10.0.0.5,protocol:gre,"
                                + "region:us-east-1=100.0",
                        "action:ACCEPT,aws_account:123456789012,direction:inbound,interface_id:eni-1,ip:10.0.0.5,protocol:icmp,"
                                + "region:us-east-1=100.0",
                        "action:ACCEPT,aws_account:other,direction:other,interface_id:eni-1,ip:other,protocol:other,"
                                + "region:other=300.0");
        assertThat(outputs.get(1)).isEqualTo(outputs.get(0));
        assertThat(outputs.get(2)).isEqualTo(outputs.get(0));
    }
}
