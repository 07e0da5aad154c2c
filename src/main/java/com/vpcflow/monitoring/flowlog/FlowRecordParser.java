package com.vpcflow.monitoring.flowlog;

import com.vpcflow.monitoring.metrics.AsciiDigits;
import com.vpcflow.monitoring.metrics.JsonText;
import com.vpcflow.monitoring.metrics.SkipReason;
import com.vpcflow.monitoring.metrics.Utf8;
import java.util.Arrays;

/**
 * Parses flow-log lines of one {@link FlowLogFormat}. Scans each line once, without regex or split: what each
 * position of the format holds is decided when the parser is made ({@link #role}), number fields are parsed while
 * they are scanned, and only the fields the metrics keep become strings, repeated values one string ({@link
 * TextCache}). Lines of the default format take a path of their own first ({@link #parseDefault}). Not
 * thread-safe: one per operator.
 */
public final class FlowRecordParser {
    // What a position of the format is, as a small int for the per-field switch.
    private static final int SKIP_TEXT = 0,
            SKIP_NUMBER = 1,
            PROTOCOL = 2,
            PACKETS = 3,
            BYTES = 4,
            START = 5,
            END = 6,
            INTERFACE_ID = 7,
            ACTION = 8,
            LOG_STATUS = 9,
            ACCOUNT_ID = 10,
            REGION = 11,
            SRCADDR = 12,
            DSTADDR = 13,
            FLOW_DIRECTION = 14,
            KEPT_TEXT = 15;

    private final FlowLogField[] fields;
    /** Per position: what it holds (the constants above). */
    private final int[] role;
    /** Per position: where its text goes in {@link FlowRecord#fields}, or -1 when it is not kept. */
    private final int[] keep;
    /** Per position: the largest value of a number field. */
    private final long[] max;

    private final int kept;
    private final TextCache strings = new TextCache();

    /**
     * The values action and log-status take, as these very strings: matched by hash and bytes without a cache lookup,
     * and compared by identity downstream ({@link FlowRecord#carriesTraffic}, the batches' and statuses' identity
     * shortcuts). Any other value goes through the cache.
     */
    private static final String[] WORDS = {"ACCEPT", "REJECT", "OK", "NODATA", "SKIPDATA", FlowRecord.NO_VALUE};

    private static final byte[][] WORD_BYTES = new byte[WORDS.length][];
    private static final int[] WORD_HASHES = new int[WORDS.length];

    static {
        for (int i = 0; i < WORDS.length; i++) {
            WORD_BYTES[i] = Utf8.bytes(WORDS[i]);
            WORD_HASHES[i] = TextCache.hash(WORD_BYTES[i], 0, WORD_BYTES[i].length);
        }
    }

    public FlowRecordParser(FlowLogFormat format) {
        this(format, new String[0]);
    }

    /** A parser that also keeps the text of these fields ({@code -} as null), in this order, in {@link FlowRecord#fields}. */
    public FlowRecordParser(FlowLogFormat format, String[] keptFields) {
        int n = format.size();
        this.fields = new FlowLogField[n];
        this.role = new int[n];
        this.keep = new int[n];
        this.max = new long[n];
        Arrays.fill(keep, -1);
        for (int i = 0; i < keptFields.length; i++) {
            int position = format.indexOf(keptFields[i]);
            if (position < 0) throw new IllegalArgumentException("the format has no field " + keptFields[i]);
            keep[position] = i;
        }
        for (int i = 0; i < n; i++) {
            fields[i] = format.field(i);
            max[i] = fields[i].max();
            role[i] = roleOf(fields[i], keep[i] >= 0);
        }
        this.kept = keptFields.length;
        this.defaultFormat = kept == 0
                && format.headerLine()
                        .equals(FlowLogFormat.parse(FlowLogFormat.DEFAULT_TEXT).headerLine());
    }

    /** The default format, no fields kept: lines go through {@link #parseDefault} first. */
    private final boolean defaultFormat;

