package com.vpcflow.monitoring.source;

/** Where subscription payloads come from. */
public enum SourceKind {
    /** Built-in seeded generator of realistic payloads: the embedded default for local runs. */
    GENERATOR,
    /** A file or directory (see {@link InputFormat}). */
    FILE,
    /** The Kinesis data stream a CloudWatch Logs subscription filter writes to (the default on MSF). */
    KINESIS
}
