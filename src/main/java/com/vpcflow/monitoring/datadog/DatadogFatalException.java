package com.vpcflow.monitoring.datadog;

/** A delivery failure that neither retrying nor restarting can fix (a rejected API key, a wrong URL): ends the job. */
public final class DatadogFatalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatadogFatalException(String message) {
        super(message, null, false, false);
    }
}
