package com.vpcflow.monitoring.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The remote addresses with the most bytes, in at most {@code capacity} counters whatever the number of peers: the
 * Space-Saving summary (Metwally, Agrawal, El Abbadi 2005), weighted by bytes. While no more than {@code capacity}
 * distinct peers were seen, every figure is exact. Past that, a new peer takes over the counter with the fewest
 * bytes and starts from its figures: a peer's bytes, packets and records may then be overestimated, by at most the
 * bytes ({@link Counts#error}) of the counter it took over, which is at most the total bytes / capacity; a peer with
 * more than that share is never missed. Summaries merge (pre-aggregated batches into the window): the union, summed,
 * cut back to the {@code capacity} largest.
 */
public final class TopPeers {
    /** A peer's figures. */
    public static final class Counts {
        long bytes;
        long packets;
        long records;
        /** How much of {@link #bytes} may belong to peers this counter held before (0: exact). */
        long error;

        public long bytes() {
            return bytes;
        }

        public long packets() {
            return packets;
        }

        public long records() {
            return records;
        }

        public long error() {
            return error;
        }

        Counts copy() {
            Counts c = new Counts();
            c.bytes = bytes;
            c.packets = packets;
            c.records = records;
            c.error = error;
            return c;
        }
    }

    /** Most bytes first; ties: more records, then the smaller key, so every replay ranks alike. */
    static final Comparator<Map.Entry<String, Counts>> RANK = Comparator.<Map.Entry<String, Counts>>comparingLong(
                    e -> -e.getValue().bytes)
            .thenComparingLong(e -> -e.getValue().records)
            .thenComparing(Map.Entry::getKey);

    final int capacity;
    final Map<String, Counts> counters;

    public TopPeers(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity " + capacity);
        this.capacity = capacity;
        this.counters = new HashMap<>(Math.min(capacity, 16) * 2);
    }

    /** One record of {@code peer} ({@code bytes} and {@code packets} may be -1: not given). */
    public void add(String peer, long bytes, long packets) {
        Counts c = counters.get(peer);
        if (c == null) {
            c = new Counts();
            if (counters.size() >= capacity) {
                Map.Entry<String, Counts> min = smallest();
                counters.remove(min.getKey());
                c = min.getValue(); // the newcomer inherits the evicted counter's figures, as overestimate
                c.error = c.bytes;
            }
            counters.put(peer, c);
        }
        c.bytes += Math.max(0, bytes);
        c.packets += Math.max(0, packets);
        c.records++;
    }

    /** The counter that goes first: fewest bytes, ties the last in rank order. */
    private Map.Entry<String, Counts> smallest() {
        Map.Entry<String, Counts> min = null;
        for (Map.Entry<String, Counts> e : counters.entrySet()) {
            if (min == null || RANK.compare(e, min) > 0) min = e;
        }
        return min;
    }

    public void merge(TopPeers other) {
        other.counters.forEach((peer, o) -> {
            Counts c = counters.get(peer);
            if (c == null) {
                counters.put(peer, o.copy());
            } else {
                c.bytes += o.bytes;
                c.packets += o.packets;
                c.records += o.records;
                c.error += o.error;
            }
        });
        if (counters.size() > capacity) {
            List<Map.Entry<String, Counts>> ranked = new ArrayList<>(counters.entrySet());
            ranked.sort(RANK);
            for (Map.Entry<String, Counts> e : ranked.subList(capacity, ranked.size())) counters.remove(e.getKey());
        }
    }

    /** The {@code k} peers with the most bytes, in rank order. */
    public List<Map.Entry<String, Counts>> top(int k) {
        List<Map.Entry<String, Counts>> ranked = new ArrayList<>(counters.entrySet());
        ranked.sort(RANK);
        return ranked.subList(0, Math.min(k, ranked.size()));
    }

    public int capacity() {
        return capacity;
    }

    /** Counters in use: never more than {@link #capacity()}. */
    public int size() {
        return counters.size();
    }
}
