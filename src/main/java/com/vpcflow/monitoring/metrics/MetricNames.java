package com.vpcflow.monitoring.metrics;

/** The metric names dashboards of the replaced script use; they must not change. */
public final class MetricNames {
    public static final String PREFIX = "aws.vpc.flowlogs.";
    public static final String ACTION = PREFIX + "action";
    public static final String LOG_STATUS = PREFIX + "log_status";
    public static final String PACKETS_TOTAL = PREFIX + "packets.total";
    public static final String BYTES_TOTAL = PREFIX + "bytes.total";
    public static final String DURATION_PER_REQUEST = PREFIX + "duration.per_request.";
    public static final String PACKETS_PER_REQUEST = PREFIX + "packets.per_request.";
    public static final String BYTES_PER_REQUEST = PREFIX + "bytes.per_request.";
    /** Suffixes of the per-request gauges, in the order they are emitted. */
    public static final String[] STATS = {"min", "median", "p90", "p95", "p99", "max"};
    /** Quantiles of the STATS entries that come from the sketch (min and max are exact). */
    public static final double[] QUANTILES = {0.5, 0.9, 0.95, 0.99};

    /** Lines or payloads that were skipped, tagged with a {@code reason}. */
    public static final String UNSUPPORTED_MESSAGE = PREFIX + "unsupported_message";
    /** Records that arrived after their window closed, tagged with a {@code reason}. */
    public static final String LATE_RECORDS = PREFIX + "late_records";

    private MetricNames() {}
}
