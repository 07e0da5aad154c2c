package com.vpcflow.monitoring.payload;

import com.vpcflow.monitoring.metrics.SkipReason;

/** A payload that cannot be decoded, with its {@link SkipReason}. No stack trace: it is expected input. */
public final class BadPayloadException extends Exception {
    private static final long serialVersionUID = 1L;

    private final SkipReason reason;

    public BadPayloadException(SkipReason reason, String detail) {
        super(reason.tag() + ": " + detail, null, false, false);
        this.reason = reason;
    }

    public SkipReason reason() {
        return reason;
    }
}
