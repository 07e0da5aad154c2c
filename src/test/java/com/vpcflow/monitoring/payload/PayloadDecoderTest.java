package com.vpcflow.monitoring.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vpcflow.monitoring.metrics.SkipReason;
import com.vpcflow.monitoring.testing.TestPayloads;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PayloadDecoderTest {
    private final PayloadDecoder decoder = new PayloadDecoder(1024 * 1024);

    private static RawPayload gz(byte[] data) {
        return new RawPayload(RawPayload.Encoding.GZIP_JSON, data, "test");
    }

    @Test
    void decodesADataMessage() throws Exception {
        String json = "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"123456789012\",\"logGroup\":\"/vpc/flow\","
                + "\"logStream\":\"eni-1-all\",\"subscriptionFilters\":[\"f\"],\"unknownField\":{\"nested\":[1,2]},"
                + "\"logEvents\":[{\"id\":\"3\",\"timestamp\":1700000000000,\"message\":\"2 1 eni-1 ...\"},"
                + "{\"id\":\"4\",\"timestamp\":1700000000001,\"message\":\"second\",\"extractedFields\":{}}]}";
        SubscriptionPayload p = decoder.decode(gz(TestPayloads.gzip(json)));
        assertThat(p.messageType()).isEqualTo("DATA_MESSAGE");
        assertThat(p.owner()).isEqualTo("123456789012");
        assertThat(p.logGroup()).isEqualTo("/vpc/flow");
        assertThat(p.logStream()).isEqualTo("eni-1-all");
        assertThat(p.subscriptionFilters()).containsExactly("f");
        assertThat(p.logEvents())
                .containsExactly(
                        new LogEvent("3", 1700000000000L, "2 1 eni-1 ..."),
                        new LogEvent("4", 1700000000001L, "second"));
        assertThat(p.isControlMessage()).isFalse();
    }

    @Test
    void roundTripsWhatTheEncoderWrites() throws Exception {
        SubscriptionPayload p = TestPayloads.payload("111", "s", java.util.List.of("a b c", "d e f"));
        assertThat(decoder.decode(gz(PayloadEncoder.gzipJson(p)))).isEqualTo(p);
        byte[] b64 = Base64.getEncoder().encode(PayloadEncoder.gzipJson(p));
        assertThat(decoder.decode(new RawPayload(RawPayload.Encoding.BASE64_GZIP_JSON, b64, "t")))
                .isEqualTo(p);
    }

    @Test
    void recognisesControlMessages() throws Exception {
        String json =
                "{\"messageType\":\"CONTROL_MESSAGE\",\"owner\":\"CloudwatchLogs\",\"logGroup\":\"\",\"logStream\":\"\","
                        + "\"subscriptionFilters\":[],\"logEvents\":[{\"id\":\"\",\"timestamp\":1432826855000,"
                        + "\"message\":\"CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.\"}]}";
        assertThat(decoder.decode(gz(TestPayloads.gzip(json))).isControlMessage())
                .isTrue();
    }

    @Test
    void refusesWhatIsNotAPayload() {
        assertReason(gz("plain text".getBytes(StandardCharsets.UTF_8)), SkipReason.NOT_GZIP);
        assertReason(gz(new byte[0]), SkipReason.NOT_GZIP);
        byte[] good = TestPayloads.gzip("{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[]}");
        assertReason(gz(Arrays.copyOf(good, good.length - 4)), SkipReason.TRUNCATED); // trailer cut
        assertReason(gz(Arrays.copyOf(good, good.length / 2)), SkipReason.TRUNCATED);
        byte[] corrupt = good.clone();
        corrupt[12] ^= 0x55;
        assertThatThrownBy(() -> decoder.decode(gz(corrupt))).isInstanceOf(BadPayloadException.class);
        assertReason(gz(TestPayloads.gzip("{\"messageType\": ")), SkipReason.BAD_JSON);
        assertReason(
                gz(TestPayloads.gzip("{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[]} trailing")),
                SkipReason.BAD_JSON);
        assertReason(gz(TestPayloads.gzip("[1,2,3]")), SkipReason.WRONG_SHAPE);
        assertReason(gz(TestPayloads.gzip("{\"owner\":\"x\",\"logEvents\":[]}")), SkipReason.WRONG_SHAPE);
        assertReason(gz(TestPayloads.gzip("{\"messageType\":\"DATA_MESSAGE\"}")), SkipReason.WRONG_SHAPE);
        assertReason(
                gz(TestPayloads.gzip("{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\"}]}")),
                SkipReason.WRONG_SHAPE);
        assertReason(
                gz(TestPayloads.gzip("{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"message\":7}]}")),
                SkipReason.WRONG_SHAPE);
        assertReason(
                gz(TestPayloads.gzip("{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":\"none\"}")),
                SkipReason.WRONG_SHAPE);
        assertReason(
                new RawPayload(RawPayload.Encoding.BASE64_GZIP_JSON, "***".getBytes(StandardCharsets.US_ASCII), "t"),
                SkipReason.BAD_BASE64);
    }

    @Test
    void aGzipBombIsRefusedWithoutBeingExpanded() {
        byte[] spaces = new byte[64 * 1024 * 1024]; // whitespace is valid JSON, so only the cap stops it
        Arrays.fill(spaces, (byte) ' ');
        spaces[0] = '{';
        byte[] bomb = TestPayloads.gzip(spaces); // about 64 KiB on the wire
        assertThat(bomb.length).isLessThan(100_000);
        assertReason(gz(bomb), SkipReason.TOO_LARGE);
        byte[] zeros = new byte[64 * 1024 * 1024];
        byte[] json = "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[]}".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(json, 0, zeros, 0, json.length);
        // the JSON is complete, the expansion hides behind it: still refused while draining
        assertReason(gz(TestPayloads.gzip(zeros)), SkipReason.BAD_JSON);
    }

    @Test
    void textLinesBecomeOnePayloadWithOneEventPerLine() throws Exception {
        SubscriptionPayload p = decoder.decode(
                new RawPayload(RawPayload.Encoding.TEXT_LINES, "a b\r\n\nc d\n".getBytes(StandardCharsets.UTF_8), "t"));
        assertThat(p.logEvents()).extracting(LogEvent::message).containsExactly("a b", "c d");
        assertThat(p.owner()).isNull();
    }

    private void assertReason(RawPayload raw, SkipReason reason) {
        assertThatThrownBy(() -> decoder.decode(raw))
                .isInstanceOfSatisfying(
                        BadPayloadException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
