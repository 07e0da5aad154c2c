package com.vpcflow.monitoring.flowlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.vpcflow.monitoring.metrics.SkipReason;
import com.vpcflow.monitoring.metrics.Utf8;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The parser against a plain reference (split on spaces and tabs, {@link String} checks per field) on seeded random
 * lines, valid and mutated: runs of separators, fields of every length around the parser's eight-byte steps, junk
 * numbers (digits with a byte next to them in ASCII among them), non-ASCII text, missing and extra fields; each line inside a buffer between bytes that are not its own,
 * so reading past the line's end shows. Same record, or the same reason and message.
 */
class FlowRecordParserDifferentialTest {
    private static final String WIDE = "${version} ${vpc-id} ${interface-id} ${account-id} ${srcaddr} ${dstaddr} "
            + "${srcport} ${dstport} ${protocol} ${bytes} ${packets} ${start} ${end} ${action} ${tcp-flags} "
            + "${log-status} ${region} ${az-id} ${flow-direction} ${traffic-path} ${reject-reason}";
    private static final String[] KEPT = {"vpc-id", "az-id", "tcp-flags", "srcport"};

    /**
     * @param wide a format of many fields (kept ones too), else the default format
     * @param plain one space between fields, none around: the lines the parser's default-format path takes
     * @param repeating version, account and interface mostly as on the line before, as in a payload (one log stream),
     *     else one of a few that begin with each other: the parser compares a line's start with the line before's
     */
    @ParameterizedTest(name = "wide {0}, plain {1}, repeating {2}")
    @CsvSource({"false, false, false", "true, false, false", "false, true, false", "false, true, true"})
    void agreesWithTheReferenceOnRandomLines(boolean wide, boolean plain, boolean repeating) {
        FlowLogFormat format = FlowLogFormat.parse(wide ? WIDE : FlowLogFormat.DEFAULT_TEXT);
        String[] kept = wide ? KEPT : new String[0];
        FlowRecordParser parser = new FlowRecordParser(format, kept);
        // the same lines into one record, as the job reuses its records: nothing of a line before may stay
        FlowRecordParser reusing = new FlowRecordParser(format, kept);
        FlowRecord reused = new FlowRecord();
        SplittableRandom rnd = new SplittableRandom(wide ? 17 : repeating ? 23 : plain ? 9 : 5);
        java.util.Map<String, Integer> outcomes = new java.util.TreeMap<>();
        for (int i = 0; i < 40_000; i++) {
            String line = line(format, rnd, plain, repeating);
            byte[] bytes = Utf8.bytes(line);
            int before = rnd.nextInt(12);
            byte[] buffer = new byte[before + bytes.length + rnd.nextInt(12)];
            Arrays.fill(buffer, (byte) (rnd.nextBoolean() ? 'x' : '9')); // never a separator around the line
            System.arraycopy(bytes, 0, buffer, before, bytes.length);
            String expected = reference(format, kept, line);
            String actual;
            try {
                actual = render(parser.parse(buffer, before, before + bytes.length));
            } catch (UnsupportedLineException e) {
                actual = e.getMessage();
            }
            assertThat(actual).as(line).isEqualTo(expected);
            reused.ip = "set by the address"; // as EniAddress leaves a record the job reuses
            reused.direction = EniAddress.INBOUND;
            try {
                actual = render(reusing.parse(buffer, before, before + bytes.length, reused));
            } catch (UnsupportedLineException e) {
                actual = e.getMessage();
            }
            assertThat(actual).as("into a reused record: " + line).isEqualTo(expected);
            outcomes.merge(expected.startsWith("FlowRecord{") ? "parsed" : expected.split(":")[0], 1, Integer::sum);
        }
        // the lines reach every outcome, often
        assertThat(outcomes.keySet()).containsExactly("bad_number", "field_count", "missing_field", "parsed");
        assertThat(outcomes.values()).allSatisfy(n -> assertThat(n).isGreaterThan(300));
    }

