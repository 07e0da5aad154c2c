package com.vpcflow.monitoring.pipeline;

import com.vpcflow.monitoring.stats.FlowStats;
import com.vpcflow.monitoring.stats.SerializerTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * The records of one payload that fall into one (ENI, action, window), already folded into a {@link FlowStats}.
 * Pre-aggregating per payload before the keyBy means window state is read and written once per batch instead of once
 * per record: what makes RocksDB (MSF's state backend) affordable. On the wire as {@link FlowBatchSerializer} writes
 * it; one read off the wire keeps its stats encoded until {@link #stats()} is first called.
 */
@TypeInfo(FlowBatch.TypeInfoFactory.class)
public class FlowBatch {
    public String interfaceId;
    public String action;
    /** The latest {@code start} (epoch seconds) among the records: the batch's event time, inside its window. */
    public long start;
    /** How many flow records the batch holds (for the late-records count). */
    public int records;

    private FlowStats stats;
    /** The stats as {@link FlowBatchSerializer} read them off the wire, until {@link #stats()} decodes them. */
    byte[] encodedStats;

    public FlowBatch() {}

    public FlowBatch(String interfaceId, String action) {
        this.interfaceId = interfaceId;
        this.action = action;
        this.stats = new FlowStats();
    }

    /** The batch's stats, decoded on the first call when the batch came off the wire; null in a batch made empty. */
    public FlowStats stats() {
        if (encodedStats != null) {
            stats = FlowBatchSerializer.decode(encodedStats);
            encodedStats = null;
        }
        return stats;
    }

    void setStats(FlowStats stats) {
        this.stats = stats;
        this.encodedStats = null;
    }

    /** The batch's event time: its latest start, in epoch milliseconds. */
    public long eventTimeMillis() {
        return start * 1000;
    }

    @Override
    public String toString() {
        return "FlowBatch{" + interfaceId + ' ' + action + " start=" + start + " records=" + records + '}';
    }

    /** Makes Flink use {@link FlowBatchSerializer} wherever a {@link FlowBatch} appears. */
    public static final class TypeInfoFactory extends org.apache.flink.api.common.typeinfo.TypeInfoFactory<FlowBatch> {
        @Override
        public TypeInformation<FlowBatch> createTypeInfo(
                java.lang.reflect.Type t, java.util.Map<String, TypeInformation<?>> genericParameters) {
            return TYPE;
        }
    }

    /** The batches' type: {@link FlowBatchSerializer}, not the POJO one. */
    public static final TypeInformation<FlowBatch> TYPE =
            new SerializerTypeInfo<>(FlowBatch.class, new FlowBatchSerializer());
}
