package com.vpcflow.monitoring.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.vpcflow.monitoring.flowlog.FlowRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class TopPeersTest {

    @Test
    void exactWhileThereAreNoMorePeersThanCapacity() {
        TopPeers a = new TopPeers(4);
        a.add("p1", 100, 1);
        a.add("p2", 300, 3);
        a.add("p1", 50, 2);
        TopPeers b = new TopPeers(4);
        b.add("p3", 10, 1);
        b.add("p2", 5, 1);
        a.merge(b);
        List<Map.Entry<String, TopPeers.Counts>> top = a.top(3);
        assertThat(top).extracting(Map.Entry::getKey).containsExactly("p2", "p1", "p3");
        assertThat(top.get(0).getValue().bytes()).isEqualTo(305);
        assertThat(top.get(0).getValue().packets()).isEqualTo(4);
        assertThat(top.get(0).getValue().records()).isEqualTo(2);
        assertThat(top.get(1).getValue().bytes()).isEqualTo(150);
        assertThat(top).allSatisfy(e -> assertThat(e.getValue().error()).isZero());
    }

    @Test
    void tiesRankByRecordsThenByPeer() {
        TopPeers t = new TopPeers(8);
        t.add("b", 100, 1);
        t.add("a", 100, 1);
        t.add("c", 50, 1);
        t.add("c", 50, 1);
        assertThat(t.top(3)).extracting(Map.Entry::getKey).containsExactly("c", "a", "b");
    }

    /**
     * 100,000 distinct peers in one window, folded in batches of 1,000 as payloads arrive, and one heavy peer with
     * 10% of the bytes: the summary never holds more than its capacity, the heavy peer comes first, and its figure is
     * within the documented bound (true ≤ estimate ≤ true + total / capacity).
     */
    @Test
    void boundedWhateverThePeersAndTheHeavyHitterIsFoundWithinTheBound() throws Exception {
        int capacity = 60; // 20 × --top-peers 3
        Grouping grouping = new Grouping(
                Dimensions.of(
                        Dimensions.DEFAULT,
                        com.vpcflow.monitoring.flowlog.FlowLogFormat.parse(
                                com.vpcflow.monitoring.flowlog.FlowLogFormat.DEFAULT_TEXT)),
                capacity);
        SplittableRandom rnd = new SplittableRandom(11);
        FlowStats window = new FlowStats();
        long total = 0, heavy = 0;
        int peers = 100_000;
        int maxHeld = 0;
        for (int batch = 0; batch < peers / 1000; batch++) {
            FlowStats b = new FlowStats();
            for (int i = 0; i < 1000; i++) {
                int n = batch * 1000 + i;
                long bytes = 40 + rnd.nextInt(1500);
                b.add(record("10." + (n >> 16) + "." + ((n >> 8) & 255) + "." + (n & 255), bytes), grouping);
                total += bytes;
                long heavyBytes = 85; // ~10% of all bytes
                b.add(record("192.0.2.1", heavyBytes), grouping);
                heavy += heavyBytes;
                total += heavyBytes;
            }
            window.merge(b);
            maxHeld = Math.max(maxHeld, window.peers().size());
        }
        DataOutputSerializer out = new DataOutputSerializer(1024);
        FlowStatsSerializer.INSTANCE.serialize(window, out);
        System.out.printf(
                "top peers: %d distinct peers + 1 heavy (%d of %d bytes) in one window: at most %d counters"
                        + " held (capacity %d), window state %d bytes%n",
                peers, heavy, total, maxHeld, capacity, out.length());

        assertThat(maxHeld).isLessThanOrEqualTo(capacity);
        assertThat(out.length()).isLessThan(capacity * 100 + 2_000);
        Map.Entry<String, TopPeers.Counts> first = window.peers().top(1).get(0);
        assertThat(PeerKey.parse(first.getKey()).ip()).isEqualTo("192.0.2.1");
        assertThat(first.getValue().bytes()).isBetween(heavy, heavy + total / capacity);
    }

    private static FlowRecord record(String peer, long bytes) {
        FlowRecord r = new FlowRecord();
        r.interfaceId = "eni-1";
        r.action = "ACCEPT";
        r.logStatus = "OK";
        r.accountId = "123456789012";
        r.region = "eu-west-1";
        r.protocol = 6;
        r.srcAddr = peer;
        r.dstAddr = "10.200.0.5";
        r.ip = "10.200.0.5";
        r.direction = "inbound";
        r.packets = 1;
        r.bytes = bytes;
        r.start = 1_700_000_040L;
        r.end = r.start + 1;
        return r;
    }

    @Test
    void layoutTwoRoundTripsWithDimensionsAndPeers() throws Exception {
        Grouping grouping = new Grouping(
                Dimensions.of(
                        List.of("protocol", "ip"),
                        com.vpcflow.monitoring.flowlog.FlowLogFormat.parse(
                                com.vpcflow.monitoring.flowlog.FlowLogFormat.DEFAULT_TEXT)),
                5);
        FlowStats stats = new FlowStats();
        List<String> peers = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            peers.add("172.31.0." + i);
            stats.add(record("172.31.0." + i, 100 * (i + 1)), grouping);
        }
        DataOutputSerializer out = new DataOutputSerializer(256);
        FlowStatsSerializer.INSTANCE.serialize(stats, out);
        FlowStats back = FlowStatsSerializer.INSTANCE.deserialize(
                new org.apache.flink.core.memory.DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back.dimensions()).containsExactly("protocol", "ip");
        assertThat(back.groups()).containsOnlyKeys(new SeriesGroup(new String[] {"tcp", "10.200.0.5"}));
        assertThat(back.groups().values().iterator().next().records()).isEqualTo(9);
        assertThat(back.peers().size()).isEqualTo(5);
        assertThat(describe(back.peers().top(5)))
                .isEqualTo(describe(stats.peers().top(5)));
    }

    private static List<String> describe(List<Map.Entry<String, TopPeers.Counts>> top) {
        return top.stream()
                .map(e -> e.getKey() + " " + e.getValue().bytes() + "/"
                        + e.getValue().packets() + "/" + e.getValue().records() + "/"
                        + e.getValue().error())
                .toList();
    }
}
