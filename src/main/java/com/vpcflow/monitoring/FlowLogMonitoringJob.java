package com.vpcflow.monitoring;

import com.amazonaws.services.kinesisanalytics.runtime.KinesisAnalyticsRuntime;
import com.vpcflow.monitoring.config.ConfigException;
import com.vpcflow.monitoring.config.ConfigReader;
import com.vpcflow.monitoring.config.JobConfig;
import com.vpcflow.monitoring.config.Settings;
import com.vpcflow.monitoring.datadog.DatadogSink;
import com.vpcflow.monitoring.datadog.DryRunSink;
import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.pipeline.FlowLogPipeline;
import com.vpcflow.monitoring.pipeline.SeriesStreams;
import com.vpcflow.monitoring.source.PayloadSources;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.BatchExecutionOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.NettyShuffleEnvironmentOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ExceptionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point: reads the configuration (flags over property groups: MSF runtime properties on MSF, or
 * {@code --properties-file application_properties.json} locally), wires source, pipeline and sink, runs.
 */
public final class FlowLogMonitoringJob {
    private static final Logger LOG = LoggerFactory.getLogger(FlowLogMonitoringJob.class);

    private FlowLogMonitoringJob() {}

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        boolean local = env instanceof LocalStreamEnvironment;
        JobConfig config;
        try {
            config = JobConfig.fromCommandLine(args, applicationProperties(args, local));
        } catch (ConfigException e) {
            if (!local) throw e; // on a cluster the failure, with this message, is what the console shows
            System.err.println("Configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        build(env, config, local);
        ProgressReporter progress = local ? ProgressReporter.start(5_000) : null;
        try {
            env.execute("vpc-flow-log-monitoring");
        } catch (Exception e) {
            if (!local) throw e; // on a cluster, the job's failure with its cause is what the console shows
            if (progress != null) progress.stop();
            progress = null;
            System.err.println(failureLine(e));
            System.exit(1);
        } finally {
            if (progress != null) progress.stop();
        }
    }

    /**
     * One line for a local run that ended in failure: "Fatal: …" with the message of the error that ended it for good
     * (it names the setting to fix), else "Failed: …" with the root cause.
     */
    public static String failureLine(Throwable e) {
        Optional<SuppressRestartsException> fatal = ExceptionUtils.findThrowable(e, SuppressRestartsException.class);
        if (fatal.isPresent() && fatal.get().getCause() != null) {
            return "Fatal: " + fatal.get().getCause().getMessage();
        }
        Throwable root = ExceptionUtils.stripCompletionException(e);
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return "Failed: " + root;
    }

    /** Property groups: the file named by {@code --properties-file}, else MSF's runtime properties on a cluster. */
    static Map<String, Properties> applicationProperties(String[] args, boolean local) throws IOException {
        String file = ConfigReader.parseArgs(args).get(Settings.PROPERTIES_FILE.key());
        if (file != null) return KinesisAnalyticsRuntime.getApplicationProperties(file);
        return local ? Map.of() : KinesisAnalyticsRuntime.getApplicationProperties();
    }

    /** Wires the whole job into {@code env}, with the local run's parallelism and checkpointing: what the tests run. */
    public static void build(StreamExecutionEnvironment env, JobConfig config) {
        build(env, config, true);
    }

    static void build(StreamExecutionEnvironment env, JobConfig config, boolean local) {
        configure(env, config, local);
        attachSinks(
                FlowLogPipeline.build(
                        PayloadSources.create(env, config.sources()), config.pipeline(), config.runtimeMode()),
                config);
    }

    static void configure(StreamExecutionEnvironment env, JobConfig config, boolean local) {
        // Every type on the wire and in state has a Flink serializer; Kryo would be a silent, slow fallback.
        env.getConfig().getSerializerConfig().setGenericTypes(false);
        // No function here keeps or changes a record it was given, so chained operators hand records on without a
        // copy: without this, every payload's bytes and every batch's FlowStats were deep-copied between the source,
        // the decoder and the timestamp assigner.
        env.getConfig().enableObjectReuse();
        // A backfill reads a bounded archive in batch mode: sorted by key, every record reaches its window whatever
        // the order of objects and lines, and no watermark can leave one behind.
        env.setRuntimeMode(config.runtimeMode());
        if (!local) {
            // On MSF, parallelism and checkpointing are the application's configuration: do not fight it.
            LOG.info("Running on a cluster: parallelism and checkpointing come from the cluster configuration");
            return;
        }
        if (config.parallelism() > 0) {
            env.setParallelism(config.parallelism());
        }
        env.configure(localCluster(env.getParallelism()));
        if (!config.checkpointInterval().isZero() && config.runtimeMode() != RuntimeExecutionMode.BATCH) {
            env.enableCheckpointing(config.checkpointInterval().toMillis());
            // Not the default JobManager storage: it refuses more than 5 MB of state per task, which a few thousand
            // interfaces' open windows exceed, and every refused checkpoint restarts the job from its first record
            // (bodies written twice). Flink removes a finished job's checkpoints from the directory.
            env.getCheckpointConfig().setCheckpointStorage(localCheckpointDirectory());
        }
    }

    /** More bytes per task than a local run reads: batch tasks get the minimum parallelism, one subtask a core. */
    static final MemorySize ONE_TASK_EACH = MemorySize.ofMebiBytes(1 << 20);

    /** What a local cluster running this job is given (its task slots and its batch exchanges). */
    public static Configuration localCluster(int parallelism) {
        // The local cluster gets as many slots as the job graph's largest parallelism, and in batch mode Flink
        // decides parallelism only once the job runs, so it would start with one slot: every task, source
        // subtasks too, one after the other on one core.
        Configuration cluster = new Configuration();
        cluster.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
        // Flink's batch scheduler sizes each task by the bytes it reads (16 MiB a subtask), but the windows' work is
        // the series they emit: with payloads' batches combined before the keyBy, a 3,000,000-record run's windows
        // read 16.2 MB instead of 18.6 and got one subtask, leaving a core idle through the windows phase. Every
        // core, always.
        cluster.set(BatchExecutionOptions.ADAPTIVE_AUTO_PARALLELISM_MIN_PARALLELISM, parallelism);
        // The windows' keys are split between their subtasks by key group, and in batch mode Flink's scheduler gives
        // a keyed task as many key groups as subtasks: a few keys then split by a coin toss each (20-enis's 40 went
        // 24/16, 60% of the series on one subtask, the other core idle 0.08-0.33 s a run). The key groups streaming
        // mode would have, and a data volume per task no input reaches: the scheduler still runs a subtask per core,
        // and divides the key groups between them by their bytes (20-enis: 47.5/52.5% of the series).
        cluster.set(PipelineOptions.MAX_PARALLELISM, KeyGroupRangeAssignment.computeDefaultMaxParallelism(parallelism));
        cluster.set(BatchExecutionOptions.ADAPTIVE_AUTO_PARALLELISM_AVG_DATA_VOLUME_PER_TASK, ONE_TASK_EACH);
        // Batch exchanges of a local run never leave the machine: compressing them (LZ4, on by default) only costs.
        cluster.set(NettyShuffleEnvironmentOptions.BATCH_SHUFFLE_COMPRESSION_ENABLED, false);
        return cluster;
    }

    private static String localCheckpointDirectory() {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("vpc-flow-log-monitoring-checkpoints-");
            dir.toFile().deleteOnExit(); // once empty
            return dir.toUri().toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot create a directory for local checkpoints", e);
        }
    }

