package com.vpcflow.monitoring.flowlog;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A flow log's record layout, parsed from the {@code LogFormat} string it was created with, e.g.
 * {@code ${version} ${account-id} ${interface-id} ...}. Immutable.
 */
public final class FlowLogFormat implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The format of a flow log created without one: version 2's fields. */
    public static final String DEFAULT_TEXT = "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} "
            + "${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}";

    private static final Pattern PLAIN = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern FIELD = Pattern.compile("\\$\\{([a-z0-9][a-z0-9-]*)}");

    private final String text;
    private final String[] names;
    private final FlowLogField[] fields;

    private FlowLogFormat(String text, String[] names, FlowLogField[] fields) {
        this.text = text;
        this.names = names;
        this.fields = fields;
    }

    /**
     * A format as AWS shows it ({@code ${version} ${account-id} ...}) or as the header line of S3 files names the
     * fields ({@code version account-id ...}), one form or the other throughout.
     *
     * @throws IllegalArgumentException saying what is wrong when the string is not a usable format
     */
    public static FlowLogFormat parse(String text) {
        String[] tokens = text.trim().split("\\s+");
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Boolean braced = null;
        for (String token : tokens) {
            Matcher m = FIELD.matcher(token);
            boolean isBraced = m.matches();
            if (!isBraced && !PLAIN.matcher(token).matches()) {
                throw new IllegalArgumentException("expected space-separated field names, as ${version} ${account-id} …"
                        + " or as version account-id …, got '" + token + "'"
                        + (token.matches("[0-9][0-9.]*.*")
                                ? " (a shell or Maven may have replaced a ${…}: give the" + " names without ${ })"
                                : ""));
            }
            if (braced != null && braced != isBraced) {
                throw new IllegalArgumentException(
                        "expected every field as ${name} or every field as a plain name, got '" + token + "'");
            }
            braced = isBraced;
            String name = isBraced ? m.group(1) : token;
            if (!seen.add(name)) {
                throw new IllegalArgumentException("${" + name + "} appears twice");
            }
            names.add(name);
        }
        for (FlowLogField required : List.of(FlowLogField.INTERFACE_ID, FlowLogField.START)) {
            if (!seen.contains(required.fieldName())) {
                throw new IllegalArgumentException("it must contain ${" + required.fieldName()
                        + "} (windows are keyed by interface and timed by start)");
            }
        }
        FlowLogField[] fields = names.stream().map(FlowLogField::byName).toArray(FlowLogField[]::new);
        return new FlowLogFormat(text.trim(), names.toArray(String[]::new), fields);
    }

    public int size() {
        return fields.length;
    }

    public FlowLogField field(int i) {
        return fields[i];
    }

    public String name(int i) {
        return names[i];
    }

    /** Whether the format has this field (by its name in the format, e.g. {@code vpc-id}). */
    public boolean hasField(String name) {
        return indexOf(name) >= 0;
    }

    /** The position of a field in a record, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) return i;
        }
        return -1;
    }

    /** The header line S3 text delivery writes: the field names separated by spaces. */
    public String headerLine() {
        return String.join(" ", names);
    }

    @Override
    public String toString() {
        return text;
    }
}
