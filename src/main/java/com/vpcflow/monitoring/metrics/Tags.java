package com.vpcflow.monitoring.metrics;

import java.util.Arrays;
import java.util.List;

/** Builds a point's tag array: {@code key:value} strings, sorted, so equal tag sets compare equal. */
public final class Tags {
    private final String[] tags;
    private int size;

    public Tags(int capacity) {
        tags = new String[capacity];
    }

    public Tags add(String key, String value) {
        if (value != null) tags[size++] = key + ':' + value;
        return this;
    }

    public Tags addAll(List<String> keyValues) {
        for (String kv : keyValues) tags[size++] = kv;
        return this;
    }

    /** A sorted copy; the builder can be reused for more tags afterwards. */
    public String[] sorted() {
        String[] out = Arrays.copyOf(tags, size);
        Arrays.sort(out);
        return out;
    }

    /** A sorted copy with one more tag. */
    public String[] sortedWith(String key, String value) {
        String[] out = Arrays.copyOf(tags, size + 1);
        out[size] = key + ':' + value;
        Arrays.sort(out);
        return out;
    }
}
