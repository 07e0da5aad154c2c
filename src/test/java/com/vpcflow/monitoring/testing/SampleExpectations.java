package com.vpcflow.monitoring.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.vpcflow.monitoring.metrics.MetricSeries;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Expected points of the shipped sample ({@code src/test/resources/sample/payloads.jsonl}), worked out by hand, keyed
 * by (metric|sorted tags|timestamp). Also builds the eni-0b2 payload for other ENIs and minutes.
 */
public final class SampleExpectations {
    public static final long T = 1699999980L; // start of the sample's first minute
    private static final String[] STATS = {"min", "median", "p90", "p95", "p99", "max"};

    private final Map<String, Double> expected = new TreeMap<>();
    private final String region;
    private final List<String> extraTags;

    public SampleExpectations(String region, String... extraTags) {
        this.region = region;
        this.extraTags = List.of(extraTags);
    }

    public Map<String, Double> points() {
        return expected;
    }

    private String tags(String... kv) {
        TreeSet<String> sorted = new TreeSet<>(List.of(kv));
        sorted.addAll(extraTags);
        sorted.add("region:" + region);
        return String.join(",", sorted);
    }

    private void point(String metric, String tags, long ts, double value) {
        expected.put("aws.vpc.flowlogs." + metric + "|" + tags + "|" + ts, value);
    }

    /** The series of one group that carries traffic; d/p/b are (min, median, p90, p95, p99, max). */
    private void traffic(
            String tags, long ts, int requests, long packets, long bytes, double[] d, double[] p, double[] b) {
        point("action", tags, ts, requests);
        point("log_status", tags + ",status:OK", ts, requests);
        point("packets.total", tags, ts, packets);
        point("bytes.total", tags, ts, bytes);
        for (int i = 0; i < 6; i++) {
            point("duration.per_request." + STATS[i], tags, ts, d[i]);
            point("packets.per_request." + STATS[i], tags, ts, p[i]);
            point("bytes.per_request." + STATS[i], tags, ts, b[i]);
        }
    }

    private static double[] all(double v) {
        return new double[] {v, v, v, v, v, v};
    }

    /** The first payload: eni-0a1, its records in minutes T and T+60. */
    public SampleExpectations eniA() {
        String eni = "interface_id:eni-0a1", account = "aws_account:111122223333", ip = "ip:10.0.0.5";
        // ACCEPT, first minute: tcp inbound = lines 2, 3 and 11 (line 11's '-' packets/bytes are left out)
        traffic(
                tags(eni, account, ip, "action:ACCEPT", "protocol:tcp", "direction:inbound"),
                T,
                3,
                50,
                9000,
                new double[] {1, 10, 60, 60, 60, 60},
                new double[] {20, 20, 30, 30, 30, 30},
                new double[] {3000, 3000, 6000, 6000, 6000, 6000});
        traffic(
                tags(eni, account, ip, "action:ACCEPT", "protocol:tcp", "direction:outbound"),
                T,
                1,
                10,
                1000,
                all(30),
                all(10),
                all(1000));
        traffic(
                tags(eni, account, ip, "action:ACCEPT", "protocol:udp", "direction:outbound"),
                T,
                1,
                2,
                150,
                all(1),
                all(2),
                all(150));
        traffic(
                tags(eni, account, ip, "action:REJECT", "protocol:tcp", "direction:inbound"),
                T,
                1,
                4,
                240,
                all(1),
                all(4),
                all(240));
        // NODATA counts only in log_status, with no direction
        point("log_status", tags(eni, account, ip, "action:-", "protocol:-") + ",status:NODATA", T, 1);
        traffic(
                tags(eni, account, ip, "action:ACCEPT", "protocol:tcp", "direction:inbound"),
                T + 60,
                1,
                40,
                8000,
                all(25),
                all(40),
                all(8000));
        return this;
    }

    /** The second payload (or {@link #payloadB} for another ENI and minute): 20 udp inbound records and a SKIPDATA. */
    public SampleExpectations eniB(String eniId, long shiftSeconds) {
        String eni = "interface_id:" + eniId, account = "aws_account:444455556666", ip = "ip:2001:db8::10";
        // i = 1..20: packets i, bytes 100*i, duration i%7 -> sorted durations 0,0,1,1,1,2,2,2,3,3,3,4,4,4,5,5,5,6,6,6;
        // nearest ranks of 20 values: median 10th, p90 18th, p95 19th, p99 20th
        traffic(
                tags(eni, account, ip, "action:ACCEPT", "protocol:udp", "direction:inbound"),
                T + shiftSeconds,
                20,
                210,
                21000,
                new double[] {0, 3, 6, 6, 6, 6},
                new double[] {1, 10, 18, 19, 20, 20},
                new double[] {100, 1000, 1800, 1900, 2000, 2000});
        point("log_status", tags(eni, account, ip, "action:-", "protocol:-") + ",status:SKIPDATA", T + shiftSeconds, 1);
        return this;
    }

    /** The lines of the sample's second payload, for another ENI and shifted by whole minutes. */
    public static List<String> payloadB(String eniId, long shiftSeconds) {
        List<String> lines = new ArrayList<>();
        long t = T + shiftSeconds;
        for (int i = 1; i <= 20; i++) {
            lines.add("2 444455556666 " + eniId + " 2001:db8::1:" + Integer.toHexString(i) + " 2001:db8::10 "
                    + (40000 + i) + " 53 17 " + i + " " + (100 * i) + " " + (t + i) + " " + (t + i + i % 7)
                    + " ACCEPT OK");
        }
        lines.add("2 444455556666 " + eniId + " - - - - - - - " + (t + 50) + " " + (t + 110) + " - SKIPDATA");
        return lines;
    }

    /**
     * Checks the flow points (skip counts aside, returned summed per metric and tags): each written once, the same
     * keys as expected, counts/sums/min/max exact and percentiles within 1%.
     */
    public Map<String, Double> assertMatches(List<MetricSeries> points) {
        Map<String, Double> flow = new TreeMap<>();
        Map<String, Double> skipped = new HashMap<>();
        for (MetricSeries s : points) {
            if (s.metric.endsWith("unsupported_message") || s.metric.endsWith("late_records")) {
                skipped.merge(s.metric + "|" + String.join(",", s.tags), s.value, Double::sum);
                continue;
            }
            assertThat(flow.put(s.pointKey(), s.value))
                    .as("point written twice: %s", s.pointKey())
                    .isNull();
            assertThat(s.type).isEqualTo(s.metric.contains("per_request") ? MetricSeries.GAUGE : MetricSeries.COUNT);
        }
        assertThat(flow.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((key, value) -> {
            if (key.matches(".*per_request\\.(median|p9\\d)\\|.*")) {
                assertThat(flow.get(key)).as(key).isCloseTo(value, within(value * 0.01));
            } else {
                assertThat(flow.get(key)).as(key).isEqualTo(value);
            }
        });
        return skipped;
    }
}
