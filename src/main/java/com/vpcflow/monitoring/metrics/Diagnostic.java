package com.vpcflow.monitoring.metrics;

/** One skipped input (a bad payload, an unsupported line, a late record), on its way to a Datadog count. POJO. */
public class Diagnostic {
    public String metric;
    public String reason;

    public Diagnostic() {}

    public Diagnostic(String metric, String reason) {
        this.metric = metric;
        this.reason = reason;
    }

    public String key() {
        return metric + '|' + reason;
    }
}
