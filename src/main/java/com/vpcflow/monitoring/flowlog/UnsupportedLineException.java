package com.vpcflow.monitoring.flowlog;

import com.vpcflow.monitoring.metrics.SkipReason;

/** A line that does not fit the flow-log format, with its {@link SkipReason}. No stack trace: expected input. */
public final class UnsupportedLineException extends Exception {
    private static final long serialVersionUID = 1L;

    private final SkipReason reason;

    public UnsupportedLineException(SkipReason reason, String detail) {
        super(reason.tag() + ": " + detail, null, false, false);
        this.reason = reason;
    }

    public SkipReason reason() {
        return reason;
    }
}
