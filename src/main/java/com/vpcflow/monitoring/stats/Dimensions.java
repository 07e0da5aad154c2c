package com.vpcflow.monitoring.stats;

import com.vpcflow.monitoring.flowlog.FlowLogFormat;
import com.vpcflow.monitoring.flowlog.FlowRecord;
import com.vpcflow.monitoring.flowlog.IanaProtocols;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The tags that split a window's series besides {@code interface_id} and {@code action} (the window key): each is a
 * derived value ({@code protocol} as its IANA keyword, the ENI's {@code ip}, the record's {@code direction}, {@code
 * aws_account}, {@code region}) or any field of the log format, named with {@code -} turned into {@code _}. A record
 * whose value is {@code -} has no such tag, except {@code protocol}, which keeps {@code -} as the replaced script did.
 */
public final class Dimensions implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The tags of the script this job replaces: what every dashboard built on it expects. */
    public static final List<String> DEFAULT = List.of("protocol", "ip", "direction", "aws_account", "region");

    /** Names that are not a format field as such: decided per record or payload. */
    public static final List<String> DERIVED = List.of("protocol", "ip", "direction", "aws_account", "region");

    /** Tag keys the job sets itself. */
    private static final Set<String> RESERVED = Set.of("interface_id", "action", "status", "reason", "peer_ip");

    private final String[] names;
    /** Per name: the index among the record's kept fields, or -1 for a derived one. */
    private final int[] fieldIndex;
    /** Per name: which derived value it is (its index in {@link #DERIVED}), or -1 for a field. */
    private final int[] derivedIndex;
    /** The format fields whose text the parser keeps for these dimensions, in the order of {@link FlowRecord#fields}. */
    private final String[] keptFields;

    private Dimensions(String[] names, int[] fieldIndex, String[] keptFields) {
        this.names = names;
        this.fieldIndex = fieldIndex;
        this.keptFields = keptFields;
        this.derivedIndex = new int[names.length];
        for (int i = 0; i < names.length; i++) derivedIndex[i] = DERIVED.indexOf(names[i]);
    }

    /**
     * @throws IllegalArgumentException naming the dimension, and the format when it lacks the field
     */
    public static Dimensions of(List<String> names, FlowLogFormat format) {
        Set<String> seen = new HashSet<>();
        List<String> kept = new ArrayList<>();
        int[] index = new int[names.size()];
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (!seen.add(name)) throw new IllegalArgumentException(name + " is given twice");
            if (RESERVED.contains(name)) {
                throw new IllegalArgumentException(name + " is a tag the job sets itself");
            }
            if (DERIVED.contains(name)) {
                index[i] = -1;
                continue;
            }
            String field = name.replace('_', '-');
            if (!format.hasField(field)) {
                throw new IllegalArgumentException("the log format has no field " + field + " for the dimension " + name
                        + " (format: " + format + ")");
            }
            index[i] = kept.size();
            kept.add(field);
        }
        return new Dimensions(names.toArray(String[]::new), index, kept.toArray(String[]::new));
    }

    /** The names, in the order of a {@link SeriesGroup}'s values. */
    public String[] names() {
        return names.clone();
    }

    /** The format fields the parser must keep as text for these dimensions. */
    public String[] keptFields() {
        return keptFields.clone();
    }

    public int size() {
        return names.length;
    }

    /** The record's value of each dimension (null: no such tag), into {@code values}, of {@link #size()}. */
    public void valuesInto(FlowRecord r, String[] values) {
        for (int i = 0; i < names.length; i++) {
            values[i] = fieldIndex[i] >= 0 ? r.fields[fieldIndex[i]] : derived(derivedIndex[i], r);
        }
    }

    /** The derived value of index {@code which} in {@link #DERIVED} (an int, not the name: this runs per record). */
    private static String derived(int which, FlowRecord r) {
        switch (which) {
            case 0:
                return IanaProtocols.name(r.protocol);
            case 1:
                return r.ip;
            case 2:
                return r.direction;
            case 3:
                return r.accountId;
            case 4:
                return r.region;
            default:
                throw new IllegalStateException("derived dimension " + which);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dimensions d && Arrays.equals(names, d.names) && Arrays.equals(keptFields, d.keptFields);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(names);
    }

    @Override
    public String toString() {
        return String.join(",", names);
    }
}
