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
    /** Groups of one (interface, action, window) folded into its {@code other} group ({@code --max-groups-per-key}). */
    public static final String GROUPS_FOLDED = PREFIX + "groups_folded";
    /** The remote addresses with the most bytes per (interface, action, window) ({@code --top-peers}). */
    public static final String TOP_PEERS_BYTES = PREFIX + "top_peers.bytes";

    public static final String TOP_PEERS_PACKETS = PREFIX + "top_peers.packets";
    public static final String TOP_PEERS_RECORDS = PREFIX + "top_peers.records";

    /** Lines or payloads that were skipped, tagged with a {@code reason}. */
    public static final String UNSUPPORTED_MESSAGE = PREFIX + "unsupported_message";
    /** Records that arrived after their window closed, tagged with a {@code reason}. */
    public static final String LATE_RECORDS = PREFIX + "late_records";
    /** Points the Datadog sink held back because Datadog would drop them (older than 1h, no historical ingestion). */
    public static final String POINTS_TOO_OLD = PREFIX + "points_too_old";

    private MetricNames() {}
}
