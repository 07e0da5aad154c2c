package com.vpcflow.monitoring.datadog;

import java.time.Duration;

/**
 * Builds a {@link DatadogSink} from {@link DatadogSinkSettings}. The {@code DEFAULT_*} constants are the defaults of
 * those settings (the job's configuration declares them as its own defaults), plus the writer's buffer bound: past
 * {@link #DEFAULT_MAX_BUFFERED_REQUESTS} series, or four batches if that is more, the sink back-pressures.
 */
public final class DatadogSinkBuilder {
    public static final String DEFAULT_SITE = "datadoghq.com";
    public static final int DEFAULT_MAX_BATCH_SERIES = 1000;
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(5);
    /**
     * Requests a writer may have in flight: a round trip to Datadog (tens of ms from most regions; Datadog does not
     * rate-limit metric submission) caps a writer at batch x in-flight per round trip. With 4, a 50 ms round trip held
     * a 20-enis backfill to half its rate; 16 hides it (README, Performance). What it holds: 16 batches, each at most
     * 5,242,880 bytes of entries (about 300 KB at the default batch size) plus its gzip body.
     */
    public static final int DEFAULT_MAX_IN_FLIGHT_REQUESTS = 16;
    /**
     * gzip, as the script this job replaced sent: zstd1 compresses about four times as fast for 7-14% more bytes
     * (README, Datadog), and those bytes leaving AWS cost about what the CPU saves.
     */
    public static final BodyEncoding DEFAULT_ENCODING = BodyEncoding.GZIP;
    /**
     * zlib's default. Levels 1-3 deflate about three times as fast here and send about 28% more bytes (README,
     * Performance): egress to Datadog usually costs more than the CPU saved, so the speed is a choice, not the default.
     */
    public static final int DEFAULT_GZIP_LEVEL = 6;

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_RETRY_TIME = Duration.ofMinutes(10);
    public static final boolean DEFAULT_VALIDATE_KEY = true;
    public static final int DEFAULT_MAX_BUFFERED_REQUESTS = 10_000;

    private final DatadogSinkSettings settings;
    private int maxBufferedRequests;

    DatadogSinkBuilder(DatadogSinkSettings settings) {
        this.settings = settings;
        this.maxBufferedRequests = Math.max(DEFAULT_MAX_BUFFERED_REQUESTS, 4 * settings.maxBatchSeries());
    }

    public DatadogSinkBuilder setMaxBufferedRequests(int maxBufferedRequests) {
        if (maxBufferedRequests < settings.maxBatchSeries()) {
            throw new IllegalArgumentException(
                    "maxBufferedRequests must be at least the batch size " + settings.maxBatchSeries());
        }
        this.maxBufferedRequests = maxBufferedRequests;
        return this;
    }

    public DatadogSink build() {
        return new DatadogSink(settings, maxBufferedRequests);
    }
}