    private static int roleOf(FlowLogField field, boolean kept) {
        switch (field) {
            case PROTOCOL:
                return PROTOCOL;
            case PACKETS:
                return PACKETS;
            case BYTES:
                return BYTES;
            case START:
                return START;
            case END:
                return END;
            case INTERFACE_ID:
                return INTERFACE_ID;
            case ACTION:
                return ACTION;
            case LOG_STATUS:
                return LOG_STATUS;
            case ACCOUNT_ID:
                return ACCOUNT_ID;
            case REGION:
                return REGION;
            case SRCADDR:
                return SRCADDR;
            case DSTADDR:
                return DSTADDR;
            case FLOW_DIRECTION:
                return FLOW_DIRECTION;
            default:
                if (field.kind() == FlowLogField.Kind.NUMBER) return SKIP_NUMBER;
                return kept ? KEPT_TEXT : SKIP_TEXT;
        }
    }

    /** @throws UnsupportedLineException when the line does not fit the format */
    public FlowRecord parse(String line) throws UnsupportedLineException {
        byte[] bytes = Utf8.bytes(line);
        return parse(bytes, 0, bytes.length);
    }

    /**
     * Parses the line in {@code line[from, to)}, UTF-8 in the decoder's buffer: no string is made for the line.
     *
     * @throws UnsupportedLineException when the line does not fit the format
     */
    public FlowRecord parse(byte[] line, int from, int to) throws UnsupportedLineException {
        return parse(line, from, to, new FlowRecord());
    }

    /**
     * As {@link #parse(byte[], int, int)}, into {@code r}, which is reset first: a caller done with a payload's
     * records before the next payload's reuses them (a record a line was 42% of the bytes the per-record path
     * allocated). Returns {@code r}; on a refused line {@code r} holds whatever was read.
     */
    public FlowRecord parse(byte[] line, int from, int to, FlowRecord r) throws UnsupportedLineException {
        r.reset();
        if (defaultFormat) {
            // what a refused default-format path set, the generic loop sets again: it assigns every field the format
            // has
            if (parseDefault(line, from, to, r)) return r;
        }
        return parseAny(line, from, to, r);
    }

    /**
     * A line of the default (version 2) format as nearly all are: its fields in order, one space apart, numbers in
     * plain digits within range, no {@code -}. The same record {@link #parseAny} makes of it, without
     * a role looked up and switched on per field: 14% less CPU a line than the generic loop (measured in one JVM,
     * rounds interleaved). False for any other line, which {@link #parseAny} then reads, or refuses with its reason.
     */
    private boolean parseDefault(byte[] line, int from, int to, FlowRecord r) {
        int at;
        int prefixEnd = from + lastPrefix.length;
        if (lastPrefix.value != null
                && prefixEnd < to
                && Arrays.equals(lastPrefix.bytes, 0, lastPrefix.length, line, from, prefixEnd)
                && endsAField(line, prefixEnd, to, false)) {
            // the same bytes as the previous line's version, account and interface, which that line's checks passed;
            // the check is plainText(.., LastText)'s, written out again: one method for both measured 16 ns a record
            // slower on the decode-and-parse step (median of 28 paired rounds, slower in 21)
            r.accountId = prefixAccount;
            r.interfaceId = lastPrefix.value;
        } else {
            if (plainNumber(line, from, to, 0, false) < 0) return false; // version
            if ((r.accountId = plainText(line, nextField, to, lastAccount)) == null) return false;
            if ((r.interfaceId = plainText(line, nextField, to, lastInterface)) == null) return false;
            lastPrefix.set(line, from, fieldEnd, r.interfaceId);
            prefixAccount = r.accountId;
        }
        if ((r.srcAddr = plainText(line, nextField, to, lastSrcAddr)) == null) return false;
        if ((r.dstAddr = plainText(line, nextField, to, lastDstAddr)) == null) return false;
        if (plainNumber(line, nextField, to, 5, false) < 0) return false; // srcport
        if (plainNumber(line, nextField, to, 6, false) < 0) return false; // dstport
        if ((r.protocol = (int) plainNumber(line, nextField, to, 7, false)) < 0) return false;
        if ((r.packets = plainNumber(line, nextField, to, 8, false)) < 0) return false;
        if ((r.bytes = plainNumber(line, nextField, to, 9, false)) < 0) return false;
        if ((r.start = plainNumber(line, nextField, to, 10, false)) < 0) return false;
        if ((r.end = plainNumber(line, nextField, to, 11, false)) < 0) return false;
        if (!plainText(line, at = nextField, to, false)) return false;
        r.action = word(line, at, fieldEnd, textHash);
        if (!plainText(line, at = nextField, to, true)) return false;
        r.logStatus = word(line, at, fieldEnd, textHash);
        return true;
    }

