package com.vpcflow.monitoring.metrics;

/** One skipped input (a bad payload, an unsupported line, a late record), on its way to a Datadog count. POJO. */
public class Diagnostic {
    public String metric;
    public String reason;
    /** How many inputs this stands for (a late batch is several records). */
    public long count = 1;

    public Diagnostic() {}

    public Diagnostic(String metric, String reason) {
        this(metric, reason, 1);
    }

    public Diagnostic(String metric, String reason, long count) {
        this.metric = metric;
        this.reason = reason;
        this.count = count;
    }

    public String key() {
        return metric + '|' + reason;
    }
}
