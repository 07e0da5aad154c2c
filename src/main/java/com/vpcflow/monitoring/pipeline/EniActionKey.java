package com.vpcflow.monitoring.pipeline;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;

/** Windows are keyed by (interface-id, action). */
public final class EniActionKey implements KeySelector<FlowBatch, Tuple2<String, String>> {
    private static final long serialVersionUID = 1L;
    public static final TypeInformation<Tuple2<String, String>> TYPE = Types.TUPLE(Types.STRING, Types.STRING);

    @Override
    public Tuple2<String, String> getKey(FlowBatch b) {
        return Tuple2.of(b.interfaceId, b.action);
    }
}
