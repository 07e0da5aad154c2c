package com.vpcflow.monitoring.payload;

import com.vpcflow.monitoring.metrics.SkipReason;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.GZIPInputStream;

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
        // The whole stream was read, so the gzip trailer (CRC, length) was checked: a cut-off stream is not accepted.
        try {
            json.read(inflated, length, decoded);
        } catch (BadPayloadException e) {
            if (!tooLarge || !json.endedEarly()) throw e;
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

    private static final class PayloadTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        PayloadTooLargeException() {
            super(null, null);
        }
    }
}
