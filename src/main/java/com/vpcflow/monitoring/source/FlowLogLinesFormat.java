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
 * Plain flow-log text as S3 delivery writes it. Consecutive lines are grouped into one {@link RawPayload} of up to
 * {@code linesPerPayload} lines: the unit over which an ENI's address is decided, as a CloudWatch payload would be.
 */
public final class FlowLogLinesFormat extends SimpleStreamFormat<RawPayload> {
    private static final long serialVersionUID = 1L;

    private final int linesPerPayload;

    public FlowLogLinesFormat(int linesPerPayload) {
        this.linesPerPayload = linesPerPayload;
    }

    @Override
    public Reader<RawPayload> createReader(Configuration config, FSDataInputStream stream) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8), 1 << 16);
        return new Reader<>() {
            private long lineNumber;

            @Override
            public RawPayload read() throws IOException {
                StringBuilder batch = new StringBuilder(linesPerPayload * 120);
                long first = lineNumber + 1;
                int n = 0;
                String line;
                while (n < linesPerPayload && (line = lines.readLine()) != null) {
                    lineNumber++;
                    batch.append(line).append('\n');
                    n++;
                }
                if (n == 0) return null;
                return new RawPayload(RawPayload.Encoding.TEXT_LINES, batch.toString().getBytes(StandardCharsets.UTF_8),
                        "file lines " + first + "-" + lineNumber);
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
