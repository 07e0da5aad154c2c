package com.vpcflow.monitoring.observability;

import java.util.HashMap;
import java.util.Map;

/**
 * Rate limit for log lines about bad input: at most one line per reason per interval, saying how many were not
 * logged since, so a flood of bad records neither floods the log nor goes unseen.
 */
public final class LogSampler {
    private final long intervalMillis;
    private final Map<String, long[]> state = new HashMap<>(); // reason -> {last logged at, suppressed since}

    public LogSampler(long intervalMillis) {
        this.intervalMillis = intervalMillis;
    }

    /** @return -1 when this occurrence should not be logged, else how many were suppressed before it */
    public long admit(String reason, long nowMillis) {
        long[] s = state.computeIfAbsent(reason, k -> new long[] {Long.MIN_VALUE, 0});
        if (s[0] != Long.MIN_VALUE && nowMillis - s[0] < intervalMillis) {
            s[1]++;
            return -1;
        }
        long suppressed = s[1];
        s[0] = nowMillis;
        s[1] = 0;
        return suppressed;
    }
}
