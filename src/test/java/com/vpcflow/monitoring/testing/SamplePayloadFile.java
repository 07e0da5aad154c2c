package com.vpcflow.monitoring.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Writes {@code src/test/resources/sample/payloads.b64} from the readable {@code payloads.jsonl} beside it: each
 * JSON line gzip-compressed and base64-encoded, then four bad payloads (see the README there). Run it after
 * editing the JSON: {@code java -cp target/test-classes:target/classes com.vpcflow.monitoring.testing.SamplePayloadFile}.
 */
public final class SamplePayloadFile {
    public static final Path DIR = Path.of("src/test/resources/sample");

    private SamplePayloadFile() {}

    public static List<String> lines(List<String> jsonLines) {
        Base64.Encoder b64 = Base64.getEncoder();
        List<String> out = new ArrayList<>();
        for (String json : jsonLines) {
            out.add(b64.encodeToString(TestPayloads.gzip(json)));
        }
        byte[] first = TestPayloads.gzip(jsonLines.get(0));
        out.add(b64.encodeToString("hello world".getBytes(StandardCharsets.US_ASCII))); // not gzip
        out.add(b64.encodeToString(Arrays.copyOf(first, first.length / 2))); // truncated gzip
        out.add(b64.encodeToString(
                TestPayloads.gzip("{\"messageType\": \"DATA_MESSAGE\", \"logEvents\": ["))); // bad JSON
        out.add("!!!this-is-not-base64!!!"); // bad base64
        return out;
    }

    public static void main(String[] args) throws IOException {
        List<String> json = Files.readAllLines(DIR.resolve("payloads.jsonl"));
        Files.write(DIR.resolve("payloads.b64"), lines(json));
    }
}
