package com.vpcflow.monitoring.datadog;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.flink.metrics.Counter;

/**
 * Datadog's age limit on points, as the sinks apply it: a point whose timestamp is more than
 * {@link DatadogSinkSettings#MAX_POINT_AGE} before now is dropped by the v2 intake unless historical metrics
 * ingestion is enabled for it. Counts such points (a Flink counter) and says so at most once a minute. Not
 * thread-safe: one per writer.
 */
final class PointAgeLimit {
    static final long REPORT_EVERY_MILLIS = 60_000;

    private final long maxAgeSeconds;
    private final Counter tooOld;
    private long sinceReport;
    private long lastReportMillis;

    PointAgeLimit(Duration maxAge, Counter tooOld, long nowMillis) {
        this.maxAgeSeconds = maxAge.toSeconds();
        this.tooOld = tooOld;
        this.lastReportMillis = nowMillis - REPORT_EVERY_MILLIS; // the first is reported at once
    }

    /**
     * The clock's last reading by {@link #tooOld(long, LongSupplier)}: a point older than the cutoff it gives is too
     * old now as well.
     */
    private long lastNowMillis;

    /**
     * {@link #tooOld(long, long)} at the clock's time, read only when its last reading does not already prove the
     * point too old: a replay's or a backfill's points are all old, and a clock read per series was 3-4% of the
     * windows task's CPU samples in the dry run. (A wall clock set back by some seconds can count a point that is
     * within the hour by those seconds.)
     */
    boolean tooOld(long timestampSeconds, LongSupplier clockMillis) {
        if (timestampSeconds >= lastNowMillis / 1000 - maxAgeSeconds) lastNowMillis = clockMillis.getAsLong();
        return tooOld(timestampSeconds, lastNowMillis);
    }

    /** Whether Datadog would drop this point now; counts it if so. */
    boolean tooOld(long timestampSeconds, long nowMillis) {
        if (timestampSeconds >= nowMillis / 1000 - maxAgeSeconds) return false;
        tooOld.inc();
        sinceReport++;
        return true;
    }

    /** The count since the last report, once a minute at most (null: nothing to say yet). */
    Long due(long nowMillis, boolean force) {
        if (sinceReport == 0 || (!force && nowMillis - lastReportMillis < REPORT_EVERY_MILLIS)) return null;
        long n = sinceReport;
        sinceReport = 0;
        lastReportMillis = nowMillis;
        return n;
    }

    long total() {
        return tooOld.getCount();
    }
}
