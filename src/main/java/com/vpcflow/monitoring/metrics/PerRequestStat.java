package com.vpcflow.monitoring.metrics;

import java.util.List;
import java.util.Locale;

/** The gauges of the {@code *.per_request.*} families: each one a statistic of a group's values in a window. */
public enum PerRequestStat {
    MIN(-1),
    MEDIAN(0.5),
    P90(0.9),
    P95(0.95),
    P99(0.99),
    MAX(-1),
    /** sum / count. */
    AVG(-1);

    /** The replaced script's six, in the order they were emitted. */
    public static final List<PerRequestStat> DEFAULT = List.of(MIN, MEDIAN, P90, P95, P99, MAX);

    private final double quantile;

    PerRequestStat(double quantile) {
        this.quantile = quantile;
    }

    /** The metric name's suffix, e.g. {@code p95}. */
    public String suffix() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The nearest-rank quantile it is, or -1 for min, max and avg. */
    public double quantile() {
        return quantile;
    }
}
