package com.vpcflow.monitoring.flowlog;

import com.vpcflow.monitoring.metrics.Utf8;
import java.util.Arrays;

/**
 * Strings for the text fields of flow records, made once per distinct value while it keeps coming: a direct-mapped
 * table of {@value #SLOTS} slots, each holding the last string that hashed to it. Interface ids, accounts, actions,
 * statuses and a busy ENI's addresses repeat across a payload's records, so most fields cost a hash and a compare,
 * not a new string. Bounded: at most {@value #SLOTS} strings, none longer than a record. Not thread-safe: one per
 * parser.
 */
final class TextCache {
    static final int SLOTS = 4096;

    private final String[] strings = new String[SLOTS];
    private final byte[][] bytes = new byte[SLOTS][];

    String get(byte[] text, int from, int to) {
        return get(text, from, to, hash(text, from, to));
    }

    /** As {@link #get(byte[], int, int)}, with the text's {@link #hash} already summed by the caller. */
    String get(byte[] text, int from, int to, int hash) {
        int slot = slot(hash);
        byte[] cached = bytes[slot];
        if (cached != null && Arrays.equals(cached, 0, cached.length, text, from, to)) return strings[slot];
        String s = Utf8.string(text, from, to);
        strings[slot] = s;
        bytes[slot] = Arrays.copyOfRange(text, from, to);
        return s;
    }

    static int slot(int hash) {
        return (hash ^ (hash >>> 16)) & (SLOTS - 1);
    }

    /** The hash {@link FlowRecordParser} sums while it scans a field. */
    static int hash(byte[] b, int from, int to) {
        int hash = 0;
        for (int i = from; i < to; i++) hash = 31 * hash + b[i];
        return hash;
    }
}
