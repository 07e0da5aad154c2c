package com.vpcflow.monitoring;

import com.vpcflow.monitoring.config.JobConfig;
import com.vpcflow.monitoring.flowlog.FlowLogFormat;
import com.vpcflow.monitoring.flowlog.PayloadToFlowBatches;
import com.vpcflow.monitoring.metrics.Diagnostic;
import com.vpcflow.monitoring.metrics.DiagnosticCounts;
import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.source.RawPayload;
import com.vpcflow.monitoring.window.EniActionKey;
import com.vpcflow.monitoring.window.FlowBatch;
import com.vpcflow.monitoring.window.FlowStatsAggregate;
import com.vpcflow.monitoring.window.FlowStatsToSeries;
import com.vpcflow.monitoring.window.FlowStatsTypeInfo;
import com.vpcflow.monitoring.window.LateRecords;
import com.vpcflow.monitoring.window.WindowToSeries;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * The job's data flow, from payloads to series: decode and flatMap (pre-aggregated per payload and window), event
 * time from {@code start}, tumbling windows
 * keyed by (ENI, action), series per window, plus the counts of whatever was skipped. Sources and sinks are
 * attached by the caller.
 */
public final class FlowLogPipeline {
    private FlowLogPipeline() {}

    public static DataStream<MetricSeries> build(DataStream<RawPayload> payloads, JobConfig config) {
        FlowLogFormat format = FlowLogFormat.parse(config.logFormat());

        SingleOutputStreamOperator<FlowBatch> records = payloads
                .process(new PayloadToFlowBatches(format, config.maxPayloadBytes(), config.region(), config.windowSizeSeconds()),
                        TypeInformation.of(FlowBatch.class))
                .name("decode-and-parse").uid("decode-and-parse");

        // Each batch holds the records of one window, stamped with their latest start: the same watermarks as
        // stamping every record.
        DataStream<FlowBatch> timed = records.assignTimestampsAndWatermarks(
                WatermarkStrategy.<FlowBatch>forBoundedOutOfOrderness(config.maxOutOfOrderness())
                        .withTimestampAssigner((b, ts) -> b.start * 1000)
                        .withIdleness(config.idleTimeout()))
                .name("event-time").uid("event-time");

        SingleOutputStreamOperator<MetricSeries> windowSeries = timed
                .keyBy(new EniActionKey(), EniActionKey.TYPE)
                .window(TumblingEventTimeWindows.of(config.windowSize()))
                .allowedLateness(config.allowedLateness())
                .sideOutputLateData(LateRecords.TAG)
                .aggregate(new FlowStatsAggregate(),
                        new WindowToSeries(new FlowStatsToSeries(config.windowSizeSeconds(), config.tags())),
                        new FlowStatsTypeInfo(), new FlowStatsTypeInfo(), TypeInformation.of(MetricSeries.class))
                .name("flow-windows").uid("flow-windows");

        DataStream<Diagnostic> late = windowSeries.getSideOutput(LateRecords.TAG)
                .map(new LateRecords(), TypeInformation.of(Diagnostic.class))
                .name("late-records").uid("late-records");

        DataStream<MetricSeries> diagnosticSeries = records.getSideOutput(PayloadToFlowBatches.DIAGNOSTICS)
                .union(late)
                .keyBy(Diagnostic::key, Types.STRING)
                .process(new DiagnosticCounts(config.windowSizeSeconds(), config.region(), config.tags()),
                        TypeInformation.of(MetricSeries.class))
                .name("skip-counts").uid("skip-counts");

        return windowSeries.union(diagnosticSeries);
    }
}
