package com.vpcflow.monitoring.metrics;

/**
 * Eight ASCII digits at a time, in one little-endian word ({@link JsonText#word}): for the numbers of ten digits and
 * more that every flow record (its start and end) and every log event (its timestamp) carry, where a loop of eight
 * multiply-adds is one long chain of dependent instructions.
 */
public final class AsciiDigits {
    private AsciiDigits() {}

    /** Whether all eight bytes of {@code word} are ASCII digits. */
    public static boolean allDigits(long word) {
        // every byte 0x30-0x3f, and still below 0x40 after adding 6: 0x30-0x39
        return (word & 0xF0F0F0F0F0F0F0F0L) == 0x3030303030303030L
                && ((word + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) == 0x3030303030303030L;
    }

    /**
     * The value of eight ASCII digits, the first in the lowest byte: pairs, then quads, then the eight, in three
     * multiplies.
     */
    public static long valueOf(long word) {
        long v = ((word & 0x0F0F0F0F0F0F0F0FL) * (10 * 256 + 1)) >>> 8;
        v = ((v & 0x00FF00FF00FF00FFL) * (100 * 65536 + 1)) >>> 16;
        return ((v & 0x0000FFFF0000FFFFL) * (10000L * (1L << 32) + 1)) >>> 32;
    }
}
