package com.vpcflow.monitoring.stats;

import java.util.Arrays;

/**
 * What distinguishes series within one (ENI, action) window: a value per dimension (see {@link Dimensions}), each
 * becoming a tag, so two groups never produce the same (metric, tags). A null value means no such tag.
 */
public final class SeriesGroup {
    /** The value of a folded group's dimensions (see {@code --max-groups-per-key}). */
    public static final String OTHER = "other";

    private final String[] values;
    private final int hash;

    public SeriesGroup(String[] values) {
        this.values = values;
        this.hash = Arrays.hashCode(values);
    }

    public int size() {
        return values.length;
    }

    public String value(int i) {
        return values[i];
    }

    /** The group every folded group goes into: every dimension reads {@link #OTHER}. */
    public static SeriesGroup other(int dimensions) {
        String[] values = new String[dimensions];
        Arrays.fill(values, OTHER);
        return new SeriesGroup(values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeriesGroup g && hash == g.hash && Arrays.equals(values, g.values);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
