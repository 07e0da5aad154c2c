package com.vpcflow.monitoring.payload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.vpcflow.monitoring.metrics.SkipReason;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Turns a {@link RawPayload} into a {@link SubscriptionPayload}. gunzip is streamed straight into Jackson's
 * streaming parser and capped at {@code maxDecompressedBytes}, so a gzip bomb is refused after reading at most
 * that much, never expanded into memory. Every failure is a {@link BadPayloadException} with a reason.
 */
public final class PayloadDecoder {
    // The parser must not close the gunzip stream: it is drained afterwards to check the gzip trailer.
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(com.fasterxml.jackson.core.StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    private final long maxDecompressedBytes;

    public PayloadDecoder(long maxDecompressedBytes) {
        this.maxDecompressedBytes = maxDecompressedBytes;
    }

    public SubscriptionPayload decode(RawPayload raw) throws BadPayloadException {
        switch (raw.encoding) {
            case GZIP_JSON:
                return decodeGzipJson(raw.data);
            case BASE64_GZIP_JSON:
                return decodeGzipJson(decodeBase64(raw.data));
            case TEXT_LINES:
                return linesAsPayload(raw.data);
            default:
                throw new IllegalStateException("unknown encoding " + raw.encoding);
        }
    }

    private static byte[] decodeBase64(byte[] text) throws BadPayloadException {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new BadPayloadException(SkipReason.BAD_BASE64, e.getMessage());
        }
    }

    public SubscriptionPayload decodeGzipJson(byte[] data) throws BadPayloadException {
        if (data.length < 2 || (data[0] & 0xff) != 0x1f || (data[1] & 0xff) != 0x8b) {
            throw new BadPayloadException(SkipReason.NOT_GZIP, "no gzip header");
        }
        try (InputStream in = new CappedInputStream(
                new GZIPInputStream(new ByteArrayInputStream(data), 8192), maxDecompressedBytes)) {
            SubscriptionPayload payload;
            try (JsonParser parser = JSON.createParser(in)) {
                payload = parsePayload(parser);
                if (parser.nextToken() != null) {
                    throw new BadPayloadException(SkipReason.BAD_JSON, "content after the JSON object");
                }
            }
            // Read to the end so the gzip trailer (CRC, length) is checked: a cut-off stream is not accepted.
            byte[] sink = new byte[512];
            while (in.read(sink) >= 0) {
                // drain
            }
            return payload;
        } catch (PayloadTooLargeException e) {
            throw new BadPayloadException(
                    SkipReason.TOO_LARGE, "decompresses to more than " + maxDecompressedBytes + " bytes");
        } catch (JsonProcessingException e) {
            throw new BadPayloadException(SkipReason.BAD_JSON, e.getOriginalMessage());
        } catch (EOFException e) {
            throw new BadPayloadException(SkipReason.TRUNCATED, "gzip stream ends early");
        } catch (ZipException e) {
            throw new BadPayloadException(SkipReason.CORRUPT_GZIP, String.valueOf(e.getMessage()));
        } catch (IOException e) {
            throw new BadPayloadException(SkipReason.CORRUPT_GZIP, String.valueOf(e.getMessage()));
        }
    }

    private static SubscriptionPayload parsePayload(JsonParser p) throws IOException, BadPayloadException {
        expect(p.nextToken(), JsonToken.START_OBJECT, "payload is not a JSON object");
        String messageType = null, owner = null, logGroup = null, logStream = null;
        List<String> filters = List.of();
        List<LogEvent> events = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "messageType":
                    messageType = text(p, value, field);
                    break;
                case "owner":
                    owner = text(p, value, field);
                    break;
                case "logGroup":
                    logGroup = text(p, value, field);
                    break;
                case "logStream":
                    logStream = text(p, value, field);
                    break;
                case "subscriptionFilters":
                    filters = stringArray(p, value);
                    break;
                case "logEvents":
                    events = logEvents(p, value);
                    break;
                default:
                    p.skipChildren();
            }
        }
        if (messageType == null) {
            throw new BadPayloadException(SkipReason.WRONG_SHAPE, "no messageType");
        }
        if (events == null) {
            if (!SubscriptionPayload.CONTROL_MESSAGE.equals(messageType)) {
                throw new BadPayloadException(SkipReason.WRONG_SHAPE, "no logEvents");
            }
            events = List.of();
        }
        return new SubscriptionPayload(messageType, owner, logGroup, logStream, filters, events);
    }

    private static List<LogEvent> logEvents(JsonParser p, JsonToken token) throws IOException, BadPayloadException {
        expect(token, JsonToken.START_ARRAY, "logEvents is not an array");
        List<LogEvent> events = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String id = null, message = null;
            long timestamp = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "id":
                        id = value == JsonToken.VALUE_NUMBER_INT ? p.getText() : text(p, value, field);
                        break;
                    case "timestamp":
                        expect(value, JsonToken.VALUE_NUMBER_INT, "logEvents[].timestamp is not an integer");
                        timestamp = p.getLongValue();
                        break;
                    case "message":
                        message = text(p, value, field);
                        break;
                    default:
                        p.skipChildren();
                }
            }
            if (message == null) {
                throw new BadPayloadException(SkipReason.WRONG_SHAPE, "a log event has no message");
            }
            events.add(new LogEvent(id, timestamp, message));
        }
        expect(p.currentToken(), JsonToken.END_ARRAY, "logEvents holds something other than objects");
        return events;
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
    static SubscriptionPayload linesAsPayload(byte[] text) {
        String all = new String(text, StandardCharsets.UTF_8);
        List<LogEvent> events = new ArrayList<>();
        int start = 0;
        int n = 0;
        while (start <= all.length()) {
            int end = all.indexOf('\n', start);
            if (end < 0) end = all.length();
            String line = all.substring(start, end > start && all.charAt(end - 1) == '\r' ? end - 1 : end);
            if (!line.isBlank()) {
                events.add(new LogEvent(Integer.toString(n), 0L, line));
            }
            n++;
            start = end + 1;
        }
        return new SubscriptionPayload(SubscriptionPayload.DATA_MESSAGE, null, null, null, List.of(), events);
    }

    private static final class PayloadTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        PayloadTooLargeException() {
            super(null, null);
        }
    }

    /** Counts what is read through it and fails once the cap is passed. */
    private static final class CappedInputStream extends FilterInputStream {
        private final long cap;
        private long count;

        CappedInputStream(InputStream in, long cap) {
            super(in);
            this.cap = cap;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && ++count > cap) throw new PayloadTooLargeException();
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0 && (count += n) > cap) throw new PayloadTooLargeException();
            return n;
        }
    }
}
