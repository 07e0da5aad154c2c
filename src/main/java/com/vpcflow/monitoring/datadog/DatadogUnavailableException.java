package com.vpcflow.monitoring.datadog;

/**
 * Deliveries kept failing for longer than {@code datadog-max-retry-time} (the intake down, throttling, the network):
 * the job fails and restarts from its last checkpoint, with Flink's restart backoff, and delivers again.
 */
public final class DatadogUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatadogUnavailableException(String message) {
        super(message, null, false, false);
    }
}
