package com.vpcflow.monitoring.config;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to read the Kinesis data stream that the CloudWatch Logs subscription filter writes to. Credentials are never
 * settings: the connector uses the default AWS provider chain (the MSF execution role on MSF).
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
    public enum InitialPosition { LATEST, TRIM_HORIZON, AT_TIMESTAMP }

    private static final Pattern STREAM_ARN = Pattern.compile("arn:aws[a-z-]*:kinesis:([a-z0-9-]+):\\d{12}:stream/([A-Za-z0-9_.-]{1,128})");
    private static final Pattern STREAM_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    static KinesisSettings from(ConfigReader r, String region) {
        String stream = r.requiredString("stream", "--source kinesis needs the data stream's name or ARN");
        Matcher arn = STREAM_ARN.matcher(stream);
        if (arn.matches()) {
            if (!region.equals("unknown") && !region.equals(arn.group(1))) {
                throw new ConfigException("Invalid --stream: the ARN is in region " + arn.group(1) + " but --region is " + region);
            }
            region = arn.group(1);
            stream = arn.group(2);
        } else if (!STREAM_NAME.matcher(stream).matches()) {
            throw ConfigException.invalid("stream", "a stream name (A-Z a-z 0-9 _ . -) or a stream ARN", stream);
        }
        if (region.equals("unknown")) {
            throw new ConfigException("Missing --region: --source kinesis needs the stream's region (or give --stream as an ARN)");
        }
        InitialPosition position = r.choice("initial-position", InitialPosition.class, InitialPosition.LATEST);
        String ts = r.string("initial-timestamp", null);
        Instant timestamp = null;
        if (position == InitialPosition.AT_TIMESTAMP) {
            if (ts == null) {
                throw new ConfigException("Missing --initial-timestamp: --initial-position at-timestamp needs it (ISO-8601 or epoch seconds)");
            }
            timestamp = parseInstant(ts);
        } else if (ts != null) {
            throw new ConfigException("Invalid --initial-timestamp: it only applies with --initial-position at-timestamp");
        }
        String endpoint = r.url("kinesis-endpoint");
        String efo = r.string("efo-consumer", null);
        if (efo != null && !STREAM_NAME.matcher(efo).matches()) {
            throw ConfigException.invalid("efo-consumer", "a consumer name (A-Z a-z 0-9 _ . -, up to 128)", efo);
        }
        Duration discovery = r.duration("shard-discovery-interval", Duration.ofSeconds(10));
        Duration getRecords = r.duration("getrecords-interval", Duration.ofMillis(200));
        if (efo == null && getRecords.toMillis() < 200) {
            // Kinesis allows 5 GetRecords calls per second per shard.
            throw ConfigException.invalid("getrecords-interval", "at least 200ms (Kinesis allows 5 GetRecords per second per shard)",
                    Durations.format(getRecords));
        }
        return new KinesisSettings(stream, region, position, timestamp, endpoint, efo, discovery, getRecords,
                r.intInRange("getrecords-max", 10_000, 1, 10_000));
    }

    private static Instant parseInstant(String text) {
        try {
            if (text.matches("\\d{1,12}(\\.\\d+)?")) {
                double seconds = Double.parseDouble(text);
                return Instant.ofEpochMilli((long) (seconds * 1000));
            }
            return Instant.parse(text);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw ConfigException.invalid("initial-timestamp", "an ISO-8601 instant (2024-05-01T12:00:00Z) or epoch seconds", text);
        }
    }
}
