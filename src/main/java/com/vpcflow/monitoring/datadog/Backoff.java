package com.vpcflow.monitoring.datadog;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Exponential backoff with jitter ("equal jitter": half fixed, half random) between retries of failed deliveries,
 * starting at {@code initial} and capped at {@code max}; a server's retry hint wins when it is longer.
 */
final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private final SplittableRandom random;
    private int failures;

    Backoff(Duration initial, Duration max, long seed) {
        this.initialMillis = Math.max(1, initial.toMillis());
        this.maxMillis = Math.max(initialMillis, max.toMillis());
        this.random = new SplittableRandom(seed);
    }

    synchronized long nextDelayMillis(Duration serverHint) {
        failures++;
        long exp = initialMillis << Math.min(failures - 1, 30);
        long capped = Math.min(maxMillis, exp);
        long delay = capped / 2 + random.nextLong(capped / 2 + 1);
        if (serverHint != null) delay = Math.max(delay, serverHint.toMillis());
        return delay;
    }

    synchronized void reset() {
        failures = 0;
    }
}
