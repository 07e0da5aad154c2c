package com.vpcflow.monitoring.window;

import com.vpcflow.monitoring.flowlog.FlowRecord;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Incremental window aggregation: each record folds into the key's {@link FlowStats}; raw records are not kept. */
public final class FlowStatsAggregate implements AggregateFunction<FlowRecord, FlowStats, FlowStats> {
    private static final long serialVersionUID = 1L;

    @Override public FlowStats createAccumulator() { return new FlowStats(); }

    @Override
    public FlowStats add(FlowRecord record, FlowStats acc) {
        acc.add(record);
        return acc;
    }

    @Override public FlowStats getResult(FlowStats acc) { return acc; }

    @Override public FlowStats merge(FlowStats a, FlowStats b) { return a.merge(b); }
}
