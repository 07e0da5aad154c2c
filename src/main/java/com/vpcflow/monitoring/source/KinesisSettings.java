package com.vpcflow.monitoring.source;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * How to read the Kinesis data stream that the CloudWatch Logs subscription filter writes to. Credentials are never
 * settings: the connector uses the default AWS provider chain (the MSF execution role on MSF).
 *
 * @param stream the stream's name
 * @param initialTimestamp with {@link InitialPosition#AT_TIMESTAMP} only, else null
 * @param endpoint override (a local Kinesis), or null
 * @param efoConsumer read with enhanced fan-out under this consumer name; null: polling
 */
public record KinesisSettings(
        String stream,
        String region,
        InitialPosition initialPosition,
        Instant initialTimestamp,
        String endpoint,
        String efoConsumer,
        Duration shardDiscoveryInterval,
        Duration getRecordsInterval,
        int getRecordsMax)
        implements Serializable {

    /** Where a consumer with no checkpoint starts reading. */
    public enum InitialPosition {
        LATEST,
        TRIM_HORIZON,
        AT_TIMESTAMP
    }

    /** Kinesis allows 5 GetRecords calls per second per shard. */
    public static final Duration MIN_GETRECORDS_INTERVAL = Duration.ofMillis(200);
    /** Kinesis returns at most 10,000 records per GetRecords call. */
    public static final int MAX_GETRECORDS = 10_000;
}
