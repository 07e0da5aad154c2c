package com.vpcflow.monitoring.metrics;

/** Skipped inputs (a bad payload, an unsupported line, late records) on their way to a Datadog count. A Flink POJO. */
public class SkipCount {
    public String metric;
    public String reason;
    /** How many inputs this stands for (a late batch is several records). */
    public long count = 1;

    public SkipCount() {}

    public SkipCount(SkipReason reason, long count) {
        this.metric = reason.metric();
        this.reason = reason.tag();
        this.count = count;
    }

    /** One count per (metric, reason). */
    public String key() {
        return metric + '|' + reason;
    }
}
