package com.vpcflow.monitoring.datadog;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Exponential backoff with jitter ("equal jitter": half fixed, half random) between retries of a failed batch,
 * starting at {@code initial} and capped at {@code max}; a server's retry hint wins when it is longer. Per batch, by
 * how long it has been failing: waiting about as long again as it has failed so far doubles the wait with each
 * attempt, without a counter shared by the writer's batches in flight (16 of them failing at once pushed a shared
 * counter 16 doublings, to the cap, in one round).
 */
final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private final SplittableRandom random;

    Backoff(Duration initial, Duration max, long seed) {
        this.initialMillis = Math.max(1, initial.toMillis());
        this.maxMillis = Math.max(initialMillis, max.toMillis());
        this.random = new SplittableRandom(seed);
    }

    /** The wait before the next attempt of a batch that has been failing for {@code failingMillis} (0: first time). */
    synchronized long delayMillis(long failingMillis, Duration serverHint) {
        long capped = Math.min(maxMillis, Math.max(initialMillis, failingMillis));
        long delay = capped / 2 + random.nextLong(capped / 2 + 1);
        if (serverHint != null) delay = Math.max(delay, serverHint.toMillis());
        return delay;
    }
}
