package com.vpcflow.monitoring.datadog;

import java.util.ArrayList;
import java.util.List;

/**
 * Packs encoded series into request bodies of at most {@code maxSeries} series and {@code maxBodyBytes}
 * uncompressed bytes (Datadog v2: 5,242,880). Nothing is dropped: a series too big for any body goes alone.
 */
public final class SeriesBatcher {
    /** Datadog's documented limit on a decompressed v2 series payload. */
    public static final int MAX_UNCOMPRESSED_BYTES = 5_242_880;

    private final int maxSeries;
    private final long maxBodyBytes;
    private List<byte[]> pending = new ArrayList<>();
    private long pendingBytes;

    public SeriesBatcher(int maxSeries, long maxBodyBytes) {
        this.maxSeries = maxSeries;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Adds one series; returns the fragments of the body it completed (the one before it), or null. Bodies are handed
     * out as fragments, for {@link SeriesRequestEncoder#writeBody} to write without joining them.
     */
    public List<byte[]> add(byte[] fragment) {
        List<byte[]> full = null;
        if (!pending.isEmpty()
                && (pending.size() >= maxSeries
                        || SeriesRequestEncoder.bodySize(pendingBytes + fragment.length, pending.size() + 1)
                                > maxBodyBytes)) {
            full = drain();
        }
        pending.add(fragment);
        pendingBytes += fragment.length;
        return full;
    }

    /** The fragments of a body of everything pending, or null when nothing is. */
    public List<byte[]> drain() {
        if (pending.isEmpty()) return null;
        List<byte[]> body = pending;
        pending = new ArrayList<>(body.size());
        pendingBytes = 0;
        return body;
    }
}
