package com.vpcflow.monitoring.metrics;

import java.util.Locale;

/**
 * Why an input was skipped: the one vocabulary of the {@code reason} tag, for the decoder, the parser, the windows and
 * the Flink counters alike. Each reason is counted under one Datadog metric ({@link #metric()}).
 */
public enum SkipReason {
    // A payload that cannot be decoded.
    BAD_BASE64,
    NOT_GZIP,
    CORRUPT_GZIP,
    TRUNCATED,
    /** Decompresses beyond the configured cap (checked while streaming: a gzip bomb is never expanded). */
    TOO_LARGE,
    BAD_JSON,
    WRONG_SHAPE,
    // A line that does not fit the flow-log format.
    /** More or fewer fields than the format has. */
    FIELD_COUNT,
    /** A number field holds something else, a negative value or one beyond its range (int64 overflow). */
    BAD_NUMBER,
    /** No interface-id or no start: the record cannot be keyed or timed. */
    MISSING_FIELD,
    /** A line of a file whose header names other fields than the job's format: each of its lines is skipped. */
    FORMAT_MISMATCH,
    /**
     * A record whose {@code start} is further ahead of the wall clock than {@code --max-future}: refused before it can
     * push the watermark (and with it every window of real traffic) into the future.
     */
    FUTURE_TIMESTAMP,
    /** Input that hit a bug in the decoder or parser rather than a known defect of its own. */
    INTERNAL_ERROR,
    /** A record whose window had closed (window end + allowed lateness passed). */
    WINDOW_CLOSED;

    private final String tag = name().toLowerCase(Locale.ROOT);

    /** The {@code reason} tag value, e.g. {@code bad_json}. */
    public String tag() {
        return tag;
    }

    /** The Datadog count this reason is reported under. */
    public String metric() {
        return this == WINDOW_CLOSED ? MetricNames.LATE_RECORDS : MetricNames.UNSUPPORTED_MESSAGE;
    }
}
