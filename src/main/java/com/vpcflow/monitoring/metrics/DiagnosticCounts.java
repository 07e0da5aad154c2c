package com.vpcflow.monitoring.metrics;

import java.util.List;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns skipped-input events, keyed by (metric, reason), into Datadog counts: one point per processing-time bucket
 * of {@code bucketSeconds}, holding the bucket's total and stamped with its start. Skips have no trustworthy event
 * time (a bad payload has none; a late record's is too old for Datadog), hence processing time. The open bucket is
 * also emitted when the input ends.
 */
public final class DiagnosticCounts extends KeyedProcessFunction<String, Diagnostic, MetricSeries> {
    private static final long serialVersionUID = 1L;

    private final long bucketMillis;
    private final String region;
    private final List<String> extraTags;

    private transient ValueState<Long> bucket;
    private transient ValueState<Long> count;
    private transient ValueState<String> reason;

    public DiagnosticCounts(long bucketSeconds, String region, List<String> extraTags) {
        this.bucketMillis = bucketSeconds * 1000;
        this.region = region;
        this.extraTags = List.copyOf(extraTags);
    }

    @Override
    public void open(Configuration parameters) {
        bucket = getRuntimeContext().getState(new ValueStateDescriptor<>("bucket", Types.LONG));
        count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
        reason = getRuntimeContext().getState(new ValueStateDescriptor<>("reason", Types.STRING));
    }

    @Override
    public void processElement(Diagnostic d, Context ctx, Collector<MetricSeries> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        long b = now - Math.floorMod(now, bucketMillis);
        Long open = bucket.value();
        if (open != null && open != b) {
            emit(ctx.getCurrentKey(), out);
        }
        if (bucket.value() == null) {
            bucket.update(b);
            count.update(0L);
            reason.update(d.reason);
            ctx.timerService().registerProcessingTimeTimer(b + bucketMillis);
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE); // end of input
        }
        count.update(count.value() + d.count);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MetricSeries> out) throws Exception {
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME && bucket.value() != null && timestamp < bucket.value() + bucketMillis) {
            return; // a timer of an earlier bucket that was already emitted
        }
        emit(ctx.getCurrentKey(), out);
    }

    private void emit(String key, Collector<MetricSeries> out) throws Exception {
        Long b = bucket.value();
        if (b == null) return;
        String metric = key.substring(0, key.indexOf('|'));
        String[] tags = new Tags(2 + extraTags.size())
                .add("reason", reason.value())
                .add("region", region)
                .addAll(extraTags)
                .sorted();
        out.collect(new MetricSeries(metric, MetricSeries.COUNT, bucketMillis / 1000, tags, b / 1000, count.value()));
        bucket.clear();
        count.clear();
        reason.clear();
    }
}
