package com.vpcflow.monitoring.source;

import com.vpcflow.monitoring.payload.RawPayload;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.AssignerWithPeriodicWatermarks;
import org.apache.flink.streaming.api.functions.source.SourceFunction.SourceContext;
import org.apache.flink.streaming.connectors.kinesis.KinesisShardAssigner;
import org.apache.flink.streaming.connectors.kinesis.internals.KinesisDataFetcher;
import org.apache.flink.streaming.connectors.kinesis.internals.ShardConsumer;
import org.apache.flink.streaming.connectors.kinesis.metrics.KinesisConsumerMetricConstants;
import org.apache.flink.streaming.connectors.kinesis.model.SequenceNumber;
import org.apache.flink.streaming.connectors.kinesis.model.StreamShardHandle;
import org.apache.flink.streaming.connectors.kinesis.serialization.KinesisDeserializationSchema;
import org.apache.flink.streaming.connectors.kinesis.util.WatermarkTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The connector's fetcher, watched by a {@link SilentShardsWatch} that says so in a WARN line when it reads nothing. */
@SuppressWarnings("deprecation")
final class WatchedKinesisFetcher extends KinesisDataFetcher<RawPayload> {
    private static final Logger LOG = LoggerFactory.getLogger(WatchedKinesisFetcher.class);

    private final SilentShardsWatch watch;
    private final long silenceMillis;
    private final int subtask;

    WatchedKinesisFetcher(
            List<String> streams,
            SourceContext<RawPayload> context,
            RuntimeContext runtimeContext,
            Properties properties,
            KinesisDeserializationSchema<RawPayload> schema,
            KinesisShardAssigner assigner,
            AssignerWithPeriodicWatermarks<RawPayload> watermarks,
            WatermarkTracker watermarkTracker,
            long silenceMillis) {
        super(streams, context, runtimeContext, properties, schema, assigner, watermarks, watermarkTracker);
        this.silenceMillis = silenceMillis;
        this.watch = new SilentShardsWatch(silenceMillis, System.currentTimeMillis());
        this.subtask = runtimeContext.getIndexOfThisSubtask();
    }

    @Override
    protected ShardConsumer<RawPayload> createShardConsumer(
            Integer stateIndex,
            StreamShardHandle shard,
            SequenceNumber lastSequenceNumber,
            MetricGroup shardMetrics,
            KinesisDeserializationSchema<RawPayload> schema)
            throws InterruptedException {
        String shardId = shard.getShard().getShardId();
        MetricGroup tapped = new GaugeTap(
                shardMetrics,
                KinesisConsumerMetricConstants.MILLIS_BEHIND_LATEST_GAUGE,
                gauge -> watch.shard(shardId, () -> gauge.getValue() instanceof Number n ? n.longValue() : -1));
        return super.createShardConsumer(stateIndex, shard, lastSequenceNumber, tapped, schema);
    }

    @Override
    protected void emitRecordAndUpdateState(RawPayload record, long timestamp, int stateIndex, SequenceNumber seq) {
        watch.recordEmitted(System.currentTimeMillis());
        super.emitRecordAndUpdateState(record, timestamp, stateIndex, seq);
    }

    @Override
    public void runFetcher() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kinesis-silence-watch-" + subtask);
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1_000, silenceMillis / 5);
        timer.scheduleAtFixedRate(
                () -> {
                    String warning = watch.check(System.currentTimeMillis());
                    if (warning != null) LOG.warn("Kinesis source subtask {}: {}", subtask, warning);
                },
                period,
                period,
                TimeUnit.MILLISECONDS);
        try {
            super.runFetcher();
        } finally {
            timer.shutdownNow();
        }
    }
}
