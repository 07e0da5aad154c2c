package com.vpcflow.monitoring.datadog;

import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.secrets.ApiKeyException;
import com.vpcflow.monitoring.secrets.ApiKeyResolver;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.StatefulSink;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.connector.base.sink.writer.strategy.AIMDScalingStrategy;
import org.apache.flink.connector.base.sink.writer.strategy.CongestionControlRateLimitingStrategy;
import org.apache.flink.connector.base.sink.writer.strategy.RateLimitingStrategy;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Flink sink for Datadog's v2 series intake, on {@link AsyncSinkBase}: buffered series are batched by count, by size
 * (entries sum to under 5,242,880 bytes uncompressed) and by time, sent with a bounded number of requests in flight,
 * and snapshotted at each checkpoint, so a restart loses nothing (at-least-once; points overwrite on replay). The API
 * key is resolved when the writer opens on the task manager; the sink itself carries only where to find it.
 * Build with {@link #builder(DatadogSinkSettings)}.
 */
public final class DatadogSink extends AsyncSinkBase<MetricSeries, SeriesEntry> {
    private static final long serialVersionUID = 1L;
    /** Body = {"series":[ + entries joined by commas + ]}: what the entries may add up to. */
    static long maxEntryBytes(int maxBatchSize) {
        return SeriesBatcher.MAX_UNCOMPRESSED_BYTES - 1 - SeriesRequestEncoder.bodySize(0, 0) - maxBatchSize;
    }

    private final DatadogSinkSettings settings;

    DatadogSink(DatadogSinkSettings settings, int maxBufferedRequests) {
        super(
                new SeriesEntryConverter(),
                settings.maxBatchSeries(),
                settings.maxInFlightRequests(),
                maxBufferedRequests,
                maxEntryBytes(settings.maxBatchSeries()),
                settings.flushInterval().toMillis(),
                maxEntryBytes(settings.maxBatchSeries()));
        this.settings = settings;
    }

    public static DatadogSinkBuilder builder(DatadogSinkSettings settings) {
        return new DatadogSinkBuilder(settings);
    }

    @Override
    @SuppressWarnings("deprecation")
    public StatefulSink.StatefulSinkWriter<MetricSeries, BufferedRequestState<SeriesEntry>> createWriter(
            InitContext context) {
        return restoreWriter(context, List.of());
    }

    @Override
    @SuppressWarnings("deprecation")
    public StatefulSink.StatefulSinkWriter<MetricSeries, BufferedRequestState<SeriesEntry>> restoreWriter(
            InitContext context, Collection<BufferedRequestState<SeriesEntry>> recoveredState) {
        AsyncSinkWriterConfiguration config = AsyncSinkWriterConfiguration.builder()
                .setMaxBatchSize(getMaxBatchSize())
                .setMaxBatchSizeInBytes(getMaxBatchSizeInBytes())
                .setMaxInFlightRequests(getMaxInFlightRequests())
                .setMaxBufferedRequests(getMaxBufferedRequests())
                .setMaxTimeInBufferMS(getMaxTimeInBufferMS())
                .setMaxRecordSizeInBytes(getMaxRecordSizeInBytes())
                .setRateLimitingStrategy(rateLimiting(getMaxBatchSize(), getMaxInFlightRequests()))
                .build();
        try {
            return new DatadogSinkWriter(
                    context, config, settings, ApiKeyResolver.resolveCached(settings.apiKey()), recoveredState);
        } catch (ApiKeyException e) {
            throw e.retryable() ? e : FatalErrors.endTheJob(e);
        } catch (DatadogFatalException e) {
            throw FatalErrors.endTheJob(e);
        }
    }

    /**
     * Every in-flight slot open from the first batch; a batch with series to retry (429, 5xx, timeouts) halves the
     * series allowed in flight, each answered batch wins one batch back. Flink's default starts with one batch in
     * flight and wins back 10 series per answer: with batches of 1,000 series, 100 answers before a second request
     * may overlap, so a backfill's first few hundred batches went out one at a time, each waiting for its gzip, its
     * POST and its answer while the window task waited for it.
     */
    static RateLimitingStrategy rateLimiting(int maxBatchSeries, int maxInFlightRequests) {
        int all = Math.multiplyExact(maxBatchSeries, maxInFlightRequests);
        return CongestionControlRateLimitingStrategy.builder()
                .setMaxInFlightRequests(maxInFlightRequests)
                .setInitialMaxInFlightMessages(all)
                .setScalingStrategy(AIMDScalingStrategy.builder(all)
                        .setIncreaseRate(maxBatchSeries)
                        .build())
                .build();
    }

    @Override
    public SimpleVersionedSerializer<BufferedRequestState<SeriesEntry>> getWriterStateSerializer() {
        return new SeriesEntryStateSerializer();
    }
}
