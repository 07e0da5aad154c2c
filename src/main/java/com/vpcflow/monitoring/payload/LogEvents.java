package com.vpcflow.monitoring.payload;

import com.vpcflow.monitoring.metrics.Utf8;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The log events of one decoded payload, as UTF-8 bytes ({@link Utf8}), no string or object per event: an id or a
 * message the payload holds as plain ASCII (no escape, as CloudWatch Logs writes them) is where the decoded payload
 * holds it ({@link #messageBuffer}), anything else decoded into one reused buffer of this class's own; a flow record
 * is parsed straight from those bytes. Strings are made only on request (a skipped record's log line). Reused by its
 * decoder: valid until the next payload is decoded. Bounded: the buffer holds one payload's escaped ids and
 * messages, at most as many bytes as the payload's capped decompressed bytes.
 */
public final class LogEvents {
    /** Flags of an event whose id, or message, is in {@link #source}. */
    static final byte ID_IN_SOURCE = 1, MESSAGE_IN_SOURCE = 2;

    private byte[] text = new byte[1 << 16];
    private int length;
    private int size;
    /** Per event: id start and end, message start and end, in {@link #text} or {@link #source} as its flags say. */
    private int[] bounds = new int[4 * 64];

    private long[] timestamps = new long[64];
    private byte[] flags = new byte[64];
    /**
     * The bytes the payload was read from (its inflated JSON), which plain ids and messages are left in: copying
     * them here was 6% of decoding (one JVM, both orders).
     */
    private byte[] source;

    public int size() {
        return size;
    }

    /** The buffer event {@code i}'s message is in, UTF-8, from {@link #messageStart} to {@link #messageEnd}. */
    public byte[] messageBuffer(int i) {
        return buffer(i, MESSAGE_IN_SOURCE);
    }

    /** {@link #source} if event {@code i} has {@code flag}, else {@link #text}. */
    private byte[] buffer(int i, byte flag) {
        return (flags[i] & flag) != 0 ? source : text;
    }

    /** The buffer strings are decoded into: the reader's own scratch use. */
    byte[] text() {
        return text;
    }

    /** The bytes being read, which plain ids and messages stay in (see {@link #add}). */
    void source(byte[] bytes) {
        source = bytes;
    }

    public int messageStart(int i) {
        return bounds[4 * i + 2];
    }

    public int messageEnd(int i) {
        return bounds[4 * i + 3];
    }

    public String message(int i) {
        return Utf8.string(messageBuffer(i), messageStart(i), messageEnd(i));
    }

    /** The event's id, or null when it has none. */
    public String id(int i) {
        int from = bounds[4 * i];
        return from < 0 ? null : Utf8.string(buffer(i, ID_IN_SOURCE), from, bounds[4 * i + 1]);
    }

    public long timestamp(int i) {
        return timestamps[i];
    }

    public List<LogEvent> toList() {
        List<LogEvent> events = new ArrayList<>(size);
        for (int i = 0; i < size; i++) events.add(new LogEvent(id(i), timestamp(i), message(i)));
        return events;
    }

    void clear() {
        length = 0;
        size = 0;
        source = null;
    }

    /** Drops what was appended after {@code length} (a reader going back to read an event another way). */
    void truncate(int length) {
        this.length = length;
    }

    /** How many bytes the buffer holds: where the next appended text starts. */
    int length() {
        return length;
    }

    private void ensure(int more) {
        if (length + more > text.length) text = Arrays.copyOf(text, Math.max(text.length * 2, length + more));
    }

    /** Appends one char, encoded. */
    void append(char c) {
        ensure(3);
        length = Utf8.encode(c, text, length);
    }

    /** Appends bytes as they are: UTF-8 the caller has checked. */
    void append(byte[] bytes, int from, int to) {
        ensure(to - from);
        System.arraycopy(bytes, from, text, length, to - from);
        length += to - from;
    }

    /** Appends chars, encoded; returns where they start. */
    int append(char[] chars, int offset, int count) {
        int start = length;
        ensure(3 * count);
        for (int i = offset; i < offset + count; i++) length = Utf8.encode(chars[i], text, length);
        return start;
    }

    int append(String s) {
        int start = length;
        ensure(3 * s.length());
        for (int i = 0; i < s.length(); i++) length = Utf8.encode(s.charAt(i), text, length);
        return start;
    }

    /** An event whose id (idStart -1: none) and message were appended. */
    void add(int idStart, int idEnd, long timestamp, int messageStart, int messageEnd) {
        add(idStart, idEnd, timestamp, messageStart, messageEnd, 0);
    }

    /**
     * An event whose id (idStart -1: none) and message are in {@link #text}, or in {@link #source} where {@code
     * inSource} has {@link #ID_IN_SOURCE} or {@link #MESSAGE_IN_SOURCE}.
     */
    void add(int idStart, int idEnd, long timestamp, int messageStart, int messageEnd, int inSource) {
        if (size == timestamps.length) {
            timestamps = Arrays.copyOf(timestamps, size * 2);
            bounds = Arrays.copyOf(bounds, 4 * size * 2);
            flags = Arrays.copyOf(flags, size * 2);
        }
        bounds[4 * size] = idStart;
        bounds[4 * size + 1] = idEnd;
        bounds[4 * size + 2] = messageStart;
        bounds[4 * size + 3] = messageEnd;
        flags[size] = (byte) inSource;
        timestamps[size++] = timestamp;
    }
}
