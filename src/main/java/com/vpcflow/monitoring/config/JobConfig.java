package com.vpcflow.monitoring.config;

import static com.vpcflow.monitoring.config.Settings.*;

import com.vpcflow.monitoring.datadog.DatadogSinkSettings;
import com.vpcflow.monitoring.flowlog.FlowLogFormat;
import com.vpcflow.monitoring.flowlog.TimeRange;
import com.vpcflow.monitoring.pipeline.PipelineSettings;
import com.vpcflow.monitoring.source.FlowLogArchive;
import com.vpcflow.monitoring.source.InputFormat;
import com.vpcflow.monitoring.source.KinesisSettings;
import com.vpcflow.monitoring.source.SourceKind;
import com.vpcflow.monitoring.source.SourceSettings;
import com.vpcflow.monitoring.stats.Dimensions;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.flink.api.common.RuntimeExecutionMode;

/**
 * Everything the job is told at start-up, validated once, from the {@link Settings} declarations: CLI flags
 * ({@code --key value}) over MSF property groups. Holds no secrets: API keys are resolved on the task managers.
 * It holds each stage's own settings ({@link #sources()}, {@link #pipeline()}, {@link #datadog()}) and the local run's.
 */
public record JobConfig(
        SourceSettings sources,
        PipelineSettings pipeline,
        DatadogSinkSettings datadog,
        String output,
        int parallelism,
        Duration checkpointInterval,
        RuntimeExecutionMode runtimeMode)
        implements Serializable {

    /**
     * From the command line over property groups (MSF runtime properties, or a local application_properties.json),
     * with the process environment for the settings that also have an environment variable. Precedence: flags, then
     * properties, then defaults.
     */
    public static JobConfig fromCommandLine(String[] args, Map<String, Properties> propertyGroups) {
        Map<String, String> merged = new java.util.LinkedHashMap<>(PropertyGroups.flatten(propertyGroups));
        merged.putAll(ConfigReader.parseArgs(args));
        return fromAll(new ConfigReader(merged, System.getenv()));
    }

    public static JobConfig fromArgs(String[] args, Map<String, String> env) {
        return fromAll(new ConfigReader(ConfigReader.parseArgs(args), env));
    }

    /** Every setting, then none left over. */
    private static JobConfig fromAll(ConfigReader reader) {
        JobConfig config = from(reader);
        reader.rejectUnknown();
        return config;
    }

    public static JobConfig from(ConfigReader r) {
        r.get(PROPERTIES_FILE); // read by the entry point to find the property groups
        SourceKind source = r.get(SOURCE);
        String input = source == SourceKind.FILE
                ? r.required(INPUT, "--source file needs a file or directory of payloads, or an s3:// prefix")
                : r.get(INPUT);
        boolean archive = input != null && FlowLogArchive.isObjectStore(input);
        if (input != null && source == SourceKind.FILE && !archive && !Files.isReadable(Path.of(input))) {
            throw ConfigException.invalid(INPUT.key(), "a readable file or directory", input);
        }
        String s3Endpoint = r.get(S3_ENDPOINT);
        InputFormat inputFormat = r.get(INPUT_FORMAT, archive ? InputFormat.LINES : InputFormat.PAYLOADS);
        TimeRange range = range(r);
        FlowLogFormat givenFormat = r.get(LOG_FORMAT, null);
        FlowLogFormat format = givenFormat == null ? LOG_FORMAT.defaultValue() : givenFormat;
        if (source == SourceKind.FILE && inputFormat == InputFormat.LINES) {
            Optional<String> header = header(input, archive, s3Endpoint, range);
            if (header.isPresent() && givenFormat == null) {
                format = FlowLogFormat.parse(header.get());
            } else if (header.isPresent() && !header.get().equals(givenFormat.headerLine())) {
                throw new ConfigException("Invalid --" + LOG_FORMAT.key() + ": '" + givenFormat.headerLine()
                        + "' is not the format of " + input + ", whose header names '" + header.get()
                        + "'; give the header's fields, or leave --log-format out to use them");
            }
        }
        Duration windowSize = r.get(WINDOW_SIZE);
        Duration lateness = r.get(ALLOWED_LATENESS);
        Duration outOfOrder = r.get(MAX_OUT_OF_ORDERNESS);
        Duration oldest = windowSize.plus(outOfOrder).plus(lateness);
        if (oldest.compareTo(DatadogSinkSettings.MAX_POINT_AGE) >= 0 && !r.get(HISTORICAL_INGESTION)) {
            throw new ConfigException(
                    "Invalid --window-size/--max-out-of-orderness/--allowed-lateness: points would be "
                            + Durations.format(oldest)
                            + " old when emitted (window-size + max-out-of-orderness + allowed-lateness), "
                            + "but Datadog refuses points older than 1h; keep the sum under 1h, or enable"
                            + " historical metrics ingestion in Datadog and give --historical-ingestion");
        }
        String output = r.get(OUTPUT);
        if (output != null) {
            Path parent = Path.of(output).toAbsolutePath().getParent();
            if (parent == null || !Files.isDirectory(parent) || Files.isDirectory(Path.of(output))) {
                throw ConfigException.invalid(OUTPUT.key(), "a file path in an existing directory", output);
            }
        }
        String region = r.get(REGION, defaultRegion());
        KinesisSettings kinesis = source == SourceKind.KINESIS ? KinesisConfig.from(r, region) : null;
        if (kinesis != null) region = kinesis.region();
        Dimensions dimensions;
        try {
            dimensions = Dimensions.of(r.get(DIMENSIONS), format);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Invalid --" + DIMENSIONS.key() + ": " + e.getMessage());
        }
        int topPeers = r.get(TOP_PEERS);
        int topPeersCapacity = r.get(TOP_PEERS_CAPACITY, Math.max(1, 20 * topPeers));
        if (topPeersCapacity < topPeers) {
            throw new ConfigException("Invalid --" + TOP_PEERS_CAPACITY.key() + ": it must be at least --top-peers ("
                    + topPeers + "), got " + topPeersCapacity);
        }
        SourceSettings sources = new SourceSettings(
                source,
                input,
                inputFormat,
                r.get(LINES_PER_PAYLOAD),
                r.get(GENERATOR_PAYLOADS),
                r.get(GENERATOR_RATE),
                r.get(GENERATOR_SEED),
                r.get(GENERATOR_START, System.currentTimeMillis() / 1000),
                SourceSettings.generatorDisorderWithin(outOfOrder),
                kinesis,
                range);
        // An input that ends is read whole in batch mode: no order of files or lines can make a record late.
        RuntimeExecutionMode runtimeMode =
                r.get(RUNTIME_MODE, sources.bounded() ? RuntimeExecutionMode.BATCH : RuntimeExecutionMode.STREAMING);
        if (runtimeMode == RuntimeExecutionMode.BATCH && !sources.bounded()) {
            throw new ConfigException("Invalid --" + RUNTIME_MODE.key() + ": batch needs an input that ends (--source"
                    + " file, or a generator with --generator-payloads); --source "
                    + source.name().toLowerCase()
                    + " runs without end");
        }
        PipelineSettings pipeline = new PipelineSettings(
                format,
                r.get(MAX_PAYLOAD_BYTES),
                windowSize,
                lateness,
                outOfOrder,
                r.get(IDLE_TIMEOUT),
                region,
                r.get(TAGS, List.of()),
                dimensions,
                r.get(PER_REQUEST_STATS),
                r.get(MAX_GROUPS_PER_KEY),
                topPeers,
                topPeersCapacity,
                r.get(MAX_FUTURE),
                range);
        return new JobConfig(
                sources,
                pipeline,
                DatadogConfig.from(r, region),
                output,
                r.get(PARALLELISM),
                r.get(CHECKPOINT_INTERVAL),
                runtimeMode);
    }

    private static TimeRange range(ConfigReader r) {
        Instant from = r.get(FROM), to = r.get(TO);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new ConfigException(
                    "Invalid --" + FROM.key() + "/--" + TO.key() + ": --from " + from + " is not before --to " + to);
        }
        return TimeRange.of(from, to);
    }

    /** The header of the first file the run reads, preparing Flink's S3 file system first for an S3 input. */
    private static Optional<String> header(String input, boolean archive, String s3Endpoint, TimeRange range) {
        try {
            if (archive) FlowLogArchive.useS3FileSystem(input, s3Endpoint);
            return FlowLogArchive.firstHeader(input, range);
        } catch (FlowLogArchive.ArchiveException e) {
            throw new ConfigException("Invalid --" + INPUT.key() + ": " + e.getMessage());
        }
    }

    private static String defaultRegion() {
        String env = System.getenv("AWS_REGION");
        if (env == null || env.isBlank()) env = System.getenv("AWS_DEFAULT_REGION");
        return env == null || env.isBlank() ? "unknown" : env;
    }

    /** Series per request body, for the real sink and the dry run alike. */
    public int maxBatchSeries() {
        return datadog.maxBatchSeries();
    }
}
