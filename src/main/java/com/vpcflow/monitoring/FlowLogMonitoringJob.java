package com.vpcflow.monitoring;

import com.vpcflow.monitoring.config.ConfigException;
import com.vpcflow.monitoring.config.JobConfig;
import com.vpcflow.monitoring.datadog.DatadogSink;
import com.vpcflow.monitoring.datadog.DryRunSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.vpcflow.monitoring.flowlog.FlowLogFormat;
import com.vpcflow.monitoring.metrics.MetricSeries;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import com.vpcflow.monitoring.source.PayloadSources;

/** Entry point: reads the configuration, wires source, pipeline and sink, runs. */
public final class FlowLogMonitoringJob {
    private static final Logger LOG = LoggerFactory.getLogger(FlowLogMonitoringJob.class);
    private FlowLogMonitoringJob() {}

    public static void main(String[] args) throws Exception {
        JobConfig config;
        try {
            config = JobConfig.fromCommandLine(args);
            FlowLogFormat.parse(config.logFormat());
        } catch (ConfigException e) {
            System.err.println("Configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        build(env, config);

        ProgressReporter progress = ProgressReporter.start(5_000);
        try {
            env.execute("vpc-flow-log-monitoring");
        } finally {
            progress.stop();
        }
    }

    /** Wires the whole job into {@code env}: what {@link #main} runs, and what the end-to-end tests run. */
    public static void build(StreamExecutionEnvironment env, JobConfig config) {
        configure(env, config);
        DataStream<MetricSeries> series = FlowLogPipeline.build(PayloadSources.create(env, config), config);
        attachSink(series, config);
    }

    static void configure(StreamExecutionEnvironment env, JobConfig config) {
        // Every type on the wire and in state has a Flink serializer; Kryo would be a silent, slow fallback.
        env.getConfig().disableGenericTypes();
        if (config.parallelism() > 0) {
            env.setParallelism(config.parallelism());
        }
        if (!config.checkpointInterval().isZero()) {
            env.enableCheckpointing(config.checkpointInterval().toMillis());
        }
    }

    static void attachSink(DataStream<MetricSeries> series, JobConfig config) {
        if (config.datadog().apiKey().anyConfigured()) {
            LOG.info("Sending series to {} (API key from {})", config.datadog().seriesUrl(), config.datadog().apiKey().sourceName());
            series.sinkTo(DatadogSink.builder(config.datadog()).build()).name("datadog").uid("datadog-sink");
            if (config.output() == null) return;
        } else {
            LOG.info("No Datadog API key configured: dry run, writing the request bodies to {}",
                    config.output() == null ? "stdout" : config.output());
        }
        // One writer, so bodies on stdout or in the output file are whole lines in one place.
        series.sinkTo(new DryRunSink(config.output(), config.maxBatchSeries()))
                .name("dry-run-output").uid("dry-run-output").setParallelism(1);
    }
}
