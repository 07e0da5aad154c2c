package com.vpcflow.monitoring.payload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.vpcflow.monitoring.metrics.SkipReason;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Turns a {@link RawPayload} into its log events. gunzip goes into one reused buffer capped at {@code
 * maxDecompressedBytes}, so a gzip bomb is refused after inflating at most that much (the buffer never holds more),
 * then Jackson's streaming parser reads the JSON from it and copies each message into {@link LogEvents}' buffer. Every
 * failure is a {@link BadPayloadException} with a reason. Not thread-safe: one per operator.
 */
public final class PayloadDecoder {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final long maxDecompressedBytes;
    private final DecodedPayload decoded = new DecodedPayload();
    /** The inflated JSON of the payload being decoded: one buffer, grown up to the cap, reused. */
    private byte[] inflated = new byte[1 << 16];

    public PayloadDecoder(long maxDecompressedBytes) {
        this.maxDecompressedBytes = maxDecompressedBytes;
    }

    /** The payload as a value of its own (tests, tools); the job uses {@link #decodeReusing}. */
    public SubscriptionPayload decode(RawPayload raw) throws BadPayloadException {
        return decodeReusing(raw).toSubscriptionPayload();
    }

    /**
     * Decodes into this decoder's one {@link DecodedPayload}, valid until the next call: the messages stay in one
     * character buffer, without a string or object per event.
     */
    public DecodedPayload decodeReusing(RawPayload raw) throws BadPayloadException {
        decoded.clear();
        switch (raw.encoding) {
            case GZIP_JSON:
                decodeGzipJsonInto(raw.data);
                break;
            case BASE64_GZIP_JSON:
                decodeGzipJsonInto(decodeBase64(raw.data));
                break;
            case TEXT_LINES:
                linesAsPayload(raw.data, decoded);
                break;
            default:
                throw new IllegalStateException("unknown encoding " + raw.encoding);
        }
        return decoded;
    }

