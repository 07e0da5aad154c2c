package com.vpcflow.monitoring.source;

import com.vpcflow.monitoring.flowlog.TimeRange;
import java.io.Serializable;
import java.time.Duration;

/**
 * Which source the payloads come from, and its own settings.
 *
 * @param input {@link SourceKind#FILE}: a file or directory
 * @param linesPerPayload {@link InputFormat#LINES}: consecutive lines grouped as one payload
 * @param generatorPayloads payloads to emit, 0 = unbounded
 * @param generatorStartSeconds event time (epoch s) of the first generated payload
 * @param generatorDisorderSeconds how far generated records may arrive out of order
 * @param kinesis {@link SourceKind#KINESIS} only, else null
 * @param range {@link SourceKind#FILE}: the records asked for, which also decides the objects read
 */
public record SourceSettings(
        SourceKind kind,
        String input,
        InputFormat inputFormat,
        int linesPerPayload,
        long generatorPayloads,
        double generatorRate,
        long generatorSeed,
        long generatorStartSeconds,
        int generatorDisorderSeconds,
        KinesisSettings kinesis,
        TimeRange range)
        implements Serializable {

    /** Generated disorder stays well inside the watermark bound, so generated data is never late. */
    public static int generatorDisorderWithin(Duration maxOutOfOrderness) {
        return (int) Math.min(120, maxOutOfOrderness.toSeconds() / 2);
    }

    /** Whether the input ends: a file or directory, or a generator given a number of payloads. */
    public boolean bounded() {
        return kind == SourceKind.FILE || (kind == SourceKind.GENERATOR && !generatorUnbounded());
    }

    /** Whether the generator runs forever. */
    public boolean generatorUnbounded() {
        return generatorPayloads == 0;
    }
}
