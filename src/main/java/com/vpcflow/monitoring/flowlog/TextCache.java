package com.vpcflow.monitoring.flowlog;

import java.util.Arrays;

/**
 * Strings for the text fields of flow records, made once per distinct value while it keeps coming: a direct-mapped
 * table of {@value #SLOTS} slots, each holding the last string that hashed to it. Interface ids, accounts, actions,
 * statuses and a busy ENI's addresses repeat across a payload's records, so most fields cost a hash and a compare,
 * not a new string, and the strings handed on carry their hash for the maps downstream. Bounded: at most {@value
 * #SLOTS} strings, none longer than a record. Not thread-safe: one per parser.
 */
final class TextCache {
    static final int SLOTS = 4096;

    private final String[] strings = new String[SLOTS];
    private final char[][] chars = new char[SLOTS][];

    String get(char[] text, int from, int to) {
        int hash = 0;
        for (int i = from; i < to; i++) hash = 31 * hash + text[i];
        return get(text, from, to, hash);
    }

    /** As {@link #get(char[], int, int)}, with the text's {@link String#hashCode} already summed by the caller. */
    String get(char[] text, int from, int to, int hash) {
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        char[] cached = chars[slot];
        if (cached != null
                && cached.length == to - from
                && strings[slot].hashCode() == hash
                && Arrays.equals(cached, 0, cached.length, text, from, to)) {
            return strings[slot];
        }
        String s = new String(text, from, to - from);
        strings[slot] = s;
        chars[slot] = Arrays.copyOfRange(text, from, to);
        return s;
    }
}
