package com.vpcflow.monitoring.pipeline;

import com.vpcflow.monitoring.metrics.SkipCount;
import com.vpcflow.monitoring.metrics.SkipReason;
import com.vpcflow.monitoring.observability.SkipReporter;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reports the batches whose window had already closed (counted per record) and makes each a Datadog count. */
public final class LateRecords extends RichMapFunction<FlowBatch, SkipCount> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LateRecords.class);
    public static final OutputTag<FlowBatch> TAG = new OutputTag<>("late-records") {};

    private transient SkipReporter skips;

    @Override
    public void open(Configuration parameters) {
        skips = new SkipReporter(getRuntimeContext().getMetricGroup(), LOG);
    }

    @Override
    public SkipCount map(FlowBatch b) {
        return skips.skip(SkipReporter.Input.LATE_RECORDS, SkipReason.WINDOW_CLOSED, b.records, b::toString);
    }
}
