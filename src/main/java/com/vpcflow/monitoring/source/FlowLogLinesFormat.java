package com.vpcflow.monitoring.source;

import com.vpcflow.monitoring.payload.RawPayload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Plain flow-log text as S3 delivery writes it. Consecutive lines are grouped into one {@link RawPayload} of up to
 * {@code linesPerPayload} lines: the unit over which an ENI's address is decided, as a CloudWatch payload would be.
 */
public final class FlowLogLinesFormat extends LineFileFormat {
    private static final long serialVersionUID = 1L;

    private final int linesPerPayload;

    public FlowLogLinesFormat(int linesPerPayload) {
        this.linesPerPayload = linesPerPayload;
    }

    @Override
    RawPayload next(Lines lines) throws IOException {
        StringBuilder batch = new StringBuilder(Math.min(linesPerPayload, 1024) * 120);
        long first = lines.number() + 1;
        int n = 0;
        String line;
        while (n < linesPerPayload && (line = lines.next()) != null) {
            batch.append(line).append('\n');
            n++;
        }
        if (n == 0) return null;
        return new RawPayload(
                RawPayload.Encoding.TEXT_LINES,
                batch.toString().getBytes(StandardCharsets.UTF_8),
                "file lines " + first + "-" + lines.number());
    }
}
