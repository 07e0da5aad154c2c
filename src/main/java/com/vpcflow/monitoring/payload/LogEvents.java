package com.vpcflow.monitoring.payload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The log events of one decoded payload, their ids and messages side by side in one reused character buffer: no
 * string or object per event, so a flow record is parsed straight from the decoded text. Strings are made only on
 * request (a skipped record's log line). Reused by its decoder: valid until the next payload is decoded. Bounded:
 * the buffer holds one payload's messages, at most as many chars as the payload's capped decompressed bytes.
 */
public final class LogEvents {
    private char[] text = new char[1 << 16];
    private int length;
    private int size;
    /** Per event: id start and end, message start and end, in {@link #text}. */
    private int[] bounds = new int[4 * 64];

    private long[] timestamps = new long[64];

    public int size() {
        return size;
    }

    /** The buffer the messages are in; see {@link #messageStart} and {@link #messageEnd}. */
    public char[] text() {
        return text;
    }

    public int messageStart(int i) {
        return bounds[4 * i + 2];
    }

    public int messageEnd(int i) {
        return bounds[4 * i + 3];
    }

    public String message(int i) {
        return new String(text, messageStart(i), messageEnd(i) - messageStart(i));
    }

    /** The event's id, or null when it has none. */
    public String id(int i) {
        int from = bounds[4 * i];
        return from < 0 ? null : new String(text, from, bounds[4 * i + 1] - from);
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
    }

    /** How many chars the buffer holds: where the next appended text starts. */
    int length() {
        return length;
    }

    void append(char c) {
        if (length == text.length) text = Arrays.copyOf(text, text.length * 2);
        text[length++] = c;
    }

    /** Appends ASCII bytes as chars. */
    void appendAscii(byte[] bytes, int from, int to) {
        int count = to - from;
        if (length + count > text.length) text = Arrays.copyOf(text, Math.max(text.length * 2, length + count));
        char[] t = text;
        int at = length - from;
        for (int i = from; i < to; i++) t[at + i] = (char) bytes[i]; // locals only: the JIT copies it in vectors
        length += count;
    }

    /** Copies text into the buffer; returns where it starts. */
    int append(char[] chars, int offset, int count) {
        if (length + count > text.length) text = Arrays.copyOf(text, Math.max(text.length * 2, length + count));
        System.arraycopy(chars, offset, text, length, count);
        length += count;
        return length - count;
    }

    int append(String s) {
        if (length + s.length() > text.length) {
            text = Arrays.copyOf(text, Math.max(text.length * 2, length + s.length()));
        }
        s.getChars(0, s.length(), text, length);
        length += s.length();
        return length - s.length();
    }

    /** An event whose id (idStart -1: none) and message were appended. */
    void add(int idStart, int idEnd, long timestamp, int messageStart, int messageEnd) {
        if (size == timestamps.length) {
            timestamps = Arrays.copyOf(timestamps, size * 2);
            bounds = Arrays.copyOf(bounds, 4 * size * 2);
        }
        bounds[4 * size] = idStart;
        bounds[4 * size + 1] = idEnd;
        bounds[4 * size + 2] = messageStart;
        bounds[4 * size + 3] = messageEnd;
        timestamps[size++] = timestamp;
    }
}
