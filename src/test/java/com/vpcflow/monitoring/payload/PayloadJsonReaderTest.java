package com.vpcflow.monitoring.payload;

import static org.assertj.core.api.Assertions.assertThat;

import com.vpcflow.monitoring.metrics.SkipReason;
import com.vpcflow.monitoring.source.FlowLogGenerator;
import com.vpcflow.monitoring.testing.TestPayloads;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The job's JSON reader against Jackson's streaming parser as the decoder used it ({@link JacksonPayloadReader}): on
 * every document both accept it with the same content, or both refuse it for the same reason.
 */
class PayloadJsonReaderTest {
    private final PayloadJsonReader reader = new PayloadJsonReader();

    /** Hand-picked documents: escapes, Unicode, numbers, literals, shapes, nesting, and what breaks each. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[]}",
                " \t\r\n{ \"messageType\" : \"DATA_MESSAGE\" , \"logEvents\" : [ ] } \n",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"timestamp\":5,\"message\":\"a b\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":123,\"timestamp\":-0,\"message\":\"x\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":-12,\"timestamp\":9223372036854775807,\"message\":\"x\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":1.5,\"timestamp\":1,\"message\":\"x\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":null,\"timestamp\":1,\"message\":\"x\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":true,\"timestamp\":1,\"message\":\"x\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"timestamp\":9223372036854775808,\"message\":\"x\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"timestamp\":1e3,\"message\":\"x\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"timestamp\":-9223372036854775808,\"message\":\"x\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"timestamp\":-9223372036854775809,\"message\":\"x\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"timestamp\":1700000000000,\"message\":\"x\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"timestamp\":99999999999999999999,\"message\":\"x\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"ti\\u006destamp\":12,\"message\":\"x\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"timestamp\":\"1\",\"message\":\"x\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"timestamp\":01,\"message\":\"x\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"timestamp\":1,\"message\":null}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"timestamp\":1,\"message\":7}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"timestamp\":1,\"message\":\"x\",\"extractedFields\":{\"a\":[1,2.5e-3,true,false,null,\"s\"]}}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"message\":\"esc \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\uD83D\\uDE00 \\u0000\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"message\":\"utf8 caf\u00e9 \u65e5\u672c \ud83d\ude00\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"message\":\"lone \\uD800 and \\uDC00 \\u00e9\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"timestamp\":5,\"message\":\"a\",\"x\":1}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"timestamp\":5,\"message\":\"a\",\"message\":\"b\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"timestamp\":1.5,\"message\":\"a\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"timestamp\":5,\"message\":null}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"timestamp\":5,\"message\":\"a\" }]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"timestamp\":05,\"message\":\"a\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"timestamp\":5,\"message\":\"a",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"timestamp\":5,\"message\":\"a\"",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"timestamp\":5,\"message\":\"a\"},{\"id\":7,\"timestamp\":6,\"message\":\"b\"}]}",
                // CloudWatch's layout with escaped and non-ASCII ids and messages between plain ones: plain ones are
                // left where the input holds them, the others decoded
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"timestamp\":5,\"message\":\"a b\"},"
                        + "{\"id\":\"2\\u0032\",\"timestamp\":6,\"message\":\"c \\\" d\"},"
                        + "{\"id\":\"3\",\"timestamp\":7,\"message\":\"caf\u00e9 x\"},"
                        + "{\"id\":\"\u00e94\",\"timestamp\":8,\"message\":\"e f\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"timestamp\":99999999999999999999,\"message\":\"a\"}]}",
                // CloudWatch's layout, read word by word: numbers at the 18/19-digit edge, literals that differ
                // in their last bytes only, and inputs that end inside a literal (fewer than 8 bytes left)
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"timestamp\":999999999999999999,\"message\":\"a\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"timestamp\":1000000000000000000,\"message\":\"a\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"timestamp\":-99999999999999999,\"message\":\"a\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"timestamp\":-999999999999999999,\"message\":\"a\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"timestamp\":-9223372036854775808,\"message\":\"a\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"timestamp\":9223372036854775807,\"message\":\"a\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"timestamp\":9223372036854775808,\"message\":\"a\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"timestamq\":5,\"message\":\"a\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"timestamp\":5,\"messagf\":\"a\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"ie\":\"1\",\"timestamp\":5,\"message\":\"a\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"timest",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"timestamp\":5,\"mess",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\"",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"i",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\\x\",\"timestamp\":5,\"message\":\"a\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"message\":\"bad escape \\x\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"message\":\"bad \\u12G4\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"message\":\"tab\tinside\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"message\":\"open",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[1]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":{}}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[],}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{},]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[], \"logEvents\":[{\"message\":\"second\"}]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"owner\":null,\"logGroup\":\"g\",\"logStream\":\"s\","
                        + "\"subscriptionFilters\":[\"a\",\"b\"],\"logEvents\":[]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"subscriptionFilters\":[\"a\",1],\"logEvents\":[]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"subscriptionFilters\":\"a\",\"logEvents\":[]}",
                "{\"messageType\":5,\"logEvents\":[]}",
                "{\"messageType\":\"CONTROL_MESSAGE\"}",
                "{\"messageType\":\"DATA_MESSAGE\"}",
                "{\"owner\":\"x\",\"logEvents\":[]}",
                "{\"owner\":\"x\",\"logEvents\":[]} trailing",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[]} {}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[]} x",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[]}}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[],\"x\":tru}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[],\"x\":truex}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[],\"x\":nul}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[],\"x\":-}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[],\"x\":1.}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[],\"x\":.5}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[],\"x\":+1}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[],\"x\":1e}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[],\"x\":1E+2}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[],\"x\":NaN}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[],\"x\":'s'}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[],x:1}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[],\"x\" 1}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[],\"x\":[1 2]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[],\"x\":{\"a\":1 \"b\":2}}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[],\"\\u006dessage\":1}",
                "{\"m\\u0065ssageType\":\"DATA_MESSAGE\",\"logEvents\":[]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"log\u00e9\":1,\"logEvents\":[]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[]",
                "{\"messageType\":\"DATA_MESSAGE\",",
                "{",
                "",
                "   ",
                "[1,2,3]",
                "\"text\"",
                "5",
                "5x",
                "5{}",
                "true{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[]}",
                "-",
                "true",
                "tru",
                "null",
                "}",
                "// comment",
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[]} // comment",
            })
    void readsEveryDocumentAsJacksonDoes(String json) {
        assertSameOutcome(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void invalidUtf8IsRefusedAsJacksonRefusesIt() {
        byte[][] strings = {
            {(byte) 0x80},
            {(byte) 0xbf},
            {(byte) 0xc3},
            {(byte) 0xc3, 'a'},
            {(byte) 0xc3, (byte) 0xa9},
            {(byte) 0xe6, (byte) 0x97, (byte) 0xa5},
            {(byte) 0xe6, (byte) 0x97},
            {(byte) 0xe6, 'a', (byte) 0xa5},
            {(byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80},
            {(byte) 0xf0, (byte) 0x9f, (byte) 0x98},
            {(byte) 0xf8, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            {(byte) 0xff},
        };
        for (byte[] inside : strings) {
            for (String where : List.of("message", "unknown")) {
                byte[] head = ("{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"" + where + "\":\"a")
                        .getBytes(StandardCharsets.UTF_8);
                byte[] tail = ("z\"" + ("message".equals(where) ? "" : ",\"message\":\"m\"") + "}]}")
                        .getBytes(StandardCharsets.UTF_8);
                byte[] json = new byte[head.length + inside.length + tail.length];
                System.arraycopy(head, 0, json, 0, head.length);
                System.arraycopy(inside, 0, json, head.length, inside.length);
                System.arraycopy(tail, 0, json, head.length + inside.length, tail.length);
                assertSameOutcome(json);
            }
        }
    }

    @Test
    void nestingBeyondTheLimitIsRefusedAsJacksonRefusesIt() {
        for (int depth : new int[] {998, 999, 1000, 1001, 5000}) {
            String json = "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[],\"deep\":" + "[".repeat(depth)
                    + "]".repeat(depth) + "}";
            assertSameOutcome(json.getBytes(StandardCharsets.UTF_8));
        }
        String longNumber = "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[],\"n\":" + "1".repeat(1001) + "}";
        assertSameOutcome(longNumber.getBytes(StandardCharsets.UTF_8));
    }

    /** Generated payloads, then each with random tokens inserted and characters deleted: thousands of documents. */
    @Test
    void mutatedPayloadsAreReadAsJacksonReadsThem() throws Exception {
        FlowLogGenerator generator = new FlowLogGenerator(5, 1_700_000_000L, 60);
        SplittableRandom rnd = new SplittableRandom(21);
        String[] tokens = {
            "{",
            "}",
            "[",
            "]",
            ":",
            ",",
            "\"",
            "\\",
            "\\\"",
            "\\u00",
            "null",
            "true",
            "false",
            "1e999",
            "-",
            "0",
            "01",
            "1.5",
            "99999999999999999999999",
            "\"logEvents\"",
            "\"messageType\"",
            "\"message\"",
            "\"timestamp\"",
            "\"id\"",
            "\\u0000",
            "\uD800",
            "\u00e9",
            "\t",
            "\n",
            "\u0001",
            " "
        };
        int accepted = 0, refused = 0;
        for (int i = 0; i < 4000; i++) {
            String json = new String(
                    new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(
                                    PayloadEncoder.gzipJson(generator.payload(i % 50))))
                            .readAllBytes(),
                    StandardCharsets.UTF_8);
            StringBuilder sb = new StringBuilder(json);
            int mutations = i < 50 ? 0 : 1 + rnd.nextInt(3);
            for (int m = 0; m < mutations; m++) TestPayloads.mutateJson(sb, rnd, tokens);
            if (assertSameOutcome(sb.toString().getBytes(StandardCharsets.UTF_8))) accepted++;
            else refused++;
        }
        assertThat(accepted).isGreaterThan(200);
        assertThat(refused).isGreaterThan(1000);
    }

    /** @return whether the document was accepted */
    private boolean assertSameOutcome(byte[] json) {
        String shown = new String(json, StandardCharsets.UTF_8);
        SubscriptionPayload expected = null;
        SkipReason expectedReason = null;
        try {
            expected = JacksonPayloadReader.read(json);
        } catch (BadPayloadException e) {
            expectedReason = e.reason();
        }
        DecodedPayload decoded = new DecodedPayload();
        try {
            reader.read(json, json.length, decoded);
            assertThat(expectedReason)
                    .as("accepted, but Jackson refuses it: %s", abbreviate(shown))
                    .isNull();
            assertThat(decoded.toSubscriptionPayload()).as(abbreviate(shown)).isEqualTo(expected);
            return true;
        } catch (BadPayloadException e) {
            assertThat(e.reason())
                    .as("refused (%s), Jackson: %s: %s", e.getMessage(), expectedReason, around(shown, e.getMessage()))
                    .isEqualTo(expectedReason);
            return false;
        }
    }

    /** The document near the byte the reader's message names, else its start. */
    private static String around(String s, String message) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("at byte (\\d+)").matcher(message);
        if (!m.find()) return abbreviate(s);
        int at = Math.min(s.length(), Integer.parseInt(m.group(1)));
        return "…" + s.substring(Math.max(0, at - 150), Math.min(s.length(), at + 50)) + "…";
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }
}
