package com.vpcflow.monitoring.observability;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.flink.metrics.Counter;

/**
 * A Flink {@link Counter} (one per operator subtask, reported like any Flink metric: to CloudWatch on MSF) that also
 * adds into a JVM-wide total per {@link Kind}. In a local MiniCluster every operator runs in the job's JVM, so
 * those totals feed the progress line; on a cluster nobody reads them.
 */
public final class ProgressCounter implements Counter {
    /** What the progress line reports. */
    public enum Kind {
        PAYLOADS("payloads"),
        LOG_EVENTS("log events"),
        RECORDS("records parsed"),
        BAD_PAYLOADS("bad payloads"),
        CONTROL_MESSAGES("control messages"),
        UNSUPPORTED_LINES("unsupported lines"),
        LATE_RECORDS("late records"),
        SERIES("series"),
        BODIES("bodies");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private static final Map<Kind, LongAdder> TOTALS = new EnumMap<>(Kind.class);

    static {
        for (Kind k : Kind.values()) TOTALS.put(k, new LongAdder());
    }

    private final LongAdder total;
    private long count;

    public ProgressCounter(Kind kind) {
        this.total = TOTALS.get(kind);
    }

    @Override
    public void inc() {
        inc(1);
    }

    @Override
    public void inc(long n) {
        count += n;
        total.add(n);
    }

    @Override
    public void dec() {
        dec(1);
    }

    @Override
    public void dec(long n) {
        count -= n;
        total.add(-n);
    }

    @Override
    public long getCount() {
        return count;
    }

    public static long total(Kind kind) {
        return TOTALS.get(kind).sum();
    }

    /** One line with every total, e.g. {@code payloads=200 log events=5120 ...}. */
    public static String line() {
        StringBuilder sb = new StringBuilder();
        for (Kind k : Kind.values()) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(k.label).append('=').append(total(k));
        }
        return sb.toString();
    }
}
