package com.vpcflow.monitoring.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * A file of newline-delimited base64 subscription payloads (what {@code aws kinesis get-records} shows as
 * {@code Data}). Lines are passed on undecoded: a bad line is counted by the decoder, not thrown here.
 */
public final class Base64PayloadFormat extends SimpleStreamFormat<RawPayload> {
    private static final long serialVersionUID = 1L;

    @Override
    public Reader<RawPayload> createReader(Configuration config, FSDataInputStream stream) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.US_ASCII), 1 << 16);
        return new Reader<>() {
            private long lineNumber;

            @Override
            public RawPayload read() throws IOException {
                String line;
                while ((line = lines.readLine()) != null) {
                    lineNumber++;
                    String trimmed = line.trim();
                    if (!trimmed.isEmpty()) {
                        return new RawPayload(RawPayload.Encoding.BASE64_GZIP_JSON, trimmed.getBytes(StandardCharsets.US_ASCII),
                                "file line " + lineNumber);
                    }
                }
                return null;
            }

            @Override
            public void close() throws IOException {
                lines.close();
            }
        };
    }

    @Override
    public TypeInformation<RawPayload> getProducedType() {
        return TypeInformation.of(RawPayload.class);
    }
}
