package com.vpcflow.monitoring.stats;

/** Type information for the window accumulator, so Flink uses {@link FlowStatsSerializer} and never Kryo. */
public final class FlowStatsTypeInfo extends SerializerTypeInfo<FlowStats> {
    private static final long serialVersionUID = 1L;

    public FlowStatsTypeInfo() {
        super(FlowStats.class, FlowStatsSerializer.INSTANCE);
    }
}