    /** Where the field {@link #plainNumber} or {@link #plainText} read last ended, where the next starts, a text's hash. */
    private int fieldEnd, nextField, textHash;

    /**
     * The number field at {@code pos} if it is plain digits (at most 18) within the field's range and ends as a field
     * of the default format must (one space after it, or the line's end when it is the last): its value, else -1.
     */
    private long plainNumber(byte[] line, int pos, int to, int index, boolean last) {
        int start = pos;
        long value = 0;
        if (to - pos >= 8) {
            long word = JsonText.word(line, pos);
            int digits = AsciiDigits.leadingDigits(word);
            if (digits < 8) {
                // fewer than eight digits (ports, counts, the protocol): read from the one word, moved to its top
                // with zeros below them, which read as leading zeros (a loop per digit: 6% more CPU a line, one JVM)
                if (digits == 0) return -1;
                pos += digits;
                value = AsciiDigits.valueOf(word << (8 * (8 - digits)));
                return value > max[index] || !endsAField(line, pos, to, last) ? -1 : value;
            }
            value = AsciiDigits.valueOf(word);
            pos += 8;
        }
        int digit;
        while (pos < to && (digit = line[pos] - '0') >= 0 && digit <= 9) {
            value = value * 10 + digit;
            pos++;
        }
        if (pos == start || pos - start > 18 || value > max[index] || !endsAField(line, pos, to, last)) return -1;
        return value;
    }

    /**
     * The default-format path's text fields as the previous line had them. A payload is one log stream, one
     * interface: its lines nearly all repeat the account, the interface and one of the addresses, and a field equal
     * to the previous line's is matched by one compare of its bytes instead of a scan, a hash and a cache lookup.
     * {@link #lastPrefix} holds the line's first three fields (version, account, interface) as one, its string the
     * interface's ({@link #prefixAccount} the account's): one compare where the three repeat, as they nearly always
     * do: the decode-and-parse step 6-14 ns a record faster (1-2.5%; the median of 38 paired rounds, two runs), faster
     * in 48 of the 76 rounds.
     */
    private final LastText lastPrefix = new LastText(),
            lastAccount = new LastText(),
            lastInterface = new LastText(),
            lastSrcAddr = new LastText(),
            lastDstAddr = new LastText();

    /**
     * The text field at {@code pos} (not the line's last) as a string, if it is plain as {@link #plainText(byte[],
     * int, int, boolean)} requires; else null.
     */
    private String plainText(byte[] line, int pos, int to, LastText last) {
        int end = pos + last.length;
        // last holds a plain field (no space, tab or lone '-'), so equal bytes followed by a separator are that field
        if (last.value != null
                && end < to
                && Arrays.equals(last.bytes, 0, last.length, line, pos, end)
                && endsAField(line, end, to, false)) {
            return last.value;
        }
        if (!plainText(line, pos, to, false)) return null;
        String value = strings.get(line, pos, fieldEnd, textHash);
        last.set(line, pos, fieldEnd, value);
        return value;
    }

    /** The account of {@link #lastPrefix}. */
    private String prefixAccount;

    /** One field's text on the previous line: its bytes and its string. */
    private static final class LastText {
        byte[] bytes = new byte[64];
        int length;
        String value;

        void set(byte[] line, int from, int to, String value) {
            length = to - from;
            if (length > bytes.length) bytes = new byte[Math.max(length, 2 * bytes.length)];
            System.arraycopy(line, from, bytes, 0, length);
            this.value = value;
        }
    }

    /** Whether the text field at {@code pos} is not {@code -} and ends as {@link #plainNumber}'s must. */
    private boolean plainText(byte[] line, int pos, int to, boolean last) {
        int end = textEnd(line, pos, to);
        return end > pos && !(end - pos == 1 && line[pos] == '-') && endsAField(line, end, to, last);
    }

    /**
     * Where the text field at {@code pos} ends (its first space or tab, or {@code to}); its hash, summed while
     * scanning so the cache does not read it twice, in {@link #textHash}.
     */
    private int textEnd(byte[] line, int pos, int to) {
        int h = 0;
        byte c;
        while (pos < to && (c = line[pos]) != ' ' && c != '\t') {
            h = 31 * h + c;
            pos++;
        }
        textHash = h;
        return pos;
    }

