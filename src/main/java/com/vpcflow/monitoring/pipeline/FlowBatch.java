package com.vpcflow.monitoring.pipeline;

import com.vpcflow.monitoring.stats.FlowStats;

/**
 * The records of one payload that fall into one (ENI, action, window), already folded into a {@link FlowStats}.
 * Pre-aggregating per payload before the keyBy means window state is read and written once per batch instead of once
 * per record: what makes RocksDB (MSF's state backend) affordable. A Flink POJO; {@link FlowStats} brings its own
 * serializer.
 */
public class FlowBatch {
    public String interfaceId;
    public String action;
    /** The latest {@code start} (epoch seconds) among the records: the batch's event time, inside its window. */
    public long start;
    /** How many flow records the batch holds (for the late-records count). */
    public int records;

    public FlowStats stats;

    public FlowBatch() {}

    public FlowBatch(String interfaceId, String action) {
        this.interfaceId = interfaceId;
        this.action = action;
        this.stats = new FlowStats();
    }

    /** The batch's event time: its latest start, in epoch milliseconds. */
    public long eventTimeMillis() {
        return start * 1000;
    }

    @Override
    public String toString() {
        return "FlowBatch{" + interfaceId + ' ' + action + " start=" + start + " records=" + records + '}';
    }
}
