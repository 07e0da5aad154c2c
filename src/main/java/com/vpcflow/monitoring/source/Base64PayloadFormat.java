package com.vpcflow.monitoring.source;

import com.vpcflow.monitoring.payload.RawPayload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A file of newline-delimited base64 subscription payloads (what {@code aws kinesis get-records} shows as
 * {@code Data}). Lines are passed on undecoded: a bad line is counted by the decoder, not thrown here.
 */
public final class Base64PayloadFormat extends LineFileFormat {
    private static final long serialVersionUID = 1L;

    @Override
    RawPayload next(Lines lines) throws IOException {
        String line;
        while ((line = lines.next()) != null) {
            String trimmed = line.trim();
            if (!trimmed.isEmpty()) {
                return new RawPayload(
                        RawPayload.Encoding.BASE64_GZIP_JSON,
                        trimmed.getBytes(StandardCharsets.US_ASCII),
                        "file line " + lines.number());
            }
        }
        return null;
    }
}
