package com.vpcflow.monitoring.source;

/** Layout of {@code --source file} input. */
public enum InputFormat {
    /** One base64 gzip subscription payload per line, as {@code aws kinesis get-records} shows {@code Data}. */
    PAYLOADS,
    /** Plain flow-log text lines as S3 delivery writes them; a header line is skipped. */
    LINES
}
