package com.vpcflow.monitoring.metrics;

import java.util.Arrays;
import java.util.Objects;

/**
 * One point of one Datadog v2 series: metric, type, tags (sorted) and a single (timestamp, value). A window emits
 * exactly one point per (metric, tags), at the window start, so a replay overwrites the same point instead of adding.
 * A Flink POJO.
 */
public class MetricSeries {
    /** Datadog v2 {@code type}: 1 = count, 3 = gauge. */
    public static final int COUNT = 1;

    public static final int GAUGE = 3;

    public String metric;
    public int type;
    /** Seconds the point covers; counts only (0 = not sent). */
    public long interval;
    /** Sorted {@code key:value} tags. */
    public String[] tags;
    /** Epoch seconds. */
    public long timestamp;

    public double value;

    public MetricSeries() {}

    public MetricSeries(String metric, int type, long interval, String[] tags, long timestamp, double value) {
        this.metric = metric;
        this.type = type;
        this.interval = interval;
        this.tags = tags;
        this.timestamp = timestamp;
        this.value = value;
    }

    /** Identity of the point in Datadog: (metric, sorted tags, timestamp). */
    public String pointKey() {
        return metric + '|' + String.join(",", tags) + '|' + timestamp;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricSeries s
                && metric.equals(s.metric)
                && type == s.type
                && interval == s.interval
                && Arrays.equals(tags, s.tags)
                && timestamp == s.timestamp
                && Double.compare(value, s.value) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(metric, type, interval, Arrays.hashCode(tags), timestamp, value);
    }

    @Override
    public String toString() {
        return metric + Arrays.toString(tags) + '@' + timestamp + '=' + value;
    }
}
