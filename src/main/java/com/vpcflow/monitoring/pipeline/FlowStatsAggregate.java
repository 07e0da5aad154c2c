package com.vpcflow.monitoring.pipeline;

import com.vpcflow.monitoring.stats.FlowStats;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Incremental window aggregation: each payload's batch folds into the key's {@link FlowStats}; no raw records are kept. */
public final class FlowStatsAggregate implements AggregateFunction<FlowBatch, FlowStats, FlowStats> {
    private static final long serialVersionUID = 1L;

    @Override
    public FlowStats createAccumulator() {
        return new FlowStats();
    }

    @Override
    public FlowStats add(FlowBatch batch, FlowStats acc) {
        return acc.merge(batch.stats());
    }

    @Override
    public FlowStats getResult(FlowStats acc) {
        return acc;
    }

    @Override
    public FlowStats merge(FlowStats a, FlowStats b) {
        return a.merge(b);
    }
}
