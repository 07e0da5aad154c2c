package com.vpcflow.monitoring.pipeline;

import com.vpcflow.monitoring.metrics.JsonText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Strings read from the wire, one string per distinct value while it keeps coming: a direct-mapped table of
 * {@value #SLOTS} slots keyed by the UTF-8 bytes. A window's series repeat their metric names and tags, so most reads
 * cost a hash and a compare, not a decoded string, and the sink's encoder then meets the same string instances again
 * (its own cache is keyed by them). Bounded: at most {@value #SLOTS} strings. One per thread.
 */
final class WireStrings {
    static final int SLOTS = 1024;
    private static final ThreadLocal<WireStrings> PER_THREAD = ThreadLocal.withInitial(WireStrings::new);

    private final String[] strings = new String[SLOTS];
    private final byte[][] bytes = new byte[SLOTS][];
    private byte[] buffer = new byte[256];

    static WireStrings get() {
        return PER_THREAD.get();
    }

    /** A string as {@link #read} reads it: its UTF-8 length (-1: null), then the bytes. */
    static void write(String s, DataOutputView out) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    /** A length-prefixed UTF-8 string (-1: null), as {@link #write} writes it. */
    String read(DataInputView in) throws IOException {
        int length = in.readInt();
        if (length < 0) return null;
        if (length > buffer.length) buffer = new byte[Math.max(length, 2 * buffer.length)];
        in.readFully(buffer, 0, length);
        int slot = hash(buffer, length) & (SLOTS - 1);
        byte[] cached = bytes[slot];
        if (cached != null && Arrays.equals(cached, 0, cached.length, buffer, 0, length)) return strings[slot];
        String s = new String(buffer, 0, length, StandardCharsets.UTF_8);
        strings[slot] = s;
        bytes[slot] = Arrays.copyOf(buffer, length);
        return s;
    }

    /** Eight bytes at a time: tags differ anywhere, so every byte counts, cheaply. */
    private static int hash(byte[] b, int length) {
        long h = length;
        int i = 0;
        for (; i + 8 <= length; i += 8) h = h * 0x9E3779B97F4A7C15L + JsonText.word(b, i);
        for (; i < length; i++) h = h * 31 + b[i];
        h ^= h >>> 29;
        return (int) (h ^ (h >>> 32));
    }
}
