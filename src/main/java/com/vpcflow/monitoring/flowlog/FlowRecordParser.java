package com.vpcflow.monitoring.flowlog;

import com.vpcflow.monitoring.metrics.SkipReason;

/**
 * Parses flow-log lines of one {@link FlowLogFormat}. Scans each line once, without regex or split: number fields
 * are parsed in place and only the fields the metrics keep become strings. Not thread-safe: one per operator.
 */
public final class FlowRecordParser {
    private final FlowLogFormat format;
    /** Per position in a record: where its text goes in {@link FlowRecord#fields}, or -1 when it is not kept. */
    private final int[] keep;

    private final int kept;

    public FlowRecordParser(FlowLogFormat format) {
        this(format, new String[0]);
    }

    /** A parser that also keeps the text of these fields ({@code -} as null), in this order, in {@link FlowRecord#fields}. */
    public FlowRecordParser(FlowLogFormat format, String[] keptFields) {
        this.format = format;
        this.keep = new int[format.size()];
        java.util.Arrays.fill(keep, -1);
        for (int i = 0; i < keptFields.length; i++) {
            int position = format.indexOf(keptFields[i]);
            if (position < 0) throw new IllegalArgumentException("the format has no field " + keptFields[i]);
            keep[position] = i;
        }
        this.kept = keptFields.length;
    }

    /** @throws UnsupportedLineException when the line does not fit the format */
    public FlowRecord parse(String line) throws UnsupportedLineException {
        FlowRecord r = new FlowRecord();
        if (kept > 0) r.fields = new String[kept];
        int len = line.length();
        int pos = 0;
        int index = 0;
        boolean hasStart = false;
        while (true) {
            while (pos < len && isSpace(line.charAt(pos))) pos++;
            if (pos >= len) break;
            int from = pos;
            while (pos < len && !isSpace(line.charAt(pos))) pos++;
            if (index == format.size()) {
                throw new UnsupportedLineException(SkipReason.FIELD_COUNT, "more than " + format.size() + " fields");
            }
            FlowLogField field = format.field(index);
            boolean dash = pos - from == 1 && line.charAt(from) == '-';
            if (keep[index] >= 0 && !dash) r.fields[keep[index]] = line.substring(from, pos);
            if (field.kind() == FlowLogField.Kind.NUMBER) {
                long value = dash ? -1 : parseNumber(line, from, pos, field);
                switch (field) {
                    case PROTOCOL:
                        r.protocol = (int) value;
                        break;
                    case PACKETS:
                        r.packets = value;
                        break;
                    case BYTES:
                        r.bytes = value;
                        break;
                    case START:
                        r.start = value;
                        hasStart = value >= 0;
                        break;
                    case END:
                        r.end = value;
                        break;
                    default:
                        break; // checked, not kept
                }
            } else {
                switch (field) {
                    case INTERFACE_ID:
                        r.interfaceId = dash ? null : line.substring(from, pos);
                        break;
                    case ACTION:
                        r.action = line.substring(from, pos);
                        break;
                    case LOG_STATUS:
                        r.logStatus = line.substring(from, pos);
                        break;
                    case ACCOUNT_ID:
                        r.accountId = dash ? null : line.substring(from, pos);
                        break;
                    case REGION:
                        r.region = dash ? null : line.substring(from, pos);
                        break;
                    case SRCADDR:
                        r.srcAddr = dash ? null : line.substring(from, pos);
                        break;
                    case DSTADDR:
                        r.dstAddr = dash ? null : line.substring(from, pos);
                        break;
                    case FLOW_DIRECTION:
                        r.flowDirection = dash ? null : line.substring(from, pos);
                        break;
                    default:
                        break; // text we do not keep
                }
            }
            index++;
        }
        if (index != format.size()) {
            throw new UnsupportedLineException(
                    SkipReason.FIELD_COUNT, index + " fields, the format has " + format.size());
        }
        if (r.interfaceId == null) {
            throw new UnsupportedLineException(SkipReason.MISSING_FIELD, "no interface-id");
        }
        if (!hasStart) {
            throw new UnsupportedLineException(SkipReason.MISSING_FIELD, "no start");
        }
        if (r.action == null) r.action = FlowRecord.NO_VALUE;
        return r;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    /** A non-negative decimal within the field's range; anything else (sign, letters, overflow) is refused. */
    private static long parseNumber(String s, int from, int to, FlowLogField field) throws UnsupportedLineException {
        if (to - from > 19) {
            throw new UnsupportedLineException(SkipReason.BAD_NUMBER, field.fieldName() + " is out of range");
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = s.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                throw new UnsupportedLineException(SkipReason.BAD_NUMBER, field.fieldName() + " is not a number");
            }
            if (value > (field.max() - digit) / 10) {
                throw new UnsupportedLineException(SkipReason.BAD_NUMBER, field.fieldName() + " is out of range");
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
