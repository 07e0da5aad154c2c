package com.vpcflow.monitoring.pipeline;

import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.metrics.SkipCount;
import com.vpcflow.monitoring.payload.RawPayload;
import com.vpcflow.monitoring.stats.FlowStatsTypeInfo;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * The job's data flow, from payloads to series: decode and flatMap (pre-aggregated per payload and window), event
 * time from {@code start}, batches of consecutive payloads combined ({@link BatchCombiner}), tumbling windows keyed
 * by (ENI, action), series per window, plus the counts of whatever was skipped, as two streams of series ({@link
 * SeriesStreams}). Sources and sinks are attached by the caller.
 */
public final class FlowLogPipeline {
    private FlowLogPipeline() {}

    /** {@code mode}: the one the environment runs in (BATCH or STREAMING), as the job configured it. */
    public static SeriesStreams build(
            DataStream<RawPayload> payloads, PipelineSettings settings, RuntimeExecutionMode mode) {
        // Decoding stays chained to the source: a rebalance() before it (to spread one file or shard over every
        // subtask) measured no faster on 2 cores (EndToEndBenchmark, 13%/11% of the ceiling vs 13%/17% without).
        SingleOutputStreamOperator<FlowBatch> batches = payloads.process(
                        new PayloadToFlowBatches(settings), FlowBatch.TYPE)
                .name("decode-and-parse")
                .uid("decode-and-parse");

        // Each batch holds the records of one window, stamped with their latest start: the same watermarks as
        // stamping every record.
        DataStream<FlowBatch> timed = batches.assignTimestampsAndWatermarks(
                        WatermarkStrategy.<FlowBatch>forBoundedOutOfOrderness(settings.maxOutOfOrderness())
                                .withTimestampAssigner((b, ts) -> b.eventTimeMillis())
                                .withIdleness(settings.idleTimeout()))
                .name("event-time")
                .uid("event-time");

        // Consecutive payloads' batches of one (ENI, action, window) folded into one before the exchange: the
        // exchange, the sort of a batch run and the window state see one batch per key and window at a time.
        DataStream<FlowBatch> combined = timed.transform(
                        "combine-batches", FlowBatch.TYPE, new BatchCombiner(settings.windowSizeSeconds()))
                .uid("combine-batches");

        SingleOutputStreamOperator<MetricSeries> windowSeries = windows(combined, settings);

        DataStream<SkipCount> skipped = batches.getSideOutput(PayloadToFlowBatches.SKIPPED);
        // In batch mode no record is late (sorted by key, the watermark jumps to the end once everything is read), and
        // a batch task starts only once all its inputs are done: with the windows' empty late output among them, the
        // skip counts waited for the windows, then ran alone, 17-50 ms a 20-enis run on one core of two.
        if (mode != RuntimeExecutionMode.BATCH) {
            skipped = skipped.union(windowSeries
                    .getSideOutput(LateRecords.TAG)
                    .map(new LateRecords(), TypeInformation.of(SkipCount.class))
                    .name("late-records")
                    .uid("late-records"));
        }

        DataStream<MetricSeries> skipSeries = skipped.keyBy(SkipCount::key, Types.STRING)
                .process(
                        new SkipCounts(settings.windowSizeSeconds(), settings.region(), settings.tags()),
                        MetricSeriesSerializer.TYPE)
                .name("skip-counts")
                .uid("skip-counts");

        return new SeriesStreams(windowSeries, skipSeries);
    }

    /** The window operator alone: timed batches in, series out, late batches to {@link LateRecords#TAG}. */
    static SingleOutputStreamOperator<MetricSeries> windows(DataStream<FlowBatch> timed, PipelineSettings settings) {
        return timed.keyBy(new EniActionKey(), EniActionKey.TYPE)
                .window(TumblingEventTimeWindows.of(settings.windowSize()))
                .allowedLateness(settings.allowedLateness())
                .sideOutputLateData(LateRecords.TAG)
                .aggregate(
                        new FlowStatsAggregate(),
                        new WindowToSeries(settings.series()),
                        new FlowStatsTypeInfo(),
                        new FlowStatsTypeInfo(),
                        MetricSeriesSerializer.TYPE)
                .name("flow-windows")
                .uid("flow-windows");
    }
}
