package com.vpcflow.monitoring.config;

import static com.vpcflow.monitoring.config.Settings.*;

import com.vpcflow.monitoring.source.KinesisSettings;
import com.vpcflow.monitoring.source.KinesisSettings.InitialPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code KinesisSource} settings onto {@link KinesisSettings}, with the checks that span several of them. */
final class KinesisConfig {
    private static final Pattern STREAM_ARN =
            Pattern.compile("arn:aws[a-z-]*:kinesis:([a-z0-9-]+):\\d{12}:stream/([A-Za-z0-9_.-]{1,128})");
    private static final Pattern STREAM_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    private KinesisConfig() {}

    static KinesisSettings from(ConfigReader r, String region) {
        String stream = r.required(STREAM, "--source kinesis needs the data stream's name or ARN");
        Matcher arn = STREAM_ARN.matcher(stream);
        if (arn.matches()) {
            if (!region.equals("unknown") && !region.equals(arn.group(1))) {
                throw new ConfigException(
                        "Invalid --stream: the ARN is in region " + arn.group(1) + " but --region is " + region);
            }
            region = arn.group(1);
            stream = arn.group(2);
        } else if (!STREAM_NAME.matcher(stream).matches()) {
            throw ConfigException.invalid(STREAM.key(), "a stream name (A-Z a-z 0-9 _ . -) or a stream ARN", stream);
        }
        if (region.equals("unknown")) {
            throw new ConfigException(
                    "Missing --region: --source kinesis needs the stream's region (or give --stream as an ARN)");
        }
        InitialPosition position = r.get(INITIAL_POSITION);
        Instant timestamp = r.get(INITIAL_TIMESTAMP);
        if (position == InitialPosition.AT_TIMESTAMP && timestamp == null) {
            throw new ConfigException(
                    "Missing --initial-timestamp: --initial-position at-timestamp needs it (ISO-8601 or epoch seconds)");
        }
        if (position != InitialPosition.AT_TIMESTAMP && timestamp != null) {
            throw new ConfigException(
                    "Invalid --initial-timestamp: it only applies with --initial-position at-timestamp");
        }
        String efo = r.get(EFO_CONSUMER);
        Duration getRecords = r.get(GETRECORDS_INTERVAL);
        if (efo == null && getRecords.compareTo(KinesisSettings.MIN_GETRECORDS_INTERVAL) < 0) {
            throw ConfigException.invalid(
                    GETRECORDS_INTERVAL.key(),
                    "at least 200ms (Kinesis allows 5 GetRecords per second per shard)",
                    Durations.format(getRecords));
        }
        return new KinesisSettings(
                stream,
                region,
                position,
                timestamp,
                r.get(KINESIS_ENDPOINT),
                efo,
                r.get(SHARD_DISCOVERY_INTERVAL),
                getRecords,
                r.get(GETRECORDS_MAX));
    }
}
