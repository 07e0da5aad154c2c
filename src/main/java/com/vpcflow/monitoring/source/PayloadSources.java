package com.vpcflow.monitoring.source;

import com.vpcflow.monitoring.payload.RawPayload;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.enumerate.FileEnumerator;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The one place that knows the sources: each yields a stream of {@link RawPayload}. Event time is assigned after
 * decoding, from the records' {@code start}, so sources emit no watermarks of their own.
 */
public final class PayloadSources {
    private PayloadSources() {}

    public static DataStream<RawPayload> create(StreamExecutionEnvironment env, SourceSettings settings) {
        TypeInformation<RawPayload> type = TypeInformation.of(RawPayload.class);
        switch (settings.kind()) {
            case GENERATOR: {
                // Bounded: one second of event time per payload, as fast as the rate allows (a replay of the past).
                // Unbounded: event time keeps to the clock (payloads per second of event time = the rate), from one
                // subtask, whose index sequence starts at 0 (a second subtask would start half-way to Long.MAX_VALUE).
                boolean unbounded = settings.generatorUnbounded();
                long pace = unbounded ? Math.max(1, Math.round(settings.generatorRate())) : 1;
                DataGeneratorSource<RawPayload> source = new DataGeneratorSource<>(
                        new FlowLogGenerator(
                                settings.generatorSeed(),
                                settings.generatorStartSeconds(),
                                settings.generatorDisorderSeconds(),
                                pace),
                        unbounded ? Long.MAX_VALUE : settings.generatorPayloads(),
                        RateLimiterStrategy.perSecond(settings.generatorRate()),
                        type);
                DataStreamSource<RawPayload> stream =
                        env.fromSource(source, WatermarkStrategy.noWatermarks(), "generator");
                if (unbounded) stream.setParallelism(1);
                return stream.uid("source-generator");
            }
            case FILE: {
                // Every file below the input, but hidden ones and, for a time range, objects and day folders that
                // cannot hold records of the range (their key says when they were delivered).
                FileEnumerator.Provider files =
                        () -> new NonSplittingRecursiveEnumerator(new FlowLogObjectFilter(settings.range()));
                // A payloads file is cut into splits, so one large file keeps every source subtask busy.
                FileEnumerator.Provider chunks = () -> new ChunkingFileEnumerator(
                        new FlowLogObjectFilter(settings.range()), ChunkingFileEnumerator.DEFAULT_SPLIT_BYTES);
                Path input = new Path(settings.input());
                FileSource<RawPayload> source =
                        switch (settings.inputFormat()) {
                            case PAYLOADS -> FileSource.forRecordStreamFormat(new Base64PayloadFormat(), input)
                                    .setFileEnumerator(chunks)
                                    .setSplitAssigner(InOrderSplitAssigner.PROVIDER)
                                    .build();
                            case LINES -> FileSource.forBulkFileFormat(
                                            new FlowLogObjectsFormat(settings.linesPerPayload()), input)
                                    .setFileEnumerator(files)
                                    .setSplitAssigner(InOrderSplitAssigner.PROVIDER)
                                    .build();
                        };
                return env.fromSource(source, WatermarkStrategy.noWatermarks(), "file")
                        .uid("source-file");
            }
            case KINESIS: {
                PayloadKinesisConsumer consumer = new PayloadKinesisConsumer(
                        settings.kinesis().stream(),
                        settings.kinesis().region(),
                        settings.kinesis().endpoint(),
                        KinesisConsumerProperties.of(settings.kinesis()));
                return env.addSource(consumer, "kinesis", type).uid("source-kinesis");
            }
            default:
                throw new IllegalStateException("unknown source " + settings.kind());
        }
    }
}
