package com.vpcflow.monitoring.testing;

import com.vpcflow.monitoring.payload.LogEvent;
import com.vpcflow.monitoring.payload.PayloadEncoder;
import com.vpcflow.monitoring.payload.SubscriptionPayload;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/** Builds subscription payloads for tests. */
public final class TestPayloads {
    private TestPayloads() {}

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** One random edit of JSON text, for fuzzing: a character deleted, or one of {@code tokens} inserted. */
    public static void mutateJson(StringBuilder json, SplittableRandom rnd, String[] tokens) {
        int at = rnd.nextInt(json.length() + 1);
        if (rnd.nextBoolean() && at < json.length()) json.deleteCharAt(at);
        else json.insert(at, tokens[rnd.nextInt(tokens.length)]);
    }

    public static byte[] gzip(String text) {
        return gzip(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A DATA_MESSAGE payload of these flow-log lines, gzip-compressed as CloudWatch Logs sends it. */
    public static byte[] dataMessage(String owner, String logStream, String... lines) {
        return PayloadEncoder.gzipJson(payload(owner, logStream, Arrays.asList(lines)));
    }

    /** A DATA_MESSAGE payload of these lines, gzip-compressed. */
    public static byte[] payloadBytes(String owner, List<String> lines) {
        return PayloadEncoder.gzipJson(payload(owner, "stream-of-" + owner, lines));
    }

    public static SubscriptionPayload payload(String owner, String logStream, List<String> lines) {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            events.add(new LogEvent(Integer.toString(i), 1_700_000_000_000L + i, lines.get(i)));
        }
        return new SubscriptionPayload(
                SubscriptionPayload.DATA_MESSAGE,
                owner,
                "/vpc/flow-logs",
                logStream,
                List.of("flowlogs-to-kinesis"),
                events);
    }
}
