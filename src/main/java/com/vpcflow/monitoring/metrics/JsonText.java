package com.vpcflow.monitoring.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Which UTF-8 bytes of JSON text are plain: inside a string, they stand for themselves (printable ASCII, not a quote
 * or a backslash). Checked eight bytes at a time, for the two loops that see every byte of the job's JSON: the
 * payload reader and the series writer.
 */
public final class JsonText {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L, HIGHS = 0x8080808080808080L;

    private JsonText() {}

    /** The eight bytes of {@code b} from {@code at}, as one long for {@link #isPlain(long)}. */
    public static long word(byte[] b, int at) {
        return (long) LONGS.get(b, at);
    }

    /**
     * Whether each of the eight bytes is plain. Bit tricks on a long: a byte is zero in {@code x} iff {@code (x - ONES)
     * & ~x} has its high bit; a byte below 0x20 sets its high bit in {@code w - 0x20 * ONES}; both only where the byte
     * is not already caught by its own high bit (non-ASCII).
     */
    public static boolean isPlain(long w) {
        long quote = w ^ (0x22 * ONES), backslash = w ^ (0x5c * ONES);
        long found = w | ((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash) | (w - 0x20 * ONES);
        return (found & HIGHS) == 0;
    }

    /** Whether every byte of {@code b} is plain. */
    public static boolean isPlain(byte[] b) {
        int i = 0;
        for (; i + 8 <= b.length; i += 8) {
            if (!isPlain(word(b, i))) return false;
        }
        for (; i < b.length; i++) {
            byte c = b[i];
            if (c < 0x20 || c == '"' || c == '\\') return false; // c < 0: not ASCII
        }
        return true;
    }
}
