package com.vpcflow.monitoring.datadog;

import java.io.Serializable;

/**
 * The sink's request entry: one series, already encoded as its JSON object (so batching by size is exact and a body
 * is built by joining entries). Remembers when its delivery first failed, to bound the retry time.
 */
public final class SeriesEntry implements Serializable {
    private static final long serialVersionUID = 1L;

    private final byte[] json;
    /** Not part of checkpoints: after a restore the retry clock starts again. */
    private transient volatile long firstFailureMillis;

    public SeriesEntry(byte[] json) {
        this.json = json;
    }

    public byte[] json() {
        return json;
    }

    long firstFailureMillis() {
        return firstFailureMillis;
    }

    void markFailed(long nowMillis) {
        if (firstFailureMillis == 0) firstFailureMillis = nowMillis;
    }
}
