package com.vpcflow.monitoring.stats;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Makes Flink use {@link FlowStatsSerializer} wherever a {@link FlowStats} appears, e.g. as a POJO field. */
public final class FlowStatsTypeInfoFactory extends TypeInfoFactory<FlowStats> {
    @Override
    public TypeInformation<FlowStats> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
        return new FlowStatsTypeInfo();
    }
}
