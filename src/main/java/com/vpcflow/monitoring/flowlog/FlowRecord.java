package com.vpcflow.monitoring.flowlog;

/**
 * One parsed flow-log record, slimmed to what the metrics need (other fields are checked when parsed, then
 * dropped). Never shuffled: a payload's records are folded into batches before the keyBy. Absent values: {@code null} strings,
 * {@code -1} numbers ({@code -} in the record).
 */
public class FlowRecord {
    public static final String NO_VALUE = "-";

    public String interfaceId;
    /** ACCEPT, REJECT, or "-" (NODATA/SKIPDATA records). */
    public String action;
    /** OK, NODATA, SKIPDATA, or "-". */
    public String logStatus;

    public String accountId;
    public String region;
    public String srcAddr;
    public String dstAddr;
    public int protocol = -1;
    public long packets = -1;
    public long bytes = -1;
    /** Window start of the capture, epoch seconds: the event time. */
    public long start;

    public long end = -1;
    /** ingress / egress, when the format has flow-direction. */
    public String flowDirection;
    /** The ENI's own address decided over its payload (see {@code EniAddress}), or "unknown". */
    public String ip;
    /** inbound / outbound, or null when it cannot be told. */
    public String direction;
    /** The text of the fields the parser was asked to keep (dimensions), in that order; null for {@code -}. */
    public String[] fields = NO_FIELDS;

    private static final String[] NO_FIELDS = new String[0];

    public FlowRecord() {}

    /**
     * Back to a new record's values, so one record can be filled again by the next line ({@link
     * FlowRecordParser#parse(byte[], int, int, FlowRecord)}).
     */
    public void reset() {
        interfaceId = null;
        action = null;
        logStatus = null;
        accountId = null;
        region = null;
        srcAddr = null;
        dstAddr = null;
        protocol = -1;
        packets = -1;
        bytes = -1;
        start = 0;
        end = -1;
        flowDirection = null;
        ip = null;
        direction = null;
        fields = NO_FIELDS;
    }

    /** Duration in seconds, or -1 when it cannot be told (no end, or an end before the start). */
    public long duration() {
        return end < start ? -1 : end - start;
    }

    /**
     * NODATA and SKIPDATA records carry no traffic: they only count in log_status. Without a log-status field in the
     * format, a record carries traffic when it has addresses or counts (NODATA records have neither).
     */
    public boolean carriesTraffic() {
        if (logStatus != null && !NO_VALUE.equals(logStatus))
            return "OK".equals(logStatus); // the parser gives this very "OK"
        return srcAddr != null || dstAddr != null || packets >= 0 || bytes >= 0;
    }

    @Override
    public String toString() {
        return "FlowRecord{" + interfaceId + ' ' + action + ' ' + logStatus + ' ' + srcAddr + "->" + dstAddr
                + " proto=" + protocol + " packets=" + packets + " bytes=" + bytes + " start=" + start + " end=" + end
                + " ip=" + ip + " direction=" + direction + '}';
    }
}
