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
        return leadingDigits(word) == 8;
    }

    /**
     * How many of the word's bytes, from its lowest, are ASCII digits before the first that is not: 0 to 8. Per byte,
     * the high bit is set where the byte is below {@code '0'} (subtracting 0x30 wraps it), above {@code '9'} (adding
     * 0x46 reaches 0x80) or not ASCII; borrows and carries only ever run into the bytes above the first such byte,
     * which do not count.
     */
    public static int leadingDigits(long word) {
        long notDigit = ((word - 0x3030303030303030L) | (word + 0x4646464646464646L) | word) & 0x8080808080808080L;
        return Long.numberOfTrailingZeros(notDigit) >>> 3;
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
