package com.vpcflow.monitoring.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.vpcflow.monitoring.flowlog.FlowRecord;
import com.vpcflow.monitoring.stats.GroupStats;
import com.vpcflow.monitoring.stats.SeriesGroup;
import com.vpcflow.monitoring.testing.TestGrouping;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A payload's records folded into batches and groups: by value, whether or not equal values are one string (the
 * batches and groups are first looked up by the identity of their strings, which must only ever be a shortcut).
 */
class PayloadBatchesTest {
    /** A copy of the string that is not the same object: what a parser whose cache evicted the value gives. */
    private static String fresh(String s) {
        return new String(s.toCharArray());
    }

    private static FlowRecord record(String eni, String action, long start, String protocolDirection) {
        FlowRecord r = new FlowRecord();
        r.interfaceId = fresh(eni);
        r.action = fresh(action);
        r.logStatus = fresh("OK");
        r.accountId = fresh("123456789012");
        r.region = fresh("us-east-1");
        r.ip = fresh("10.0.0.5");
        r.protocol = protocolDirection.startsWith("udp") ? 17 : 6;
        r.direction = fresh(protocolDirection.endsWith("in") ? "inbound" : "outbound");
        r.srcAddr = "10.0.0.5";
        r.dstAddr = "172.31.0.1";
        r.packets = 2;
        r.bytes = 100;
        r.start = start;
        r.end = start + 10;
        return r;
    }

    /** batch "eni action window" -> group "protocol direction" -> records. */
    private static Map<String, Map<String, Long>> summary(Collection<FlowBatch> batches) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        for (FlowBatch b : batches) {
            String key = b.interfaceId + " " + b.action + " " + (b.start - b.start % 60);
            assertThat(out).as("one batch per (ENI, action, window)").doesNotContainKey(key);
            Map<String, Long> groups = new TreeMap<>();
            for (Map.Entry<SeriesGroup, GroupStats> g : b.stats().groups().entrySet()) {
                String name = g.getKey().value(0) + " " + g.getKey().value(2);
                assertThat(groups).as("one group per value").doesNotContainKey(name);
                groups.put(name, g.getValue().records());
            }
            out.put(key, groups);
        }
        return out;
    }

    @Test
    void equalValuesInDistinctStringsShareTheirBatchAndGroup() {
        List<FlowRecord> records = new ArrayList<>();
        for (int i = 0; i < 5; i++) records.add(record("eni-1", "ACCEPT", 1_700_000_040L + i, "tcp-in"));
        Collection<FlowBatch> batches = PayloadBatches.of(records, 60, TestGrouping.DEFAULT);
        assertThat(summary(batches)).isEqualTo(Map.of("eni-1 ACCEPT 1700000040", Map.of("tcp inbound", 5L)));
        assertThat(batches.iterator().next().records).isEqualTo(5);
        assertThat(batches.iterator().next().start).isEqualTo(1_700_000_044L);
    }

    @Test
    void recordsOfOneInterfaceAlternatingBetweenWindowsAndActionsGoToTheirOwnBatches() {
        List<FlowRecord> records = new ArrayList<>();
        String eni = "eni-1";
        for (int i = 0; i < 6; i++) {
            FlowRecord r = record(eni, i % 3 == 2 ? "REJECT" : "ACCEPT", 1_700_000_040L + 60 * (i % 2) + i, "tcp-in");
            r.interfaceId = eni;
            r.action = r.action.equals("ACCEPT") ? "ACCEPT" : "REJECT"; // one string per value
            records.add(r);
        }
        assertThat(summary(PayloadBatches.of(records, 60, TestGrouping.DEFAULT)))
                .isEqualTo(Map.of(
                        "eni-1 ACCEPT 1700000040", Map.of("tcp inbound", 2L), // i = 0, 4
                        "eni-1 ACCEPT 1700000100", Map.of("tcp inbound", 2L), // 1, 3
                        "eni-1 REJECT 1700000040", Map.of("tcp inbound", 1L), // 2
                        "eni-1 REJECT 1700000100", Map.of("tcp inbound", 1L))); // 5
    }

    /** Six ENIs x 2 actions x 2 windows (more batches than are looked up by identity), 4 groups each, interleaved. */
    @Test
    void moreBatchesAndGroupsThanTheRecentOnesAreEachKeptApart() {
        String[] enis = {"eni-1", "eni-2", "eni-3", "eni-4", "eni-5", "eni-6"};
        String[] actions = {"ACCEPT", "REJECT"};
        String[] groups = {"tcp-in", "tcp-out", "udp-in", "udp-out"};
        List<FlowRecord> records = new ArrayList<>();
        // the same strings for every record of a value, as the parser's cache gives them, but interleaved so that no
        // two records in a row share a batch or a group
        for (int round = 0; round < 3; round++) {
            for (String g : groups) {
                for (int w = 0; w < 2; w++) {
                    for (String a : actions) {
                        for (String e : enis) {
                            FlowRecord r = record(e, a, 1_700_000_040L + 60 * w + round, g);
                            r.interfaceId = e;
                            r.action = a;
                            records.add(r);
                        }
                    }
                }
            }
        }
        Map<String, Map<String, Long>> expected = new TreeMap<>();
        for (String e : enis) {
            for (String a : actions) {
                for (int w = 0; w < 2; w++) {
                    expected.put(
                            e + " " + a + " " + (1_700_000_040L + 60 * w),
                            Map.of("tcp inbound", 3L, "tcp outbound", 3L, "udp inbound", 3L, "udp outbound", 3L));
                }
            }
        }
        Collection<FlowBatch> batches = PayloadBatches.of(records, 60, TestGrouping.DEFAULT);
        assertThat(summary(batches)).isEqualTo(expected);
        assertThat(batches).allSatisfy(b -> assertThat(b.records).isEqualTo(12));
    }
}
