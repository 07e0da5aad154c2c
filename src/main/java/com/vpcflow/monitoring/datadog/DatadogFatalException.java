package com.vpcflow.monitoring.datadog;

/** A delivery failure that retrying cannot fix (a rejected API key, a wrong URL): fails the job with a clear message. */
public final class DatadogFatalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatadogFatalException(String message) {
        super(message, null, false, false);
    }
}
