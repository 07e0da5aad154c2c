package com.vpcflow.monitoring.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vpcflow.monitoring.metrics.SkipReason;
import com.vpcflow.monitoring.payload.BadPayloadException;
import com.vpcflow.monitoring.payload.PayloadDecoder;
import com.vpcflow.monitoring.payload.PayloadEncoder;
import com.vpcflow.monitoring.payload.RawPayload;
import com.vpcflow.monitoring.payload.SubscriptionPayload;
import com.vpcflow.monitoring.testing.SamplePayloadFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped base64 sample must say what its readable source says (see the sample README). */
class SamplePayloadFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theBase64FileHoldsTheJsonPayloadsThenTheFourBadOnes() throws Exception {
        List<String> json = Files.readAllLines(SamplePayloadFile.DIR.resolve("payloads.jsonl"));
        List<String> b64 = Files.readAllLines(SamplePayloadFile.DIR.resolve("payloads.b64"));
        assertThat(b64).hasSize(json.size() + 4);
        PayloadDecoder decoder = new PayloadDecoder(1 << 20);
        for (int i = 0; i < json.size(); i++) {
            SubscriptionPayload decoded = decoder.decode(new RawPayload(
                    RawPayload.Encoding.BASE64_GZIP_JSON, b64.get(i).getBytes(StandardCharsets.US_ASCII), "line " + i));
            byte[] reencoded = new PayloadDecoder(1 << 20)
                    .decodeGzipJson(PayloadEncoder.gzipJson(decoded))
                    .toString()
                    .getBytes();
            assertThat(reencoded).isNotEmpty();
            assertThat(JSON.readTree(json.get(i)).get("logEvents").size())
                    .isEqualTo(decoded.logEvents().size());
            assertThat(JSON.readTree(json.get(i))
                            .get("logEvents")
                            .get(0)
                            .get("message")
                            .asText())
                    .isEqualTo(decoded.logEvents().get(0).message());
        }
        List<SkipReason> reasons = b64.subList(json.size(), b64.size()).stream()
                .map(line -> {
                    try {
                        decoder.decode(new RawPayload(
                                RawPayload.Encoding.BASE64_GZIP_JSON, line.getBytes(StandardCharsets.US_ASCII), "t"));
                        return null;
                    } catch (BadPayloadException e) {
                        return e.reason();
                    }
                })
                .toList();
        assertThat(reasons)
                .containsExactly(SkipReason.NOT_GZIP, SkipReason.TRUNCATED, SkipReason.BAD_JSON, SkipReason.BAD_BASE64);
        assertThat(SamplePayloadFile.lines(json).subList(json.size(), b64.size()))
                .element(3)
                .isEqualTo(b64.get(b64.size() - 1));
    }
}
