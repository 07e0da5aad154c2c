package com.vpcflow.monitoring.payload;

import com.vpcflow.monitoring.metrics.SkipReason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Turns a {@link RawPayload} into its log events. gunzip goes into one reused buffer capped at {@code
 * maxDecompressedBytes}, so a gzip bomb is refused after inflating at most that much (the buffer never holds more),
 * then {@link PayloadJsonReader} reads the JSON from it, decoding each message into {@link LogEvents}' buffer. Every
 * failure is a {@link BadPayloadException} with a reason. Not thread-safe: one per operator.
 */
public final class PayloadDecoder {
    private final long maxDecompressedBytes;
    private final DecodedPayload decoded = new DecodedPayload();
    private final PayloadJsonReader json = new PayloadJsonReader();
    /** Inflates into one buffer, grown up to the cap, reused. */
    private final GzipInflater gzip;

    public PayloadDecoder(long maxDecompressedBytes) {
        this.maxDecompressedBytes = maxDecompressedBytes;
        this.gzip = new GzipInflater(maxDecompressedBytes);
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
        int length = gzip.inflate(data);
        // What the cap let in is still parsed: bad JSON before the cap is reported as such, as a parser reading the
        // stream would have found it first. Otherwise the whole stream was read, so its trailer (CRC, length) was
        // checked: a cut-off stream is not accepted.
        boolean tooLarge = gzip.tooLarge();
        try {
            json.read(gzip.output(), length, decoded);
        } catch (BadPayloadException e) {
            if (!tooLarge || !json.endedEarly()) throw e;
        }
        if (tooLarge) {
            throw new BadPayloadException(
                    SkipReason.TOO_LARGE, "decompresses to more than " + maxDecompressedBytes + " bytes");
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
            String line = all.substring(start, lineEnd);
            if (!line.isBlank()) {
                int idStart = out.events.append(Integer.toString(n));
                int idEnd = out.events.append(line);
                out.events.add(idStart, idEnd, 0L, idEnd, out.events.length());
            }
            n++;
            start = end + 1;
        }
    }
}
