package com.vpcflow.monitoring.pipeline;

import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.metrics.SkipCount;
import com.vpcflow.monitoring.metrics.Tags;
import java.util.List;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns skipped-input counts, keyed by (metric, reason), into Datadog counts: one point per processing-time bucket
 * of {@code bucketSeconds}, holding the bucket's total and stamped with its start. Skips have no trustworthy event
 * time (a bad payload has none; a late record's is too old for Datadog), hence processing time. The open bucket is
 * also emitted when the input ends. State per key: one open bucket (three values) and its two timers, cleared when
 * the bucket is emitted; keys are bounded by the reasons ({@code SkipReason}).
 */
public final class SkipCounts extends KeyedProcessFunction<String, SkipCount, MetricSeries> {
    private static final long serialVersionUID = 1L;
    /** The event-time timer that fires when the input ends (the final watermark). */
    private static final long END_OF_INPUT = Long.MAX_VALUE;

    private final long bucketMillis;
    private final String region;
    private final List<String> extraTags;

    private transient ValueState<Long> bucket;
    private transient ValueState<Long> count;
    private transient ValueState<String> reason;

    public SkipCounts(long bucketSeconds, String region, List<String> extraTags) {
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
    public void processElement(SkipCount skipped, Context ctx, Collector<MetricSeries> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        long b = now - Math.floorMod(now, bucketMillis);
        Long open = bucket.value();
        if (open != null && open != b) {
            emit(ctx.getCurrentKey(), ctx.timerService(), out);
        }
        if (bucket.value() == null) {
            bucket.update(b);
            count.update(0L);
            reason.update(skipped.reason);
            ctx.timerService().registerProcessingTimeTimer(b + bucketMillis);
            ctx.timerService().registerEventTimeTimer(END_OF_INPUT);
        }
        count.update(count.value() + skipped.count);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MetricSeries> out) throws Exception {
        emit(ctx.getCurrentKey(), ctx.timerService(), out);
    }

    private void emit(String key, TimerService timers, Collector<MetricSeries> out) throws Exception {
        Long b = bucket.value();
        if (b == null) return;
        String metric = key.substring(0, key.indexOf('|'));
        String[] tags = new Tags(2 + extraTags.size())
                .add("reason", reason.value())
                .add("region", region)
                .addAll(extraTags)
                .sorted();
        out.collect(new MetricSeries(metric, MetricSeries.COUNT, bucketMillis / 1000, tags, b / 1000, count.value()));
        // Deleting a timer that already fired (the one being handled) is a no-op.
        timers.deleteProcessingTimeTimer(b + bucketMillis);
        timers.deleteEventTimeTimer(END_OF_INPUT);
        bucket.clear();
        count.clear();
        reason.clear();
    }
}
