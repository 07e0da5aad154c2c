package com.vpcflow.monitoring.secrets;

/**
 * A resolved Datadog API key. Not serializable and never printed: {@link #toString()} says only where it came from.
 * The value leaves this object only as the {@code DD-API-KEY} header.
 */
public final class ApiKey {
    private final String value;
    private final String source;

    ApiKey(String value, String source) {
        this.value = value;
        this.source = source;
    }

    /** For the request header, and nothing else. */
    public String headerValue() {
        return value;
    }

    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "ApiKey[from " + source + ", redacted]";
    }
}
