package com.vpcflow.monitoring.datadog;

import java.io.IOException;
import java.util.Arrays;

/**
 * Packs encoded series into request bodies of at most {@code maxSeries} series and {@code maxBodyBytes}
 * uncompressed bytes (Datadog v2: 5,242,880), joined in one reused buffer as they come, and hands each body it
 * completes to its {@link Bodies}. Nothing is dropped: a series too big for any body goes alone. Bounded: the buffer
 * grows to the largest body plus one series, at most {@code maxBodyBytes} plus the largest series.
 */
public final class SeriesBatcher {
    /** Datadog's documented limit on a decompressed v2 series payload. */
    public static final int MAX_UNCOMPRESSED_BYTES = 5_242_880;

    /** Where the completed bodies go. */
    public interface Bodies {
        /** One whole body in {@code body[0, length)}; the array is the batcher's, written over after the call. */
        void write(byte[] body, int length) throws IOException;
    }

    private final int maxSeries;
    private final long maxBodyBytes;
    private final Bodies bodies;
    // The dry run's bodies were lists of one array per series (a copy and an allocation per series, then a copy into
    // the file's buffer); joined here as they come, a series is copied once before the file gets it.
    private byte[] body = new byte[1 << 16];
    private int size;
    private int series;
    private long fragmentBytes;

    public SeriesBatcher(int maxSeries, long maxBodyBytes, Bodies bodies) {
        this.maxSeries = maxSeries;
        this.maxBodyBytes = maxBodyBytes;
        this.bodies = bodies;
    }

    /**
     * Adds one series, encoded in {@code fragment[0, length)}; first writes the body it completes (the one before
     * it), if any.
     */
    public void add(byte[] fragment, int length) throws IOException {
        if (series > 0
                && (series >= maxSeries
                        || SeriesRequestEncoder.bodySize(fragmentBytes + length, series + 1) > maxBodyBytes)) {
            drain();
        }
        byte[] opening = series == 0 ? SeriesRequestEncoder.PREFIX : COMMA;
        ensure(opening.length + length + SeriesRequestEncoder.SUFFIX.length);
        System.arraycopy(opening, 0, body, size, opening.length);
        size += opening.length;
        System.arraycopy(fragment, 0, body, size, length);
        size += length;
        series++;
        fragmentBytes += length;
    }

    /** Writes the body of everything added since the last one, if anything was. */
    public void drain() throws IOException {
        if (series == 0) return;
        byte[] suffix = SeriesRequestEncoder.SUFFIX;
        System.arraycopy(suffix, 0, body, size, suffix.length); // room kept by add
        int length = size + suffix.length;
        size = 0;
        series = 0;
        fragmentBytes = 0;
        bodies.write(body, length);
    }

    private static final byte[] COMMA = {','};

    private void ensure(int more) {
        if (size + more > body.length) body = Arrays.copyOf(body, Math.max(2 * body.length, size + more));
    }
}
