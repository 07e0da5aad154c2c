package com.vpcflow.monitoring.pipeline;

import com.vpcflow.monitoring.metrics.MetricSeries;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * What the pipeline emits: the windows' series and the skip counts' series. Two streams, not their union, so that a
 * sink attached to each is chained to the operator before it and series reach the sink's writer as objects: a sink
 * behind a union has two inputs, is chained to neither, and every series crossed a (batch: blocking, on disk)
 * exchange, serialized and read back, which was a quarter of the series' cost ({@code EndToEndBenchmark}).
 */
public record SeriesStreams(DataStream<MetricSeries> windows, DataStream<MetricSeries> skips) {
    /** Both streams, windows first: one sink each, uids {@code <uid>} (windows, as before) and {@code <uid>-skips}. */
    public List<DataStream<MetricSeries>> each() {
        return List.of(windows, skips);
    }

    /** One stream of every series, for a single sink (tests, tools). */
    public DataStream<MetricSeries> union() {
        return windows.union(skips);
    }
}
