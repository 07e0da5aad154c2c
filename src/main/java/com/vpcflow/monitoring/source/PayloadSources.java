package com.vpcflow.monitoring.source;

import com.vpcflow.monitoring.config.JobConfig;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.connectors.kinesis.FlinkKinesisConsumer;

/**
 * The one place that knows the sources: each yields a stream of {@link RawPayload}. Event time is assigned later,
 * per flow record, so sources emit no watermarks of their own.
 */
public final class PayloadSources {
    private PayloadSources() {}

    public static DataStream<RawPayload> create(StreamExecutionEnvironment env, JobConfig config) {
        TypeInformation<RawPayload> type = TypeInformation.of(RawPayload.class);
        switch (config.source()) {
            case GENERATOR: {
                // Disorder stays well inside the watermark bound, so generated data is never late.
                int disorder = (int) Math.min(120, config.maxOutOfOrderness().toSeconds() / 2);
                DataGeneratorSource<RawPayload> source = new DataGeneratorSource<>(
                        new FlowLogGenerator(config.generatorSeed(), config.generatorStartSeconds(), disorder),
                        config.generatorUnbounded() ? Long.MAX_VALUE : config.generatorPayloads(),
                        RateLimiterStrategy.perSecond(config.generatorRate()),
                        type);
                return env.fromSource(source, WatermarkStrategy.noWatermarks(), "generator").uid("source-generator");
            }
            case FILE: {
                FileSource<RawPayload> source = switch (config.inputFormat()) {
                    case PAYLOADS -> FileSource.forRecordStreamFormat(new Base64PayloadFormat(), new Path(config.input())).build();
                    case LINES -> FileSource.forRecordStreamFormat(new FlowLogLinesFormat(config.linesPerPayload()), new Path(config.input())).build();
                };
                return env.fromSource(source, WatermarkStrategy.noWatermarks(), "file").uid("source-file");
            }
            case KINESIS: {
                FlinkKinesisConsumer<RawPayload> consumer = new FlinkKinesisConsumer<>(config.kinesis().stream(),
                        new KinesisPayloadSchema(), KinesisConsumerProperties.of(config.kinesis()));
                return env.addSource(consumer, "kinesis", type).uid("source-kinesis");
            }
            default:
                throw new IllegalStateException("unknown source " + config.source());
        }
    }
}
