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
    /** log-status value -> records. Sorted, so series come out in a stable order. Read through {@link #statuses()}. */
    private final Map<String, Long> statuses = new TreeMap<>();
    /**
     * The records of the log-status added last, not yet in {@link #statuses}: a group's records nearly all have one
     * status (the parser gives each as one string), so a record costs an identity compare instead of a map lookup and
     * a boxed count. Flushed whenever the statuses are read or merged.
     */
    private String runStatus;

    private long runCount;

    ValueDistribution duration = new ValueDistribution();
    ValueDistribution packets = new ValueDistribution();
    ValueDistribution bytes = new ValueDistribution();

    void add(FlowRecord r) {
        records++;
        String status = r.logStatus; // null: the format has no log-status
        if (status != null) {
            if (status != runStatus) {
                flushStatusRun();
                runStatus = status;
            }
            runCount++;
        }
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
        other.statuses().forEach(this::addStatus);
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
        flushStatusRun();
        return statuses;
    }

    /** Adds {@code records} of this log-status (a restored or merged count). */
    void addStatus(String status, long records) {
        statuses.merge(status, records, Long::sum);
    }

    private void flushStatusRun() {
        if (runCount == 0) return;
        addStatus(runStatus, runCount);
        runStatus = null;
        runCount = 0;
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
