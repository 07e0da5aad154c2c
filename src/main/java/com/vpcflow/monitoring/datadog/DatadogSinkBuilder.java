package com.vpcflow.monitoring.datadog;

import com.vpcflow.monitoring.config.DatadogSettings;

/**
 * Builds a {@link DatadogSink}. Batching, flushing, retry and key settings come from {@link DatadogSettings}
 * (defaults: 1000 series per request, flush every 5s, 4 requests in flight, 30s request timeout, retries from 500ms
 * backoff for at most 10min, key checked at start-up). Here only the writer's buffer bound, default
 * {@value #DEFAULT_MAX_BUFFERED_REQUESTS} series or four batches, whichever is larger: past it, the sink back-pressures.
 */
public final class DatadogSinkBuilder {
    public static final int DEFAULT_MAX_BUFFERED_REQUESTS = 10_000;

    private final DatadogSettings settings;
    private int maxBufferedRequests;

    DatadogSinkBuilder(DatadogSettings settings) {
        this.settings = settings;
        this.maxBufferedRequests = Math.max(DEFAULT_MAX_BUFFERED_REQUESTS, 4 * settings.maxBatchSeries());
    }

    public DatadogSinkBuilder setMaxBufferedRequests(int maxBufferedRequests) {
        if (maxBufferedRequests < settings.maxBatchSeries()) {
            throw new IllegalArgumentException("maxBufferedRequests must be at least the batch size " + settings.maxBatchSeries());
        }
        this.maxBufferedRequests = maxBufferedRequests;
        return this;
    }

    public DatadogSink build() {
        return new DatadogSink(settings, maxBufferedRequests);
    }
}
