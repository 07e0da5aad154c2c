package com.vpcflow.monitoring.pipeline;

import com.vpcflow.monitoring.metrics.MetricSeries;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Type information for the series between the windows and the sinks: {@link MetricSeriesSerializer}, not the POJO one. */
public final class MetricSeriesTypeInfo extends TypeInformation<MetricSeries> {
    private static final long serialVersionUID = 1L;
    public static final MetricSeriesTypeInfo INSTANCE = new MetricSeriesTypeInfo();

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
    public Class<MetricSeries> getTypeClass() {
        return MetricSeries.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<MetricSeries> createSerializer(SerializerConfig config) {
        return MetricSeriesSerializer.INSTANCE;
    }

    @Override
    @SuppressWarnings("deprecation")
    public TypeSerializer<MetricSeries> createSerializer(ExecutionConfig config) {
        return MetricSeriesSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "MetricSeries (own serializer)";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof MetricSeriesTypeInfo;
    }

    @Override
    public int hashCode() {
        return MetricSeriesTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof MetricSeriesTypeInfo;
    }
}
