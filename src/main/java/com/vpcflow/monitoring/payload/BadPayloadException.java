package com.vpcflow.monitoring.payload;

import java.util.Locale;

/** A payload that cannot be decoded. Carries a {@link Reason} (a metric tag); no stack trace: it is expected input. */
public final class BadPayloadException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a payload was refused; {@link #tag()} is the Datadog {@code reason} tag value. */
    public enum Reason {
        BAD_BASE64, NOT_GZIP, CORRUPT_GZIP, TRUNCATED, TOO_LARGE, BAD_JSON, WRONG_SHAPE;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    public BadPayloadException(Reason reason, String detail) {
        super(reason.tag() + ": " + detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
