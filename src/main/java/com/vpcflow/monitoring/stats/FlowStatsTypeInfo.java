package com.vpcflow.monitoring.stats;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Type information for the window accumulator, so Flink uses {@link FlowStatsSerializer} and never Kryo. */
public final class FlowStatsTypeInfo extends TypeInformation<FlowStats> {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<FlowStats> getTypeClass() {
        return FlowStats.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<FlowStats> createSerializer(SerializerConfig config) {
        return FlowStatsSerializer.INSTANCE;
    }

    @Override
    @SuppressWarnings("deprecation")
    public TypeSerializer<FlowStats> createSerializer(ExecutionConfig config) {
        return FlowStatsSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "FlowStats";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof FlowStatsTypeInfo;
    }

    @Override
    public int hashCode() {
        return FlowStatsTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof FlowStatsTypeInfo;
    }
}
