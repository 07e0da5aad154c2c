package com.vpcflow.monitoring.stats;

import com.vpcflow.monitoring.flowlog.FlowRecord;
import java.util.Map;
import java.util.TreeMap;

/** Aggregates of one {@link SeriesGroup} in one window. */
public final class GroupStats {
    /** Every record of the group, with or without traffic: a tie-breaker when groups are ranked. */
    long records;
    /** Records that carry traffic (not NODATA/SKIPDATA): the {@code action} count. */
    long requests;
    /** log-status value -> records. Sorted, so series come out in a stable order. */
    final Map<String, Long> statuses = new TreeMap<>();

    ValueDistribution duration = new ValueDistribution();
    ValueDistribution packets = new ValueDistribution();
    ValueDistribution bytes = new ValueDistribution();

    void add(FlowRecord r) {
        records++;
        if (r.logStatus != null) statuses.merge(r.logStatus, 1L, Long::sum); // null: the format has no log-status
        if (!r.carriesTraffic()) return;
        requests++;
        long d = r.duration();
        if (d >= 0) duration.add(d);
        if (r.packets >= 0) packets.add(r.packets);
        if (r.bytes >= 0) bytes.add(r.bytes);
    }

    /** Adds another group's aggregates into this one: counts and sums exactly, distributions merged. */
    public void merge(GroupStats other) {
        records += other.records;
        requests += other.requests;
        other.statuses.forEach((k, v) -> statuses.merge(k, v, Long::sum));
        duration.merge(other.duration);
        packets.merge(other.packets);
        bytes.merge(other.bytes);
    }

    public long records() {
        return records;
    }

    public long requests() {
        return requests;
    }

    public Map<String, Long> statuses() {
        return statuses;
    }

    public ValueDistribution duration() {
        return duration;
    }

    public ValueDistribution packets() {
        return packets;
    }

    public ValueDistribution bytes() {
        return bytes;
    }
}
