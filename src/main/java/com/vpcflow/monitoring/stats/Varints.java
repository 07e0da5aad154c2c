package com.vpcflow.monitoring.stats;

import java.io.IOException;

/**
 * Zig-zag base-128 varints (as protobuf's {@code sint64}): small magnitudes of either sign take few bytes, a
 * duration or a packet count one or two instead of a long's eight.
 */
final class Varints {
    /** The most bytes one value takes. */
    static final int MAX_BYTES = 10;

    private Varints() {}

    /** Writes {@code value} at {@code pos}; returns the position after it. */
    static int put(byte[] b, int pos, long value) {
        long v = (value << 1) ^ (value >> 63);
        while ((v & ~0x7FL) != 0) {
            b[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[pos++] = (byte) v;
        return pos;
    }

    /** Reads values one after the other from a block; a value running past its end is refused. */
    static final class Reader {
        private final byte[] b;
        private int pos;

        Reader(byte[] b) {
            this.b = b;
        }

        long next() throws IOException {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos == b.length) throw new IOException("a varint runs past the end of its block");
                byte c = b[pos++];
                v |= (long) (c & 0x7F) << shift;
                if (c >= 0) return (v >>> 1) ^ -(v & 1);
            }
            throw new IOException("a varint longer than " + MAX_BYTES + " bytes");
        }

        boolean atEnd() {
            return pos == b.length;
        }
    }
}
