package com.vpcflow.monitoring.payload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/** Writes a subscription payload the way CloudWatch Logs delivers it: gzip-compressed JSON. For the generator and tests. */
public final class PayloadEncoder {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private PayloadEncoder() {}

    public static byte[] gzipJson(SubscriptionPayload p) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes);
                JsonGenerator g = JSON.createGenerator(gzip)) {
            g.writeStartObject();
            g.writeStringField("messageType", p.messageType());
            g.writeStringField("owner", p.owner());
            g.writeStringField("logGroup", p.logGroup());
            g.writeStringField("logStream", p.logStream());
            g.writeArrayFieldStart("subscriptionFilters");
            for (String f : p.subscriptionFilters()) g.writeString(f);
            g.writeEndArray();
            g.writeArrayFieldStart("logEvents");
            for (LogEvent e : p.logEvents()) {
                g.writeStartObject();
                g.writeStringField("id", e.id());
                g.writeNumberField("timestamp", e.timestamp());
                g.writeStringField("message", e.message());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