    private boolean endsAField(byte[] line, int pos, int to, boolean last) {
        fieldEnd = pos;
        nextField = pos + 1;
        return last ? pos == to : pos < to - 1 && line[pos] == ' ' && !isSpace(line[pos + 1]);
    }

    private FlowRecord parseAny(byte[] line, int from, int to, FlowRecord r) throws UnsupportedLineException {
        if (kept > 0) r.fields = new String[kept];
        int n = role.length;
        int pos = from;
        int index = 0;
        boolean hasStart = false;
        while (true) {
            while (pos < to && isSpace(line[pos])) pos++;
            if (pos >= to) break;
            if (index == n) {
                throw new UnsupportedLineException(SkipReason.FIELD_COUNT, "more than " + n + " fields");
            }
            int start = pos;
            int what = role[index];
            if (what >= SKIP_NUMBER && what <= END) {
                // digits are summed while scanning; anything else in the field is refused below
                long value = 0;
                boolean digitsOnly = true;
                byte c;
                while (pos < to && (c = line[pos]) != ' ' && c != '\t') {
                    int digit = c - '0';
                    digitsOnly &= digit >= 0 && digit <= 9;
                    value = value * 10 + digit;
                    pos++;
                }
                if (pos - start == 1 && line[start] == '-') {
                    value = -1;
                } else if (!digitsOnly || pos - start > 18) {
                    value = checkedNumber(line, start, pos, index); // refuses, or a 19-digit value that fits
                } else if (value > max[index]) {
                    throw outOfRange(index);
                }
                switch (what) {
                    case PROTOCOL -> r.protocol = (int) value;
                    case PACKETS -> r.packets = value;
                    case BYTES -> r.bytes = value;
                    case START -> {
                        r.start = value;
                        hasStart = value >= 0;
                    }
                    case END -> r.end = value;
                    default -> {} // checked only
                }
                if (keep[index] >= 0) r.fields[keep[index]] = value < 0 ? null : strings.get(line, start, pos);
            } else {
                pos = textEnd(line, pos, to);
                int hash = textHash;
                if (what != SKIP_TEXT) {
                    boolean dash = pos - start == 1 && line[start] == '-';
                    String text;
                    if (what == ACTION || what == LOG_STATUS) text = word(line, start, pos, hash);
                    else text = dash ? null : strings.get(line, start, pos, hash);
                    switch (what) {
                        case INTERFACE_ID -> r.interfaceId = text;
                        case ACTION -> r.action = text;
                        case LOG_STATUS -> r.logStatus = text;
                        case ACCOUNT_ID -> r.accountId = text;
                        case REGION -> r.region = text;
                        case SRCADDR -> r.srcAddr = text;
                        case DSTADDR -> r.dstAddr = text;
                        case FLOW_DIRECTION -> r.flowDirection = text;
                        default -> {} // KEPT_TEXT
                    }
                    if (keep[index] >= 0) r.fields[keep[index]] = dash ? null : text;
                }
            }
            index++;
        }
        if (index != n) {
            throw new UnsupportedLineException(SkipReason.FIELD_COUNT, index + " fields, the format has " + n);
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

    /** One of {@link #WORDS}, or the cache's string for any other value. */
    private String word(byte[] line, int from, int to, int hash) {
        for (int i = 0; i < WORDS.length; i++) {
            if (WORD_HASHES[i] == hash && Arrays.equals(WORD_BYTES[i], 0, WORD_BYTES[i].length, line, from, to)) {
                return WORDS[i];
            }
        }
        return strings.get(line, from, to, hash);
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t';
    }

    private UnsupportedLineException outOfRange(int index) {
        return new UnsupportedLineException(SkipReason.BAD_NUMBER, fields[index].fieldName() + " is out of range");
    }

    /** A non-negative decimal within the field's range; anything else (sign, letters, overflow) is refused. */
    private long checkedNumber(byte[] s, int from, int to, int index) throws UnsupportedLineException {
        if (to - from > 19) throw outOfRange(index);
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = s[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new UnsupportedLineException(
                        SkipReason.BAD_NUMBER, fields[index].fieldName() + " is not a number");
            }
            if (value > (max[index] - digit) / 10) throw outOfRange(index);
            value = value * 10 + digit;
        }
        return value;
    }
}
