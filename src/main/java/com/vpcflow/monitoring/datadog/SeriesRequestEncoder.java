package com.vpcflow.monitoring.datadog;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import com.vpcflow.monitoring.metrics.JsonText;
import com.vpcflow.monitoring.metrics.MetricSeries;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * The Datadog v2 series intake body ({@code POST /api/v2/series}): {@code {"series":[{metric, type, interval,
 * points:[{timestamp, value}], tags}]}}. Each series is encoded once into a fragment; bodies are fragments joined,
 * so batching by size needs no re-encoding. Bodies are sent compressed ({@link #gzipBody}, {@link #zstdBody}).
 */
public final class SeriesRequestEncoder {
    static final byte[] PREFIX = "{\"series\":[".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SUFFIX = "]}".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] METRIC = ascii("{\"metric\":");
    private static final byte[] TYPE = ascii(",\"type\":");
    private static final byte[] INTERVAL = ascii(",\"interval\":");
    private static final byte[] TIMESTAMP = ascii(",\"points\":[{\"timestamp\":");
    private static final byte[] VALUE = ascii(",\"value\":");
    private static final byte[] TAGS = ascii("}],\"tags\":[");
    private static final byte[] END = ascii("]}");
    private static final byte[] HEX = ascii("0123456789ABCDEF");

    // Written byte by byte into one reused buffer: the series side's hottest loop. Jackson's generator, used before,
    // spent more on its state checks and char-by-char string access than on the bytes (JFR of the 20-ENI run); the
    // output is the same, byte for byte (SeriesRequestEncoderTest compares the two).
    private byte[] buffer = new byte[512];
    private int size;

    /**
     * The JSON of the last strings written, by instance: series read from the wire share their strings (metric names,
     * tags), so a hit is a slot and a compare of references. Bounded: {@value #CACHED} entries.
     */
    private static final int CACHED = 1024;

    private final String[] cachedStrings = new String[CACHED];
    private final byte[][] cachedJson = new byte[CACHED][];

    private String[] lastTags;
    private byte[] lastTagsJson;

    /** One series object, e.g. {@code {"metric":"aws.vpc.flowlogs.action","type":1,"interval":60,...}}. */
    public byte[] encodeSeries(MetricSeries s) {
        return Arrays.copyOf(buffer, encode(s));
    }

    /**
     * {@link #encodeSeries} without the copy: the series object's bytes are {@link #encoded()}{@code [0, length)},
     * the length returned, until the next call.
     */
    public int encode(MetricSeries s) {
        size = 0;
        write(METRIC);
        writeString(s.metric);
        writeHead(s.type, s.interval, s.timestamp);
        writeValue(s.value);
        write(TAGS);
        writeTags(s.tags);
        write(END);
        return size;
    }

    /**
     * The bytes from the type to the value's name, as each type code last wrote them: a window's series
     * share their timestamp and interval and come in runs of one type, so each copies them instead of writing three
     * numbers digit by digit. Bounded: one entry per type code Datadog defines (0-3).
     */
    private final Head[] heads = new Head[4];

    private static final class Head {
        long interval, timestamp;
        final byte[] bytes = new byte[TYPE.length + INTERVAL.length + TIMESTAMP.length + VALUE.length + 3 * 20];
        int length;
    }

    private void writeHead(int type, long interval, long timestamp) {
        boolean cached = type >= 0 && type < heads.length;
        Head head = cached ? heads[type] : null;
        if (head != null && head.interval == interval && head.timestamp == timestamp) {
            write(head.bytes, 0, head.length);
            return;
        }
        int from = size;
        write(TYPE);
        writeLong(type);
        if (interval > 0) {
            write(INTERVAL);
            writeLong(interval);
        }
        write(TIMESTAMP);
        writeLong(timestamp);
        write(VALUE);
        if (!cached) return;
        if (head == null) heads[type] = head = new Head();
        head.interval = interval;
        head.timestamp = timestamp;
        head.length = size - from;
        System.arraycopy(buffer, from, head.bytes, 0, head.length);
    }

    /** The buffer {@link #encode} wrote its last series into. */
    public byte[] encoded() {
        return buffer;
    }

    /**
     * The tags' JSON, the last list's again when every tag is the same string: a group's series come one after the
     * other with one tag list (all but one of them), so each costs a few reference compares instead of a cache look-up
     * and a copy per tag. The strings are compared, not the array, which its owner may have changed.
     */
    private void writeTags(String[] tags) {
        if (sameStrings(tags, lastTags)) {
            write(lastTagsJson);
            return;
        }
        int start = size;
        for (int i = 0; i < tags.length; i++) {
            if (i > 0) writeByte(',');
            writeString(tags[i]);
        }
        lastTags = tags.clone();
        lastTagsJson = Arrays.copyOfRange(buffer, start, size);
    }

    private static boolean sameStrings(String[] a, String[] b) {
        if (b == null || a.length != b.length) return false;
        for (int i = 0; i < a.length; i++) if (a[i] != b[i]) return false;
        return true;
    }

    /**
     * Whole numbers without a fraction (counts read as counts); others as the shortest exact double; NaN and
     * infinities, which JSON has no number for, as strings.
     */
    private void writeValue(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 9.007199254740992E15) {
            writeLong((long) v);
        } else if (Double.isFinite(v)) {
            writeAscii(Double.toString(v));
        } else {
            writeByte('"');
            writeAscii(Double.toString(v));
            writeByte('"');
        }
    }

    /** Digits of a long, last first: written into the buffer without the string {@link Long#toString} makes. */
    private final byte[] digits = new byte[20];

    private void writeLong(long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                writeAscii(Long.toString(v));
                return;
            }
            writeByte('-');
            v = -v;
        }
        int p = digits.length;
        do {
            long q = v / 10;
            digits[--p] = (byte) ('0' + (v - 10 * q));
            v = q;
        } while (v != 0);
        write(digits, p, digits.length - p);
    }

    /**
     * A JSON string: quotes and backslashes escaped, control characters as escapes, the rest as UTF-8. Tags are plain
     * ASCII: their UTF-8 (one vectorized copy for such a string) is checked eight bytes at a time and copied whole.
     */
    private void writeString(String text) {
        int slot = text.hashCode() & (CACHED - 1);
        if (cachedStrings[slot] == text) {
            write(cachedJson[slot]);
            return;
        }
        int start = size;
        writeStringUncached(text);
        cachedStrings[slot] = text;
        cachedJson[slot] = Arrays.copyOfRange(buffer, start, size);
    }

    private void writeStringUncached(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        ensure(utf8.length + 2);
        buffer[size++] = '"';
        if (JsonText.isPlain(utf8)) {
            System.arraycopy(utf8, 0, buffer, size, utf8.length);
            size += utf8.length;
        } else {
            writeEscaped(text);
        }
        writeByte('"');
    }

    /** A string's characters where some need escaping or more than one byte. */
    private void writeEscaped(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) >= 0x80) end++;
                write(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            } else if (c == '"' || c == '\\') {
                writeByte('\\');
                writeByte(c);
            } else if (c >= 0x20) {
                writeByte(c);
            } else {
                writeByte('\\');
                switch (c) {
                    case '\b' -> writeByte('b');
                    case '\t' -> writeByte('t');
                    case '\n' -> writeByte('n');
                    case '\f' -> writeByte('f');
                    case '\r' -> writeByte('r');
                    default -> {
                        write(ascii("u00"));
                        writeByte(HEX[c >> 4]);
                        writeByte(HEX[c & 15]);
                    }
                }
            }
        }
    }

    private void writeAscii(String text) {
        int n = text.length();
        ensure(n);
        for (int i = 0; i < n; i++) buffer[size++] = (byte) text.charAt(i);
    }

    private void write(byte[] bytes) {
        write(bytes, 0, bytes.length);
    }

    private void write(byte[] bytes, int from, int length) {
        ensure(length);
        System.arraycopy(bytes, from, buffer, size, length);
        size += length;
    }

    private void writeByte(int b) {
        ensure(1);
        buffer[size++] = (byte) b;
    }

    private void ensure(int more) {
        if (size + more > buffer.length) buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Size of a body holding these fragments. */
    public static long bodySize(long fragmentBytes, int fragments) {
        return PREFIX.length + SUFFIX.length + fragmentBytes + Math.max(0, fragments - 1);
    }

    /** The gzip-compressed body of these fragments, as it is sent ({@code Content-Encoding: gzip}). */
    public static byte[] gzipBody(List<byte[]> fragments) {
        return gzipBody(fragments, DatadogSinkBuilder.DEFAULT_GZIP_LEVEL);
    }

    /** As {@link #gzipBody(List)}, deflated at {@code level} (1 fastest, 9 smallest). */
    public static byte[] gzipBody(List<byte[]> fragments, int level) {
        return compressedBody(fragments, out -> new GZIPOutputStream(out, 8192) {
            {
                def.setLevel(level);
            }
        });
    }

    /** The zstd-compressed body of these fragments, at {@code level} ({@code Content-Encoding: zstd1}). */
    public static byte[] zstdBody(List<byte[]> fragments, int level) {
        // Buffered: a fragment (a few hundred bytes) per native call would cost more than it compresses. Not the
        // finalizing ZstdOutputStream: each finalizable stream kept its body reachable until the finalizer thread got
        // to it, and 10k-enis with zstd1 left 670 MiB in use after collections where gzip left 82.
        return compressedBody(
                fragments, out -> new BufferedOutputStream(new ZstdOutputStreamNoFinalizer(out, level), 64 * 1024));
    }

    /** A stream that compresses into the one it is given. */
    private interface Compressor {
        OutputStream into(OutputStream out) throws IOException;
    }

    private static byte[] compressedBody(List<byte[]> fragments, Compressor compressor) {
        ByteArrayOutputStream out =
                new ByteArrayOutputStream((int) bodySize(fragmentBytes(fragments), fragments.size()) / 8 + 64);
        try (OutputStream compressing = compressor.into(out)) {
            writeBody(fragments, compressing);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // into memory: only the compressor itself could fail
        }
        return out.toByteArray();
    }

    /**
     * The body of these fragments, written fragment by fragment: a body is up to 5 MB, and joining it into one array
     * first cost an allocation that size (a humongous one for G1) and a pass over it, per body, only to copy it again.
     */
    private static void writeBody(List<byte[]> fragments, java.io.OutputStream out) throws IOException {
        out.write(PREFIX);
        for (int i = 0; i < fragments.size(); i++) {
            if (i > 0) out.write(',');
            out.write(fragments.get(i));
        }
        out.write(SUFFIX);
    }

    private static long fragmentBytes(List<byte[]> fragments) {
        long total = 0;
        for (byte[] f : fragments) total += f.length;
        return total;
    }

    /** The body of these fragments as one array. */
    public static byte[] body(List<byte[]> fragments) {
        ByteArrayOutputStream out =
                new ByteArrayOutputStream((int) bodySize(fragmentBytes(fragments), fragments.size()));
        try {
            writeBody(fragments, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        return out.toByteArray();
    }
}
