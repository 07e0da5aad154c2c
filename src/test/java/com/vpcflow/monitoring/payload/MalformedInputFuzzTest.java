package com.vpcflow.monitoring.payload;

import static org.assertj.core.api.Assertions.assertThat;

import com.vpcflow.monitoring.flowlog.FlowLogFormat;
import com.vpcflow.monitoring.flowlog.FlowRecordParser;
import com.vpcflow.monitoring.flowlog.UnsupportedLineException;
import com.vpcflow.monitoring.source.FlowLogGenerator;
import com.vpcflow.monitoring.testing.TestPayloads;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Bad input must never stop the job: whatever bytes arrive, decoding and parsing either succeed or throw their own
 * checked "bad input" exception, which the job counts and skips. Seeded mutations of real payloads and lines.
 */
class MalformedInputFuzzTest {
    private final PayloadDecoder decoder = new PayloadDecoder(1 << 20);
    private final FlowRecordParser parser = new FlowRecordParser(FlowLogFormat.parse(FlowLogFormat.DEFAULT_TEXT));
    private final FlowLogGenerator generator = new FlowLogGenerator(3, 1_700_000_000L, 60);

    @Test
    void mutatedGzipPayloadsAreDecodedOrRefusedNeverThrown() {
        SplittableRandom rnd = new SplittableRandom(11);
        int refused = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] data = generator.map((long) i).data.clone();
            mutate(data, rnd);
            try {
                SubscriptionPayload p = decoder.decode(new RawPayload(RawPayload.Encoding.GZIP_JSON, data, "fuzz"));
                p.logEvents().forEach(e -> parseQuietly(e.message()));
            } catch (BadPayloadException expected) {
                refused++;
            }
        }
        assertThat(refused).isGreaterThan(1000); // most mutations break the CRC or the deflate stream
    }

    @Test
    void mutatedJsonInsideValidGzipIsDecodedOrRefusedNeverThrown() {
        SplittableRandom rnd = new SplittableRandom(12);
        String[] tokens = {
            "{",
            "}",
            "[",
            "]",
            ":",
            ",",
            "\"",
            "null",
            "true",
            "1e999",
            "-",
            "99999999999999999999999",
            "\"logEvents\"",
            "\"messageType\"",
            "\"message\"",
            "\"timestamp\"",
            "\\u0000",
            "\uD800"
        };
        for (int i = 0; i < 3000; i++) {
            String json = new String(jsonOf(i), StandardCharsets.UTF_8);
            StringBuilder sb = new StringBuilder(json);
            for (int m = 0; m < 1 + rnd.nextInt(4); m++) TestPayloads.mutateJson(sb, rnd, tokens);
            try {
                decoder.decode(new RawPayload(RawPayload.Encoding.GZIP_JSON, TestPayloads.gzip(sb.toString()), "fuzz"))
                        .logEvents()
                        .forEach(e -> parseQuietly(e.message()));
            } catch (BadPayloadException expected) {
                // counted and skipped by the job
            }
        }
    }

    @Test
    void mutatedLinesAreParsedOrRefusedNeverThrown() {
        SplittableRandom rnd = new SplittableRandom(13);
        String alphabet = " -0123456789abcdef.:ACEPTJROKNDSIX\t\u00e9\u0000";
        for (int i = 0; i < 200; i++) {
            for (var e : generator.payload(i).logEvents()) {
                StringBuilder sb = new StringBuilder(e.message());
                for (int m = 0; m < 1 + rnd.nextInt(3); m++) {
                    int at = rnd.nextInt(sb.length() + 1);
                    if (rnd.nextBoolean() && at < sb.length())
                        sb.setCharAt(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
                    else sb.insert(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
                }
                parseQuietly(sb.toString());
            }
        }
    }

    private byte[] jsonOf(long i) {
        try {
            return new java.util.zip.GZIPInputStream(
                            new java.io.ByteArrayInputStream(PayloadEncoder.gzipJson(generator.payload(i))))
                    .readAllBytes();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private void parseQuietly(String line) {
        try {
            parser.parse(line);
        } catch (UnsupportedLineException expected) {
            // counted and skipped by the job
        }
    }

    private static void mutate(byte[] data, SplittableRandom rnd) {
        int kind = rnd.nextInt(3);
        if (kind == 0) {
            data[rnd.nextInt(data.length)] ^= (byte) (1 + rnd.nextInt(255));
        } else if (kind == 1) {
            int from = rnd.nextInt(data.length);
            for (int j = from; j < Math.min(data.length, from + 1 + rnd.nextInt(16)); j++)
                data[j] = (byte) rnd.nextInt(256);
        } else {
            data[10 + rnd.nextInt(Math.max(1, data.length - 10))] = 0; // past the header: the deflate data or trailer
        }
    }
}
