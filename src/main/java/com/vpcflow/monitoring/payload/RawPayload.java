package com.vpcflow.monitoring.payload;

import java.util.Arrays;

/**
 * What every source emits: the undecoded bytes of one subscription payload (or one batch of text lines) and where
 * they came from, for sampled log lines about bad input. A Flink POJO: public fields, no-arg constructor.
 */
public class RawPayload {
    /** How {@link #data} is encoded. */
    public enum Encoding {
        /** gzip-compressed CloudWatch Logs subscription JSON (a Kinesis record's data). */
        GZIP_JSON,
        /** The same, base64-encoded (a line of a payloads file). */
        BASE64_GZIP_JSON,
        /** Plain flow-log lines separated by '\n' (S3 delivery text). */
        TEXT_LINES
    }

    public Encoding encoding;
    public byte[] data;
    /** Human-readable origin, e.g. {@code file:/x/payloads.b64:17} or {@code stream/shard/sequence}. */
    public String origin;
    /** {@link Encoding#TEXT_LINES} from a file with a header line: the fields it names (plain names), else null. */
    public String header;
    /** The account and region of the flow-log object the lines come from (its S3 key), else null. */
    public String account, region;

    public RawPayload() {}

    public RawPayload(Encoding encoding, byte[] data, String origin) {
        this.encoding = encoding;
        this.data = data;
        this.origin = origin;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawPayload p
                && encoding == p.encoding
                && Arrays.equals(data, p.data)
                && java.util.Objects.equals(origin, p.origin)
                && java.util.Objects.equals(header, p.header)
                && java.util.Objects.equals(account, p.account)
                && java.util.Objects.equals(region, p.region);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(data) + java.util.Objects.hashCode(origin);
    }

    @Override
    public String toString() {
        return "RawPayload{" + encoding + ", " + (data == null ? 0 : data.length) + " bytes, " + origin + "}";
    }
}
