package com.vpcflow.monitoring.source;

import com.vpcflow.monitoring.flowlog.FlowLogFormat;
import com.vpcflow.monitoring.payload.RawPayload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Plain flow-log text as S3 delivery writes it. Consecutive lines are grouped into one {@link RawPayload} of up to
 * {@code linesPerPayload} lines: the unit over which an ENI's address is decided, as a CloudWatch payload would be.
 * A file's first line, when it names fields ({@code version account-id …}), is its header: not a record, but carried
 * on each of the file's payloads so the parser can refuse a file of another format. For a delivered object, the
 * account and region of its name travel along too.
 */
public final class FlowLogLinesFormat extends LineFileFormat {
    private static final long serialVersionUID = 1L;

    private final int linesPerPayload;
    private final FlowLogObjectName object;

    public FlowLogLinesFormat(int linesPerPayload) {
        this(linesPerPayload, null);
    }

    /** For the lines of {@code object}, a file named as VPC Flow Logs names them; null when it is not. */
    public FlowLogLinesFormat(int linesPerPayload, FlowLogObjectName object) {
        this.linesPerPayload = linesPerPayload;
        this.object = object;
    }

    /** The fields a header line names, in the plain-names form; empty when the line is a record, not a header. */
    public static Optional<String> headerOf(String line) {
        if (line.isEmpty() || Character.isDigit(line.charAt(0))) return Optional.empty(); // v2+ records start with one
        try {
            return Optional.of(FlowLogFormat.parse(line.trim()).headerLine());
        } catch (IllegalArgumentException notAHeader) {
            return Optional.empty();
        }
    }

    @Override
    RawPayload next(Lines lines) throws IOException {
        if (lines.number() == 0) readHeader(lines);
        StringBuilder batch = new StringBuilder(Math.min(linesPerPayload, 1024) * 120);
        long first = lines.number() + 1;
        int n = 0;
        String line;
        while (n < linesPerPayload && (line = lines.next()) != null) {
            if (line.equals(lines.headerText)) continue; // files concatenated after the first one
            batch.append(line).append('\n');
            n++;
        }
        if (n == 0) return null;
        RawPayload payload = new RawPayload(
                RawPayload.Encoding.TEXT_LINES,
                batch.toString().getBytes(StandardCharsets.UTF_8),
                "file lines " + first + "-" + lines.number());
        payload.header = lines.header;
        if (object != null) {
            payload.account = object.account();
            payload.region = object.region();
        }
        return payload;
    }

    private static void readHeader(Lines lines) throws IOException {
        String first = lines.next();
        if (first == null) return;
        Optional<String> header = headerOf(first);
        if (header.isPresent()) {
            lines.header = header.get();
            lines.headerText = first;
        } else {
            lines.pushBack(first);
        }
    }
}