    private static byte[] decodeBase64(byte[] text) throws BadPayloadException {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new BadPayloadException(SkipReason.BAD_BASE64, e.getMessage());
        }
    }

    public SubscriptionPayload decodeGzipJson(byte[] data) throws BadPayloadException {
        decoded.clear();
        decodeGzipJsonInto(data);
        return decoded.toSubscriptionPayload();
    }

    private void decodeGzipJsonInto(byte[] data) throws BadPayloadException {
        if (data.length < 2 || (data[0] & 0xff) != 0x1f || (data[1] & 0xff) != 0x8b) {
            throw new BadPayloadException(SkipReason.NOT_GZIP, "no gzip header");
        }
        int length;
        boolean tooLarge = false;
        try {
            length = inflate(data);
        } catch (PayloadTooLargeException e) {
            // What the cap let in is still parsed: bad JSON before the cap is reported as such, as a parser reading
            // the stream would have found it first.
            tooLarge = true;
            length = (int) maxDecompressedBytes;
        } catch (EOFException e) {
            throw new BadPayloadException(SkipReason.TRUNCATED, "gzip stream ends early");
        } catch (IOException e) { // ZipException included
            throw new BadPayloadException(SkipReason.CORRUPT_GZIP, String.valueOf(e.getMessage()));
        }
        // From a byte array Jackson parses fastest; the whole stream was read, so the gzip trailer (CRC, length) was
        // checked: a cut-off stream is not accepted.
        try (JsonParser parser = JSON.createParser(inflated, 0, length)) {
            parsePayload(parser, decoded);
            if (parser.nextToken() != null) {
                throw new BadPayloadException(SkipReason.BAD_JSON, "content after the JSON object");
            }
        } catch (JsonEOFException e) {
            if (!tooLarge) throw new BadPayloadException(SkipReason.BAD_JSON, e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new BadPayloadException(SkipReason.BAD_JSON, e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadPayloadException(SkipReason.BAD_JSON, String.valueOf(e.getMessage()));
        }
        if (tooLarge) {
            throw new BadPayloadException(
                    SkipReason.TOO_LARGE, "decompresses to more than " + maxDecompressedBytes + " bytes");
        }
    }

    /** gunzips into {@link #inflated}, refusing more than the cap; returns the length. */
    private int inflate(byte[] data) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data), 8192)) {
            int n = 0;
            while (true) {
                if (n == inflated.length) {
                    if (n > maxDecompressedBytes) throw new PayloadTooLargeException();
                    inflated = Arrays.copyOf(inflated, (int) Math.min(2L * n, maxDecompressedBytes + 1));
                }
                int read = in.read(inflated, n, inflated.length - n);
                if (read < 0) break;
                n += read;
                if (n > maxDecompressedBytes) throw new PayloadTooLargeException();
            }
            return n;
        }
    }

    private static void parsePayload(JsonParser p, DecodedPayload out) throws IOException, BadPayloadException {
        expect(p.nextToken(), JsonToken.START_OBJECT, "payload is not a JSON object");
        boolean hasEvents = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "messageType":
                    out.messageType = text(p, value, field);
                    break;
                case "owner":
                    out.owner = text(p, value, field);
                    break;
                case "logGroup":
                    out.logGroup = text(p, value, field);
                    break;
                case "logStream":
                    out.logStream = text(p, value, field);
                    break;
                case "subscriptionFilters":
                    out.subscriptionFilters = stringArray(p, value);
                    break;
                case "logEvents":
                    out.events.clear(); // a repeated field: the last one counts
                    logEvents(p, value, out.events);
                    hasEvents = true;
                    break;
                default:
                    p.skipChildren();
            }
        }
        if (out.messageType == null) {
            throw new BadPayloadException(SkipReason.WRONG_SHAPE, "no messageType");
        }
        if (!hasEvents && !SubscriptionPayload.CONTROL_MESSAGE.equals(out.messageType)) {
            throw new BadPayloadException(SkipReason.WRONG_SHAPE, "no logEvents");
        }
    }

    /** Each event's id and message are copied from the parser's buffer into {@code out}'s: no string per event. */
    private static void logEvents(JsonParser p, JsonToken token, LogEvents out)
            throws IOException, BadPayloadException {
        expect(token, JsonToken.START_ARRAY, "logEvents is not an array");
        while (p.nextToken() == JsonToken.START_OBJECT) {
            int idStart = -1, idEnd = -1, messageStart = -1, messageEnd = -1;
            long timestamp = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "id":
                        if (value == JsonToken.VALUE_NULL) {
                            idStart = idEnd = -1;
                            break;
                        }
                        if (value != JsonToken.VALUE_NUMBER_INT)
                            expect(value, JsonToken.VALUE_STRING, "id is not a string");
                        idStart = out.append(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                        idEnd = idStart + p.getTextLength();
                        break;
                    case "timestamp":
                        expect(value, JsonToken.VALUE_NUMBER_INT, "logEvents[].timestamp is not an integer");
                        timestamp = p.getLongValue();
                        break;
                    case "message":
                        if (value == JsonToken.VALUE_NULL) {
                            messageStart = messageEnd = -1;
                            break;
                        }
                        expect(value, JsonToken.VALUE_STRING, "message is not a string");
                        messageStart = out.append(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                        messageEnd = messageStart + p.getTextLength();
                        break;
                    default:
                        p.skipChildren();
                }
            }
            if (messageStart < 0) {
                throw new BadPayloadException(SkipReason.WRONG_SHAPE, "a log event has no message");
            }
            out.add(idStart, idEnd, timestamp, messageStart, messageEnd);
        }
        expect(p.currentToken(), JsonToken.END_ARRAY, "logEvents holds something other than objects");
    }

    private static List<String> stringArray(JsonParser p, JsonToken token) throws IOException, BadPayloadException {
        expect(token, JsonToken.START_ARRAY, "subscriptionFilters is not an array");
        List<String> values = new ArrayList<>(1);
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.VALUE_STRING) {
            values.add(p.getText());
        }
        expect(t, JsonToken.END_ARRAY, "subscriptionFilters holds something other than strings");
        return values;
    }

    private static String text(JsonParser p, JsonToken token, String field) throws IOException, BadPayloadException {
        if (token == JsonToken.VALUE_NULL) return null;
        expect(token, JsonToken.VALUE_STRING, field + " is not a string");
        return p.getText();
    }

    private static void expect(JsonToken actual, JsonToken expected, String problem) throws BadPayloadException {
        if (actual != expected) {
            throw new BadPayloadException(SkipReason.WRONG_SHAPE, problem);
        }
    }

    /** S3-style text: one record per line. Lines keep their position as the event id, for log lines. */
    static void linesAsPayload(byte[] text, DecodedPayload out) {
        out.messageType = SubscriptionPayload.DATA_MESSAGE;
        String all = new String(text, StandardCharsets.UTF_8);
        int start = 0;
        int n = 0;
        while (start <= all.length()) {
            int end = all.indexOf('\n', start);
            if (end < 0) end = all.length();
            int lineEnd = end > start && all.charAt(end - 1) == '\r' ? end - 1 : end;
            if (!all.substring(start, lineEnd).isBlank()) {
                int idStart = out.events.append(Integer.toString(n));
                int idEnd = out.events.append(all.substring(start, lineEnd));
                out.events.add(idStart, idEnd, 0L, idEnd, idEnd + (lineEnd - start));
            }
            n++;
            start = end + 1;
        }
    }

    private static final class PayloadTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        PayloadTooLargeException() {
            super(null, null);
        }
    }
}
