package com.vpcflow.monitoring.payload;

import com.vpcflow.monitoring.metrics.AsciiDigits;
import com.vpcflow.monitoring.metrics.JsonText;
import com.vpcflow.monitoring.metrics.SkipReason;
import com.vpcflow.monitoring.metrics.Utf8;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a subscription payload's JSON (RFC 8259) from the inflated bytes into a {@link DecodedPayload}, in one pass:
 * each event's id and message are checked and copied into {@link LogEvents}' buffer (UTF-8 as it is, escapes
 * decoded), nothing else is kept.
 * Strict as Jackson's streaming parser with its defaults, which it replaced here (a quarter of the decoding thread,
 * mostly its token and name machinery): the same documents are accepted with the same content, the same are refused,
 * and shape problems are reported where a streaming reader meets them ({@code PayloadJsonReaderTest} compares the
 * two). Nesting deeper than {@value #MAX_DEPTH} and numbers longer than {@value #MAX_NUMBER_LENGTH} characters are
 * refused, as Jackson's default constraints do. Not thread-safe: one per decoder.
 */
final class PayloadJsonReader {
    static final int MAX_DEPTH = 1000;
    static final int MAX_NUMBER_LENGTH = 1000;

    private byte[] b;
    private int pos, end;
    /** Whether the last failure was the input ending: for a capped prefix, the cap is the problem, not the JSON. */
    private boolean endedEarly;

    /** The last member name: where it is in the input, or -1 when decoded into {@link #name}; its length. */
    private int nameFrom, nameLength;

    private byte[] name = new byte[32];
    /** Where envelope strings and escaped names are decoded; made on first use. */
    private LogEvents scratch;

    boolean endedEarly() {
        return endedEarly;
    }

    void read(byte[] bytes, int length, DecodedPayload out) throws BadPayloadException {
        b = bytes;
        pos = 0;
        end = length;
        endedEarly = false;
        skipWhitespace();
        if (pos == end) throw shape("payload is not a JSON object");
        if (b[pos] != '{') {
            if (b[pos] != '[' && b[pos] != '"') { // an invalid token is bad JSON before a wrong shape
                boolean number = isNumberStart(b[pos]);
                skipValue(0);
                if (number && pos < end && !isWhitespace(b[pos])) throw bad("no whitespace after a root number");
            }
            throw shape("payload is not a JSON object");
        }
        pos++;
        boolean hasEvents = false;
        if (!isEmpty('}')) {
            do {
                readName();
                int value = valueStart();
                if (nameIs("messageType")) out.messageType = text(value, "messageType");
                else if (nameIs("owner")) out.owner = text(value, "owner");
                else if (nameIs("logGroup")) out.logGroup = text(value, "logGroup");
                else if (nameIs("logStream")) out.logStream = text(value, "logStream");
                else if (nameIs("subscriptionFilters")) out.subscriptionFilters = filters(value);
                else if (nameIs("logEvents")) {
                    out.events.clear(); // a repeated field: the last one counts
                    logEvents(value, out.events);
                    hasEvents = true;
                } else {
                    skipValue(1);
                }
            } while (hasNext('}'));
        }
        if (out.messageType == null) throw shape("no messageType");
        if (!hasEvents && !SubscriptionPayload.CONTROL_MESSAGE.equals(out.messageType)) throw shape("no logEvents");
        skipWhitespace();
        if (pos < end) throw bad("content after the JSON object");
    }

    private List<String> filters(int first) throws BadPayloadException {
        if (first != '[') throw wrongType(first, "subscriptionFilters is not an array");
        pos++;
        List<String> values = new ArrayList<>(1);
        if (isEmpty(']')) return values;
        do {
            int value = valueStart();
            if (value != '"') throw wrongType(value, "subscriptionFilters holds something other than strings");
            values.add(string());
        } while (hasNext(']'));
        return values;
    }

    private void logEvents(int first, LogEvents events) throws BadPayloadException {
        if (first != '[') throw wrongType(first, "logEvents is not an array");
        events.source(b);
        pos++;
        if (isEmpty(']')) return;
        do {
            int element = valueStart();
            if (element != '{') throw wrongType(element, "logEvents holds something other than objects");
            pos++;
            if (compactEvent(events)) continue;
            int idStart = -1, idEnd = -1, messageStart = -1, messageEnd = -1;
            long timestamp = 0;
            if (!isEmpty('}')) {
                do {
                    readName();
                    int value = valueStart();
                    if (nameIs("id")) {
                        if (value == 'n') {
                            literal("null");
                            idStart = idEnd = -1;
                        } else if (value == '"') {
                            idStart = events.length();
                            decodeString(events);
                            idEnd = events.length();
                        } else if (isNumberStart(value)) {
                            int from = pos;
                            if (!number()) throw shape("id is not a string");
                            idStart = events.length();
                            events.append(b, from, pos);
                            idEnd = events.length();
                        } else {
                            throw wrongType(value, "id is not a string");
                        }
                    } else if (nameIs("timestamp")) {
                        if (!isNumberStart(value)) throw wrongType(value, "logEvents[].timestamp is not an integer");
                        int from = pos;
                        if (!number()) throw shape("logEvents[].timestamp is not an integer");
                        timestamp = longValue(from, pos);
                    } else if (nameIs("message")) {
                        if (value == 'n') {
                            literal("null");
                            messageStart = messageEnd = -1;
                        } else if (value == '"') {
                            messageStart = events.length();
                            decodeString(events);
                            messageEnd = events.length();
                        } else {
                            throw wrongType(value, "message is not a string");
                        }
                    } else {
                        skipValue(3);
                    }
                } while (hasNext('}'));
            }
            if (messageStart < 0) throw shape("a log event has no message");
            events.add(idStart, idEnd, timestamp, messageStart, messageEnd);
        } while (hasNext(']'));
    }

    private static final Literal ID = new Literal("\"id\":"),
            TIMESTAMP = new Literal(",\"timestamp\":"),
            MESSAGE = new Literal(",\"message\":");

    /**
     * ASCII the fast path expects, compared a word at a time: its first eight bytes and its last eight (overlapping
     * when shorter than 16), or its first bytes under a mask when shorter than 8. Byte by byte, these three compares
     * were a sixth of the reader's time.
     */
    private static final class Literal {
        final byte[] bytes;
        final long head, tail, mask;

        Literal(String ascii) {
            bytes = ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            // two words cover at most 16 bytes: a longer literal would go unchecked in its middle
            if (bytes.length > 16) throw new IllegalArgumentException("a literal of more than 16 bytes: " + ascii);
            byte[] padded = java.util.Arrays.copyOf(bytes, Math.max(8, bytes.length));
            mask = bytes.length >= 8 ? -1L : (1L << (8 * bytes.length)) - 1;
            head = JsonText.word(padded, 0) & mask;
            tail = JsonText.word(padded, padded.length - 8);
        }
    }

    /**
     * After an event's '{': the layout CloudWatch Logs writes, {@code "id":"…","timestamp":…,"message":"…"}} and no
     * whitespace, read with three literal compares instead of the member loop (names, whitespace, separators: a third
     * of the reader's time). The values are read as the loop reads them, so a bad one fails as it would there; any
     * other layout (order, whitespace, other members, null) returns false with nothing consumed, for the loop.
     */
    private boolean compactEvent(LogEvents events) throws BadPayloadException {
        int from = pos, length = events.length();
        if (!literalAt(ID) || pos == end || b[pos] != '"') return rewind(from, events, length);
        int inSource = eventString(events) ? LogEvents.ID_IN_SOURCE : 0;
        int idStart = stringStart, idEnd = stringEnd;
        if (!literalAt(TIMESTAMP) || pos == end || !isNumberStart(b[pos])) return rewind(from, events, length);
        int number = pos;
        if (!number()) return rewind(from, events, length);
        long timestamp = longValue(number, pos);
        if (!literalAt(MESSAGE) || pos == end || b[pos] != '"') return rewind(from, events, length);
        if (eventString(events)) inSource |= LogEvents.MESSAGE_IN_SOURCE;
        if (pos == end || b[pos] != '}') return rewind(from, events, length);
        pos++;
        events.add(idStart, idEnd, timestamp, stringStart, stringEnd, inSource);
        return true;
    }

    /** Where {@link #eventString} found its string: in the input, or in the events' buffer. */
    private int stringStart, stringEnd;

    /**
     * The string at {@link #pos} (its opening quote): left where the input holds it when plain ({@link #plainString}),
     * true; else decoded into the events' buffer, false. Its bounds in {@link #stringStart} and {@link #stringEnd}.
     */
    private boolean eventString(LogEvents events) throws BadPayloadException {
        stringStart = pos + 1;
        if (plainString()) {
            stringEnd = pos - 1;
            return true;
        }
        stringStart = events.length();
        decodeString(events);
        stringEnd = events.length();
        return false;
    }

    /**
     * Moves past the string at {@link #pos} (its opening quote) if it is plain ASCII to its closing quote, which is
     * then its bytes as they are: true. Otherwise (an escape, a control character, a byte that is not ASCII, the
     * input's end) leaves {@link #pos} where it was, for {@link #decodeString} to decode or refuse: false. The scan
     * is {@link #decodeString}'s plain run again, on purpose: one helper for both read 12-17% slower decoding in
     * three of seven one-JVM runs (never faster), the JIT not always inlining it into this hot path.
     */
    private boolean plainString() {
        int p = pos + 1;
        while (p + 8 <= end && JsonText.isPlain(JsonText.word(b, p))) p += 8;
        for (; p < end; p++) {
            byte c = b[p];
            if (c == '"') {
                pos = p + 1;
                return true;
            }
            if (c == '\\' || c < 0x20) return false; // c < 0: a UTF-8 lead or continuation byte
        }
        return false;
    }

    /** Consumes {@code literal} if the input continues with it. */
    private boolean literalAt(Literal literal) {
        int n = literal.bytes.length;
        if (end - pos < n) return false;
        if (end - pos < 8) { // a short literal near the end: no word to read under the mask
            for (int i = 0; i < n; i++) if (b[pos + i] != literal.bytes[i]) return false;
        } else if ((JsonText.word(b, pos) & literal.mask) != literal.head
                || (n > 8 && JsonText.word(b, pos + n - 8) != literal.tail)) {
            return false;
        }
        pos += n;
        return true;
    }

    private boolean rewind(int to, LogEvents events, int length) {
        pos = to;
        events.truncate(length);
        return false;
    }

    /** A string or null field of the envelope. */
    private String text(int first, String field) throws BadPayloadException {
        if (first == 'n') {
            literal("null");
            return null;
        }
        if (first != '"') throw wrongType(first, field + " is not a string");
        return string();
    }

    private String string() throws BadPayloadException {
        LogEvents scratch = stringScratch();
        scratch.clear();
        decodeString(scratch);
        return Utf8.string(scratch.text(), 0, scratch.length());
    }

    private LogEvents stringScratch() {
        if (scratch == null) scratch = new LogEvents();
        return scratch;
    }

    // --- structure ---

    /** After '{' or '[': true if the container is empty (its {@code close}, '}' or ']', consumed). */
    private boolean isEmpty(char close) {
        skipWhitespace();
        if (pos < end && b[pos] == close) {
            pos++;
            return true;
        }
        return false;
    }

    /** After a member or element: true if another follows (its ',' consumed), false at {@code close}. */
    private boolean hasNext(char close) throws BadPayloadException {
        skipWhitespace();
        if (pos == end) throw ended();
        byte c = b[pos++];
        if (c == ',') return true;
        if (c == close) return false;
        throw bad("expected ',' or '" + close + "'");
    }

    /**
     * A member's name and its ':'. A plain name (no escape, ASCII), as they all are in practice, is left where it is
     * in the input ({@link #nameFrom}); any other is decoded into {@link #name}.
     */
    private void readName() throws BadPayloadException {
        skipWhitespace();
        if (pos == end) throw ended();
        if (b[pos] != '"') throw bad("expected a field name");
        int from = pos + 1, at = from;
        while (at < end && b[at] >= 0x20 && b[at] != '"' && b[at] != '\\') at++;
        if (at < end && b[at] == '"') {
            nameFrom = from;
            nameLength = at - from;
            pos = at + 1;
        } else {
            LogEvents names = stringScratch();
            names.clear();
            decodeString(names);
            nameFrom = -1;
            nameLength = names.length();
            if (name.length < nameLength) name = new byte[nameLength];
            System.arraycopy(names.text(), 0, name, 0, nameLength);
        }
        skipWhitespace();
        if (pos == end) throw ended();
        if (b[pos++] != ':') throw bad("expected ':'");
    }

    private boolean nameIs(String s) {
        if (s.length() != nameLength) return false;
        if (nameFrom >= 0) {
            for (int i = 0; i < nameLength; i++) if (b[nameFrom + i] != s.charAt(i)) return false;
        } else {
            for (int i = 0; i < nameLength; i++) if (name[i] != s.charAt(i)) return false;
        }
        return true;
    }

    /** Skips whitespace before a value; returns its first byte, not consumed, if a value can start with it. */
    private int valueStart() throws BadPayloadException {
        skipWhitespace();
        if (pos == end) throw ended();
        int c = b[pos];
        if (c == '{' || c == '[' || c == '"' || c == 't' || c == 'f' || c == 'n' || isNumberStart(c)) return c;
        throw bad("unexpected character");
    }

    /** Skips one whole value, checking it, at nesting {@code depth}. */
    private void skipValue(int depth) throws BadPayloadException {
        int c = valueStart();
        switch (c) {
            case '{' -> {
                if (depth >= MAX_DEPTH) throw bad("nesting deeper than " + MAX_DEPTH);
                pos++;
                if (isEmpty('}')) return;
                do {
                    readName();
                    skipValue(depth + 1);
                } while (hasNext('}'));
            }
            case '[' -> {
                if (depth >= MAX_DEPTH) throw bad("nesting deeper than " + MAX_DEPTH);
                pos++;
                if (isEmpty(']')) return;
                do {
                    skipValue(depth + 1);
                } while (hasNext(']'));
            }
            case '"' -> decodeString(null);
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
    }

    private void literal(String word) throws BadPayloadException {
        for (int i = 0; i < word.length(); i++) {
            if (pos == end) throw ended();
            if (b[pos++] != word.charAt(i)) throw bad("unrecognized token");
        }
        if (pos < end && isTokenPart(b[pos])) throw bad("unrecognized token");
    }

    /** A token's letters and digits go on: "truex" is one bad token, not true and x. */
    private static boolean isTokenPart(byte c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '_'
                || c == '$'
                || c < 0;
    }

    private static boolean isNumberStart(int c) {
        return c == '-' || (c >= '0' && c <= '9');
    }

    /** Reads a number; returns whether it is an integer (no fraction, no exponent). */
    private boolean number() throws BadPayloadException {
        int from = pos;
        if (b[pos] == '-') pos++;
        if (pos == end) throw ended();
        if (b[pos] == '0') {
            pos++;
            if (pos < end && isDigit(b[pos])) throw bad("leading zeroes are not allowed");
        } else if (isDigit(b[pos])) {
            while (pos < end && isDigit(b[pos])) pos++;
        } else {
            throw bad("a minus sign without digits");
        }
        boolean integer = true;
        if (pos < end && b[pos] == '.') {
            integer = false;
            pos++;
            digits();
        }
        if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
            integer = false;
            pos++;
            if (pos < end && (b[pos] == '+' || b[pos] == '-')) pos++;
            digits();
        }
        if (pos - from > MAX_NUMBER_LENGTH) throw bad("a number longer than " + MAX_NUMBER_LENGTH + " characters");
        return integer;
    }

    private void digits() throws BadPayloadException {
        if (pos == end) throw ended();
        if (!isDigit(b[pos])) throw bad("a number without digits where they are expected");
        while (pos < end && isDigit(b[pos])) pos++;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** The integer in {@code b[from, to)}, as {@link Long#parseLong} reads it, without a string. */
    private long longValue(int from, int to) throws BadPayloadException {
        boolean negative = b[from] == '-';
        if (to - from <= 18) { // at most 18 digits: no long overflows, so no check per digit
            long value = 0;
            int i = negative ? from + 1 : from;
            if (to - i >= 8) { // a timestamp's thirteen digits: the first eight at once (number() checked them)
                value = AsciiDigits.valueOf(JsonText.word(b, i));
                i += 8;
            }
            for (; i < to; i++) value = value * 10 + (b[i] - '0');
            return negative ? -value : value;
        }
        long value = 0; // accumulated negatively: Long.MIN_VALUE has no positive twin
        for (int i = negative ? from + 1 : from; i < to; i++) {
            int digit = b[i] - '0';
            if (value < (Long.MIN_VALUE + digit) / 10) throw bad("an integer out of the range of a long");
            value = value * 10 - digit;
        }
        if (!negative && value == Long.MIN_VALUE) throw bad("an integer out of the range of a long");
        return negative ? value : -value;
    }

    /**
     * Reads the string at {@link #pos} (its opening quote), decoding it into {@code out}'s buffer, or only checking it
     * when {@code out} is null.
     */
    private void decodeString(LogEvents out) throws BadPayloadException {
        pos++; // the opening quote
        while (true) {
            // the common case: a run of plain ASCII, copied as it is; found eight bytes at a time
            int from = pos;
            while (pos + 8 <= end && JsonText.isPlain(JsonText.word(b, pos))) pos += 8;
            while (pos < end) {
                byte c = b[pos];
                if (c == '"' || c == '\\' || c < 0x20) break; // c < 0: a UTF-8 lead or continuation byte
                pos++;
            }
            if (out != null && pos > from) out.append(b, from, pos);
            if (pos == end) throw ended();
            int c = b[pos] & 0xff;
            if (c == '"') {
                pos++;
                return;
            }
            if (c == '\\') {
                pos++;
                char decoded = escape();
                if (out != null) out.append(decoded);
            } else if (c < 0x20) {
                throw bad("a control character in a string");
            } else {
                utf8(c, out);
            }
        }
    }

    private char escape() throws BadPayloadException {
        if (pos == end) throw ended();
        byte e = b[pos++];
        switch (e) {
            case '"':
                return '"';
            case '\\':
                return '\\';
            case '/':
                return '/';
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                int value = 0;
                for (int i = 0; i < 4; i++) {
                    if (pos == end) throw ended();
                    int d = Character.digit(b[pos++], 16);
                    if (d < 0) throw bad("a bad \\u escape");
                    value = value * 16 + d;
                }
                return (char) value;
            default:
                throw bad("an unknown escape");
        }
    }

    /** One UTF-8 sequence starting with {@code lead} (at {@link #pos}): checked, then kept as its bytes. */
    private void utf8(int lead, LogEvents out) throws BadPayloadException {
        int extra;
        if ((lead & 0xe0) == 0xc0) extra = 1;
        else if ((lead & 0xf0) == 0xe0) extra = 2;
        else if ((lead & 0xf8) == 0xf0) extra = 3;
        else throw bad("invalid UTF-8 start byte");
        int from = pos++;
        for (int i = 0; i < extra; i++) {
            if (pos == end) throw ended();
            if ((b[pos++] & 0xc0) != 0x80) throw bad("invalid UTF-8 middle byte");
        }
        if (out != null) out.append(b, from, pos);
    }

    private void skipWhitespace() {
        while (pos < end && isWhitespace(b[pos])) pos++;
    }

    private static boolean isWhitespace(byte c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    private BadPayloadException ended() {
        endedEarly = true;
        return new BadPayloadException(SkipReason.BAD_JSON, "unexpected end of input");
    }

    private BadPayloadException bad(String problem) {
        return new BadPayloadException(SkipReason.BAD_JSON, problem + " at byte " + pos);
    }

    /**
     * A value of the wrong type, found where a streaming parser finds it: at the start of a container or string, after
     * a number or literal (an invalid one is bad JSON first).
     */
    private BadPayloadException wrongType(int first, String problem) throws BadPayloadException {
        if (first != '{' && first != '[' && first != '"') skipValue(MAX_DEPTH);
        return shape(problem);
    }

    private static BadPayloadException shape(String problem) {
        return new BadPayloadException(SkipReason.WRONG_SHAPE, problem);
    }
}
