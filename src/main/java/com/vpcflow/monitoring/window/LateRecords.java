package com.vpcflow.monitoring.window;

import com.vpcflow.monitoring.LogSampler;
import com.vpcflow.monitoring.ProgressCounter;
import com.vpcflow.monitoring.metrics.Diagnostic;
import com.vpcflow.monitoring.metrics.MetricNames;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts and logs (sampled) the records whose window had already closed, and makes each a Datadog count. */
public final class LateRecords extends RichMapFunction<FlowBatch, Diagnostic> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LateRecords.class);
    public static final OutputTag<FlowBatch> TAG = new OutputTag<>("late-records") {};
    /** The {@code reason} tag: the record came after window end + allowed lateness. */
    public static final String REASON = "window_closed";

    private transient Counter late;
    private transient LogSampler sampler;

    @Override
    public void open(Configuration parameters) {
        late = getRuntimeContext().getMetricGroup().counter("lateRecords", new ProgressCounter(ProgressCounter.Kind.LATE_RECORDS));
        sampler = new LogSampler(10_000);
    }

    @Override
    public Diagnostic map(FlowBatch b) {
        late.inc(b.records);
        long suppressed = sampler.admit(REASON, System.currentTimeMillis());
        if (suppressed >= 0) {
            LOG.warn("Late flow records (their window had closed): {} ({} more batches not logged)", b, suppressed);
        }
        return new Diagnostic(MetricNames.LATE_RECORDS, REASON, b.records);
    }
}
