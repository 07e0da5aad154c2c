package com.vpcflow.monitoring.flowlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EniAddressTest {

    private static FlowRecord record(String eni, String src, String dst) {
        FlowRecord r = new FlowRecord();
        r.interfaceId = eni;
        r.srcAddr = src;
        r.dstAddr = dst;
        return r;
    }

    @Test
    void theMostFrequentAddressIsTheEnisAndDecidesDirection() {
        List<FlowRecord> rs = List.of(
                record("eni-1", "10.0.0.5", "1.1.1.1"),
                record("eni-1", "2.2.2.2", "10.0.0.5"),
                record("eni-1", "3.3.3.3", "4.4.4.4"));
        EniAddress.resolve(rs);
        assertThat(rs).allSatisfy(r -> assertThat(r.ip).isEqualTo("10.0.0.5"));
        assertThat(rs.get(0).direction).isEqualTo("outbound");
        assertThat(rs.get(1).direction).isEqualTo("inbound");
        assertThat(rs.get(2).direction).isNull();
    }

    @Test
    void anAddressSeenOnceIsNotEnoughAndTiesGoToTheSmallestString() {
        List<FlowRecord> single = List.of(record("eni-1", "10.0.0.5", "1.1.1.1"));
        EniAddress.resolve(single);
        assertThat(single.get(0).ip).isEqualTo("unknown");
        assertThat(single.get(0).direction).isNull();

        List<FlowRecord> tie =
                List.of(record("eni-1", "10.0.0.9", "10.0.0.5"), record("eni-1", "10.0.0.5", "10.0.0.9"));
        EniAddress.resolve(tie);
        assertThat(tie.get(0).ip).isEqualTo("10.0.0.5");
        assertThat(tie.get(0).direction).isEqualTo("inbound");
    }

    @Test
    void eachEniOfAPayloadGetsItsOwnAddress() {
        List<FlowRecord> rs = new ArrayList<>(List.of(
                record("eni-a", "10.0.0.1", "9.9.9.9"),
                record("eni-a", "10.0.0.1", "8.8.8.8"),
                record("eni-b", "7.7.7.7", "10.0.0.2"),
                record("eni-b", "6.6.6.6", "10.0.0.2")));
        EniAddress.resolve(rs);
        assertThat(rs.get(0).ip).isEqualTo("10.0.0.1");
        assertThat(rs.get(2).ip).isEqualTo("10.0.0.2");
        assertThat(rs.get(2).direction).isEqualTo("inbound");
    }

    @Test
    void flowDirectionWinsWhenTheFormatHasIt() {
        FlowRecord r = record("eni-1", "10.0.0.5", "1.1.1.1");
        r.flowDirection = "ingress";
        FlowRecord s = record("eni-1", "10.0.0.5", "1.1.1.1");
        s.flowDirection = "egress";
        EniAddress.resolve(List.of(r, s));
        assertThat(r.direction).isEqualTo("inbound");
        assertThat(s.direction).isEqualTo("outbound");
    }

    /**
     * One table reused over many random payloads (several ENIs, few addresses, so counts tie; payloads of growing
     * size, so it grows) decides as the rule says, computed here the plain way with maps.
     */
    @Test
    void aReusedTableDecidesEveryPayloadByTheRule() {
        EniAddress reused = new EniAddress();
        SplittableRandom rnd = new SplittableRandom(7);
        for (int payload = 0; payload < 300; payload++) {
            List<FlowRecord> rs = new ArrayList<>();
            int n = rnd.nextInt(1 + payload * 4);
            for (int i = 0; i < n; i++) {
                // new String: equal addresses need not be the same instance
                rs.add(record(
                        "eni-" + rnd.nextInt(3),
                        rnd.nextInt(10) == 0 ? null : new String("10.0.0." + rnd.nextInt(6)),
                        new String("10.0.0." + rnd.nextInt(6))));
            }
            Map<String, String> expected = byTheRule(rs);
            reused.decide(rs);
            for (FlowRecord r : rs) {
                assertThat(r.ip).as("payload %d", payload).isEqualTo(expected.get(r.interfaceId));
                String direction = r.ip.equals(r.dstAddr) ? "inbound" : r.ip.equals(r.srcAddr) ? "outbound" : null;
                assertThat(r.direction).isEqualTo(r.ip.equals("unknown") ? null : direction);
            }
        }
    }

    /**
     * Payloads of one ENI, as nearly all are, decided by the rule whatever their shape: its own address on one side
     * of every record or of all but one, the two hosts of a single conversation in every record (a tie), records from
     * an address to itself, addresses missing, one or two records, a second ENI in the last record; equal addresses
     * as distinct strings.
     */
    @Test
    void aPayloadOfOneEniIsDecidedByTheRuleWhateverItsShape() {
        EniAddress reused = new EniAddress();
        SplittableRandom rnd = new SplittableRandom(13);
        for (int payload = 0; payload < 2000; payload++) {
            int shape = payload % 8;
            int n = shape == 7 ? 1 + rnd.nextInt(2) : rnd.nextInt(40);
            List<FlowRecord> rs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String own = new String("10.0.0.1");
                String peer =
                        switch (shape) {
                            case 1 -> new String("10.0.0." + (2 + rnd.nextInt(2))); // a few peers: ties likely
                            case 2 -> new String("10.0.0.9"); // one conversation
                            case 3 -> rnd.nextInt(4) == 0 ? own : new String("10.0.0.9"); // and to itself
                            case 4 -> rnd.nextInt(3) == 0 ? null : new String("10.0.0.9");
                            default -> new String("172.31.0." + rnd.nextInt(200));
                        };
                if (shape == 5 && i == n / 2) own = new String("10.0.0.7"); // one record without it
                boolean inbound = rnd.nextBoolean();
                String eni = shape == 6 && i == n - 1 ? "eni-other" : "eni-1";
                rs.add(record(eni, inbound ? peer : own, inbound ? own : peer));
            }
            Map<String, String> expected = byTheRule(rs);
            reused.decide(rs);
            for (FlowRecord r : rs) {
                assertThat(r.ip).as("payload %d, shape %d", payload, shape).isEqualTo(expected.get(r.interfaceId));
                String direction = r.ip.equals(r.dstAddr) ? "inbound" : r.ip.equals(r.srcAddr) ? "outbound" : null;
                assertThat(r.direction).isEqualTo(r.ip.equals("unknown") ? null : direction);
            }
        }
    }

    /** Per ENI, the address seen most often in its records, if more than once (ties: the smallest), the plain way. */
    private static Map<String, String> byTheRule(List<FlowRecord> rs) {
        Map<String, Map<String, Integer>> seen = new HashMap<>();
        for (FlowRecord r : rs) {
            Map<String, Integer> c = seen.computeIfAbsent(r.interfaceId, k -> new HashMap<>());
            if (r.srcAddr != null) c.merge(r.srcAddr, 1, Integer::sum);
            if (r.dstAddr != null) c.merge(r.dstAddr, 1, Integer::sum);
        }
        Map<String, String> expected = new HashMap<>();
        seen.forEach((eni, c) -> expected.put(
                eni,
                c.entrySet().stream()
                        .filter(e -> e.getValue() > 1)
                        .min(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                                .thenComparing(Map.Entry.comparingByKey()))
                        .map(Map.Entry::getKey)
                        .orElse("unknown")));
        return expected;
    }
}
