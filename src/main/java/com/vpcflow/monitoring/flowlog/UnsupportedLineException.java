package com.vpcflow.monitoring.flowlog;

import java.util.Locale;

/** A line that does not fit the flow-log format. No stack trace: it is expected input, counted and skipped. */
public final class UnsupportedLineException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The Datadog {@code reason} tag of {@code aws.vpc.flowlogs.unsupported_message}. */
    public enum Reason {
        /** More or fewer fields than the format has. */
        FIELD_COUNT,
        /** A number field holds something else, a negative value or one beyond its range (int64 overflow). */
        BAD_NUMBER,
        /** No interface-id or no start: the record cannot be keyed or timed. */
        MISSING_FIELD;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    public UnsupportedLineException(Reason reason, String detail) {
        super(reason.tag() + ": " + detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
