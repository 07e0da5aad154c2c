package com.vpcflow.monitoring.flowlog;

import java.io.Serializable;
import java.time.Instant;

/**
 * The records a run is asked for, by their {@code start}: from {@code fromSeconds} (included) to {@code toSeconds}
 * (excluded), epoch seconds. {@link #ALL} selects everything.
 */
public record TimeRange(long fromSeconds, long toSeconds) implements Serializable {
    public static final TimeRange ALL = new TimeRange(Long.MIN_VALUE, Long.MAX_VALUE);

    public TimeRange {
        if (fromSeconds >= toSeconds) {
            throw new IllegalArgumentException("the range is empty: from " + fromSeconds + " to " + toSeconds);
        }
    }

    /** From {@code from} to {@code to}, either open (null). */
    public static TimeRange of(Instant from, Instant to) {
        return new TimeRange(
                from == null ? Long.MIN_VALUE : from.getEpochSecond(),
                to == null ? Long.MAX_VALUE : to.getEpochSecond());
    }

    public boolean contains(long epochSeconds) {
        return epochSeconds >= fromSeconds && epochSeconds < toSeconds;
    }

    public boolean isAll() {
        return fromSeconds == Long.MIN_VALUE && toSeconds == Long.MAX_VALUE;
    }

    /** Whether anything in {@code [startSeconds, endSeconds)} is in the range. */
    public boolean overlaps(long startSeconds, long endSeconds) {
        return startSeconds < toSeconds && endSeconds > fromSeconds;
    }
}