    /** A valid line of the format, then maybe mutated. */
    private static String line(FlowLogFormat format, SplittableRandom rnd, boolean plain, boolean repeating) {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < format.size(); i++) fields.add(value(format.field(i), rnd, repeating));
        int mutations = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(2) : 0;
        for (int m = 0; m < mutations; m++) {
            int at = rnd.nextInt(fields.size() + 1);
            switch (rnd.nextInt(5)) {
                case 0 -> fields.add(at, text(rnd));
                case 1 -> {
                    if (!fields.isEmpty()) fields.remove(Math.min(at, fields.size() - 1));
                }
                default -> {
                    if (at < fields.size()) fields.set(at, junk(rnd));
                }
            }
        }
        StringBuilder s = new StringBuilder();
        int odd = plain ? 400 : 10; // how rarely a line has separators other than one space between fields
        if (rnd.nextInt(odd) == 0) s.append(separators(rnd));
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) s.append(rnd.nextInt(odd * 6 / 10) == 0 ? separators(rnd) : " ");
            s.append(fields.get(i));
        }
        if (rnd.nextInt(odd) == 0) s.append(separators(rnd));
        return s.toString();
    }

    private static String value(FlowLogField field, SplittableRandom rnd, boolean repeating) {
        if (rnd.nextInt(30) == 0) return "-";
        if (repeating) {
            // the first of each nearly always; the others begin with it, or it with them
            String[] few =
                    switch (field) {
                        case VERSION -> new String[] {"2", "20", "3"};
                        case ACCOUNT_ID -> new String[] {"123456789010", "1234567890101", "12345678901"};
                        case INTERFACE_ID -> new String[] {"eni-ab12", "eni-ab123", "eni-ab1", "eni-ab1é"};
                        default -> null;
                    };
            if (few != null) return few[rnd.nextInt(6) == 0 ? rnd.nextInt(few.length) : 0];
        }
        return switch (field) {
            case ACTION -> rnd.nextBoolean() ? "ACCEPT" : "REJECT";
            case LOG_STATUS -> new String[] {"OK", "NODATA", "SKIPDATA"}[rnd.nextInt(3)];
            case FLOW_DIRECTION -> rnd.nextBoolean() ? "ingress" : "egress";
            case INTERFACE_ID -> "eni-"
                    + Long.toHexString(rnd.nextLong() | 1L << 63).substring(0, 1 + rnd.nextInt(16));
            case START, END -> Long.toString(1_700_000_000L + rnd.nextInt(100_000));
            default -> field.kind() == FlowLogField.Kind.NUMBER
                    ? Long.toString(rnd.nextLong(Math.min(field.max(), 1L << rnd.nextInt(1, 63)) + 1))
                    : text(rnd);
        };
    }

    /** Text of 1 to 40 characters, sometimes not ASCII, sometimes one of the words the parser knows. */
    private static String text(SplittableRandom rnd) {
        if (rnd.nextInt(8) == 0) return new String[] {"ACCEPT", "OK", "-", "NODATA", "ACCEPTED", "O"}[rnd.nextInt(6)];
        int length = 1 + rnd.nextInt(40);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int k = rnd.nextInt(40);
            s.append(k == 0 ? 'é' : k == 1 ? '中' : (char) ('!' + rnd.nextInt(94)));
        }
        return s.toString();
    }

    private static String junk(SplittableRandom rnd) {
        String[] junk = {
            "-",
            "--",
            "+5",
            "-5",
            "1a",
            "a1",
            "1.5",
            "0x10",
            "١",
            "9223372036854775807",
            "9223372036854775808",
            "99999999999999999999",
            "65535",
            "65536",
            "255",
            "256",
            "000000000000000000001",
            "18446744073709551616"
        };
        return switch (rnd.nextInt(3)) {
            case 0 -> junk[rnd.nextInt(junk.length)];
            case 1 -> nearDigits(rnd);
            default -> text(rnd);
        };
    }

    /** 8 to 12 digits, one of them swapped for a byte next to the digits ({@code /} or {@code :} to {@code ?}). */
    private static String nearDigits(SplittableRandom rnd) {
        char[] digits =
                Long.toString(rnd.nextLong(10_000_000L, 1_000_000_000_000L)).toCharArray();
        digits[rnd.nextInt(digits.length)] = "/:;<=>?".charAt(rnd.nextInt(7));
        return new String(digits);
    }

    private static String separators(SplittableRandom rnd) {
        StringBuilder s = new StringBuilder();
        int n = 1 + rnd.nextInt(10);
        for (int i = 0; i < n; i++) s.append(rnd.nextBoolean() ? ' ' : '\t');
        return s.toString();
    }

    /** What the parser must make of the line: a rendered record, or "reason: message". */
    private static String reference(FlowLogFormat format, String[] kept, String line) {
        List<String> tokens = new ArrayList<>();
        for (String t : line.split("[ \t]+")) if (!t.isEmpty()) tokens.add(t);
        FlowRecord r = new FlowRecord();
        r.fields = new String[kept.length];
        int n = format.size();
        boolean hasStart = false;
        for (int i = 0; i < tokens.size(); i++) {
            if (i == n) return SkipReason.FIELD_COUNT.tag() + ": more than " + n + " fields";
            String t = tokens.get(i);
            FlowLogField field = format.field(i);
            String keptValue;
            if (field.kind() == FlowLogField.Kind.NUMBER) {
                long value;
                if (t.equals("-")) value = -1;
                else {
                    String refused = refusal(t, field);
                    if (refused != null) return SkipReason.BAD_NUMBER.tag() + ": " + field.fieldName() + refused;
                    value = Long.parseLong(t);
                }
                switch (field) {
                    case PROTOCOL -> r.protocol = (int) value;
                    case PACKETS -> r.packets = value;
                    case BYTES -> r.bytes = value;
                    case START -> {
                        r.start = value;
                        hasStart = value >= 0;
                    }
                    case END -> r.end = value;
                    default -> {}
                }
                keptValue = value < 0 ? null : t;
            } else {
                String text = t.equals("-") ? null : t;
                switch (field) {
                    case INTERFACE_ID -> r.interfaceId = text;
                    case ACTION -> r.action = t;
                    case LOG_STATUS -> r.logStatus = t;
                    case ACCOUNT_ID -> r.accountId = text;
                    case REGION -> r.region = text;
                    case SRCADDR -> r.srcAddr = text;
                    case DSTADDR -> r.dstAddr = text;
                    case FLOW_DIRECTION -> r.flowDirection = text;
                    default -> {}
                }
                keptValue = text;
            }
            int k = Arrays.asList(kept).indexOf(format.name(i));
            if (k >= 0) r.fields[k] = keptValue;
        }
        if (tokens.size() != n)
            return SkipReason.FIELD_COUNT.tag() + ": " + tokens.size() + " fields, the format has " + n;
        if (r.interfaceId == null) return SkipReason.MISSING_FIELD.tag() + ": no interface-id";
        if (!hasStart) return SkipReason.MISSING_FIELD.tag() + ": no start";
        if (r.action == null) r.action = FlowRecord.NO_VALUE;
        return render(r);
    }

    /** Why a number field's text is refused (digits read in order, each checked against the range), or null. */
    private static String refusal(String t, FlowLogField field) {
        if (Utf8.bytes(t).length > 19) return " is out of range"; // the parser counts bytes
        java.math.BigInteger value = java.math.BigInteger.ZERO;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') return " is not a number";
            value = value.multiply(java.math.BigInteger.TEN).add(java.math.BigInteger.valueOf(c - '0'));
            if (value.compareTo(java.math.BigInteger.valueOf(field.max())) > 0) return " is out of range";
        }
        return null;
    }

    private static String render(FlowRecord r) {
        return r + " account=" + r.accountId + " region=" + r.region + " flowDirection=" + r.flowDirection + " fields="
                + Arrays.toString(r.fields);
    }
}
