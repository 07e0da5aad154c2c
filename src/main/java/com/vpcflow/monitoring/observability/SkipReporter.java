package com.vpcflow.monitoring.observability;

import com.vpcflow.monitoring.metrics.SkipCount;
import com.vpcflow.monitoring.metrics.SkipReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;

/**
 * The one path every skipped input takes: a Flink counter (per reason where the input kind has several), a log line
 * sampled to at most one per reason per {@value #LOG_INTERVAL_MILLIS} ms with the number held back, and the
 * {@link SkipCount} that the caller emits to become a Datadog count. One per operator subtask; not thread-safe.
 */
public final class SkipReporter {
    static final long LOG_INTERVAL_MILLIS = 10_000;

    /** What was skipped: decides the Flink counter's name and the log line's wording. */
    public enum Input {
        PAYLOAD("badPayloads", ProgressCounter.Kind.BAD_PAYLOADS, true, "Skipped a bad payload"),
        LINE("unsupportedLines", ProgressCounter.Kind.UNSUPPORTED_LINES, true, "Skipped an unsupported flow-log line"),
        LATE_RECORDS(
                "lateRecords", ProgressCounter.Kind.LATE_RECORDS, false, "Late flow records (their window had closed)");

        final String counterName;
        final ProgressCounter.Kind progress;
        /** Whether the counter is split by a {@code reason} metric group (inputs with several reasons). */
        final boolean byReason;

        final String logPrefix;

        Input(String counterName, ProgressCounter.Kind progress, boolean byReason, String logPrefix) {
            this.counterName = counterName;
            this.progress = progress;
            this.byReason = byReason;
            this.logPrefix = logPrefix;
        }
    }

    private final MetricGroup metrics;
    private final Logger log;
    private final LogSampler sampler = new LogSampler(LOG_INTERVAL_MILLIS);
    private final Map<Input, Map<SkipReason, Counter>> counters = new EnumMap<>(Input.class);

    public SkipReporter(MetricGroup metrics, Logger log) {
        this.metrics = metrics;
        this.log = log;
    }

    /**
     * Counts {@code n} skipped inputs and logs (sampled) what they were.
     *
     * @param what built only when the line is logged, e.g. {@code "from file line 7: bad_json: ..."}
     * @return the Datadog count for the caller to emit
     */
    public SkipCount skip(Input input, SkipReason reason, long n, Supplier<String> what) {
        return skip(input, reason, n, what, null);
    }

    /** As {@link #skip(Input, SkipReason, long, Supplier)}; a {@code bug} is logged as an error with its stack trace. */
    public SkipCount skip(Input input, SkipReason reason, long n, Supplier<String> what, Throwable bug) {
        counter(input, reason).inc(n);
        long suppressed = sampler.admit(input.name() + ':' + reason.tag(), System.currentTimeMillis());
        if (suppressed >= 0) {
            String line = "{} ({}) {} ({} more like it not logged)";
            if (bug != null) {
                log.error(line, input.logPrefix, reason.tag(), what.get(), suppressed, bug);
            } else {
                log.warn(line, input.logPrefix, reason.tag(), what.get(), suppressed);
            }
        }
        return new SkipCount(reason, n);
    }

    private Counter counter(Input input, SkipReason reason) {
        Map<SkipReason, Counter> byReason = counters.computeIfAbsent(input, i -> new EnumMap<>(SkipReason.class));
        Counter c = byReason.get(reason);
        if (c == null) {
            if (!input.byReason && !byReason.isEmpty()) {
                c = byReason.values().iterator().next(); // one counter for every reason of this input
            } else {
                MetricGroup group = input.byReason ? metrics.addGroup("reason", reason.tag()) : metrics;
                c = group.counter(input.counterName, new ProgressCounter(input.progress));
            }
            byReason.put(reason, c);
        }
        return c;
    }

    /** Shortens input quoted in a log line. */
    public static String abbreviate(String s, int max) {
        if (s == null) return "";
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
