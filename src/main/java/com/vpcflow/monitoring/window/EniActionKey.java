package com.vpcflow.monitoring.window;

import com.vpcflow.monitoring.flowlog.FlowRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;

/** Windows are keyed by (interface-id, action). */
public final class EniActionKey implements KeySelector<FlowRecord, Tuple2<String, String>> {
    private static final long serialVersionUID = 1L;
    public static final TypeInformation<Tuple2<String, String>> TYPE = Types.TUPLE(Types.STRING, Types.STRING);

    @Override
    public Tuple2<String, String> getKey(FlowRecord r) {
        return Tuple2.of(r.interfaceId, r.action);
    }
}
