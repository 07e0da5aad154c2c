package com.vpcflow.monitoring.datadog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.vpcflow.monitoring.metrics.MetricSeries;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * The Datadog v2 series intake body ({@code POST /api/v2/series}): {@code {"series":[{metric, type, interval,
 * points:[{timestamp, value}], tags}]}}. Each series is encoded once into a fragment; bodies are fragments joined,
 * so batching by size needs no re-encoding. Bodies are sent gzip-compressed ({@link #gzipBody}).
 */
public final class SeriesRequestEncoder {
    // Series are written one after another by one long-lived generator, with nothing between them: each is cut out
    // of the buffer as a fragment. A generator per series showed in the profile (its buffer-recycler lookups).
    private static final JsonFactory JSON = JsonFactory.builder().build();
    static final byte[] PREFIX = "{\"series\":[".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SUFFIX = "]}".getBytes(StandardCharsets.US_ASCII);

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
    private JsonGenerator g;

    /** One series object, e.g. {@code {"metric":"aws.vpc.flowlogs.action","type":1,"interval":60,...}}. */
    public byte[] encodeSeries(MetricSeries s) {
        buffer.reset();
        try {
            if (g == null) {
                g = JSON.createGenerator(buffer);
                g.setRootValueSeparator(null);
            }
            g.writeStartObject();
            g.writeStringField("metric", s.metric);
            g.writeNumberField("type", s.type);
            if (s.interval > 0) g.writeNumberField("interval", s.interval);
            g.writeArrayFieldStart("points");
            g.writeStartObject();
            g.writeNumberField("timestamp", s.timestamp);
            g.writeFieldName("value");
            writeValue(g, s.value);
            g.writeEndObject();
            g.writeEndArray();
            g.writeArrayFieldStart("tags");
            for (String t : s.tags) g.writeString(t);
            g.writeEndArray();
            g.writeEndObject();
            g.flush();
        } catch (IOException e) {
            g = null; // a generator that failed half-way is not reused
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /** Whole numbers are written without a fraction (counts read as counts); others as the shortest exact double. */
    private static void writeValue(JsonGenerator g, double v) throws IOException {
        if (v == Math.rint(v) && Math.abs(v) < 9.007199254740992E15) {
            g.writeNumber((long) v);
        } else {
            g.writeNumber(v);
        }
    }

    /** Size of a body holding these fragments. */
    public static long bodySize(long fragmentBytes, int fragments) {
        return PREFIX.length + SUFFIX.length + fragmentBytes + Math.max(0, fragments - 1);
    }

    /** The gzip-compressed body of these fragments, as it is sent ({@code Content-Encoding: gzip}). */
    public static byte[] gzipBody(List<byte[]> fragments) {
        byte[] body = body(fragments);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 8 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] body(List<byte[]> fragments) {
        long total = 0;
        for (byte[] f : fragments) total += f.length;
        byte[] body = new byte[(int) bodySize(total, fragments.size())];
        System.arraycopy(PREFIX, 0, body, 0, PREFIX.length);
        int pos = PREFIX.length;
        for (int i = 0; i < fragments.size(); i++) {
            if (i > 0) body[pos++] = ',';
            byte[] f = fragments.get(i);
            System.arraycopy(f, 0, body, pos, f.length);
            pos += f.length;
        }
        System.arraycopy(SUFFIX, 0, body, pos, SUFFIX.length);
        return body;
    }
}