    /** A sink per stream of series (chained to the operator before it: see {@link SeriesStreams}). */
    static void attachSinks(SeriesStreams series, JobConfig config) {
        boolean datadog = config.datadog().apiKey().anyConfigured();
        if (datadog) {
            LOG.info(
                    "Sending series to {} (API key from {})",
                    config.datadog().seriesUrl(),
                    config.datadog().apiKey().sourceName());
        } else {
            LOG.info(
                    "No Datadog API key configured: dry run, writing the request bodies to {}",
                    config.output() == null ? "stdout" : config.output());
        }
        List<DataStream<MetricSeries>> streams = series.each();
        for (int i = 0; i < streams.size(); i++) {
            String suffix = i == 0 ? "" : "-skips";
            if (datadog) {
                streams.get(i)
                        .sinkTo(DatadogSink.builder(config.datadog()).build())
                        .name("datadog" + suffix)
                        .uid("datadog-sink" + suffix);
            }
            if (!datadog || config.output() != null) {
                // A writer per subtask: encoding the bodies is most of the work. Writers of a JVM share the output
                // stream and write whole lines.
                streams.get(i)
                        .sinkTo(new DryRunSink(config.output(), config.maxBatchSeries()))
                        .name("dry-run-output" + suffix)
                        .uid("dry-run-output" + suffix);
            }
        }
    }
}
