package com.vpcflow.monitoring.pipeline;

import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.observability.ProgressCounter;
import com.vpcflow.monitoring.stats.FlowStats;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Adds the key and window to the aggregated {@link FlowStats} and emits its series. */
public final class WindowToSeries
        extends ProcessWindowFunction<FlowStats, MetricSeries, Tuple2<String, String>, TimeWindow> {
    private static final long serialVersionUID = 1L;

    private final FlowStatsToSeries toSeries;
    private transient Counter seriesOut;
    /** Series emitted so far; the counter gets a window's at once (its JVM-wide total is shared by every subtask). */
    private transient long emitted;

    public WindowToSeries(FlowStatsToSeries toSeries) {
        this.toSeries = toSeries;
    }

    @Override
    public void open(Configuration parameters) {
        seriesOut = getRuntimeContext()
                .getMetricGroup()
                .counter("seriesEmitted", new ProgressCounter(ProgressCounter.Kind.SERIES));
    }

    @Override
    public void process(
            Tuple2<String, String> key, Context ctx, Iterable<FlowStats> elements, Collector<MetricSeries> out) {
        long start = ctx.window().getStart() / 1000;
        long before = emitted;
        for (FlowStats stats : elements) {
            toSeries.emit(key.f0, key.f1, start, stats, s -> {
                emitted++;
                out.collect(s);
            });
        }
        seriesOut.inc(emitted - before);
    }
}
