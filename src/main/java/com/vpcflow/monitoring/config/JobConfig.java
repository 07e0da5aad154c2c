package com.vpcflow.monitoring.config;

import com.vpcflow.monitoring.flowlog.FlowLogFormat;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Everything the job is told at start-up, validated once. Built from CLI flags ({@code --key value}); MSF property
 * groups map onto the same keys. Holds no secrets: API keys are resolved on the task managers.
 */
public record JobConfig(
        SourceKind source,
        String input,
        InputFormat inputFormat,
        int linesPerPayload,
        String logFormat,
        long maxPayloadBytes,
        Duration windowSize,
        Duration allowedLateness,
        Duration maxOutOfOrderness,
        Duration idleTimeout,
        String region,
        List<String> tags,
        String output,
        int parallelism,
        Duration checkpointInterval,
        long generatorPayloads,
        double generatorRate,
        long generatorSeed,
        long generatorStartSeconds,
        KinesisSettings kinesis,
        DatadogSettings datadog)
        implements Serializable {

    public static final String DEFAULT_LOG_FORMAT = "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} "
            + "${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}";

    /** Datadog's v2 intake refuses points more than an hour in the past. */
    public static final Duration DATADOG_MAX_POINT_AGE = Duration.ofHours(1);

    /** 0 means: let the environment decide (MSF, or the local machine's cores). */
    public static final int DEFAULT_PARALLELISM = 0;

    private static final Pattern TAG = Pattern.compile("[A-Za-z][A-Za-z0-9_./-]*:[A-Za-z0-9_./:-]+");

    /**
     * From the command line over property groups (MSF runtime properties, or a local application_properties.json),
     * with the process environment for the settings that also have an environment variable. Precedence: flags, then
     * properties, then defaults.
     */
    public static JobConfig fromCommandLine(String[] args, Map<String, Properties> propertyGroups) {
        ConfigReader reader = ConfigReader.layered(PropertyGroups.flatten(propertyGroups), args);
        reader.string("properties-file", null); // read by the caller to find the groups
        return fromAll(reader, System.getenv());
    }

    public static JobConfig fromArgs(String[] args, Map<String, String> env) {
        return fromAll(ConfigReader.fromArgs(args), env);
    }

    /** Every setting, then none left over. */
    private static JobConfig fromAll(ConfigReader reader, Map<String, String> env) {
        JobConfig config = from(reader, env);
        reader.rejectUnknown();
        return config;
    }

    public static JobConfig from(ConfigReader r, Map<String, String> env) {
        SourceKind source = r.choice("source", SourceKind.class, SourceKind.GENERATOR);
        String input = source == SourceKind.FILE
                ? r.requiredString("input", "--source file needs a file or directory of payloads")
                : r.string("input", null);
        Duration windowSize = r.duration("window-size", Duration.ofSeconds(60));
        if (windowSize.toMillis() < 1000 || windowSize.toMillis() % 1000 != 0) {
            throw ConfigException.invalid("window-size", "a whole number of seconds, at least 1s", Durations.format(windowSize));
        }
        Duration lateness = r.duration("allowed-lateness", Duration.ZERO);
        Duration outOfOrder = r.duration("max-out-of-orderness", Duration.ofMinutes(15));
        Duration oldest = windowSize.plus(outOfOrder).plus(lateness);
        if (oldest.compareTo(DATADOG_MAX_POINT_AGE) >= 0) {
            throw new ConfigException("Invalid --window-size/--max-out-of-orderness/--allowed-lateness: points would be "
                    + Durations.format(oldest) + " old when emitted (window-size + max-out-of-orderness + allowed-lateness), "
                    + "but Datadog refuses points older than 1h; keep the sum under 1h");
        }
        if (input != null && source == SourceKind.FILE && !Files.isReadable(Path.of(input))) {
            throw ConfigException.invalid("input", "a readable file or directory", input);
        }
        String output = r.string("output", null);
        if (output != null) {
            Path parent = Path.of(output).toAbsolutePath().getParent();
            if (parent == null || !Files.isDirectory(parent) || Files.isDirectory(Path.of(output))) {
                throw ConfigException.invalid("output", "a file path in an existing directory", output);
            }
        }
        String logFormat = r.string("log-format", DEFAULT_LOG_FORMAT);
        FlowLogFormat.parse(logFormat); // fails naming --log-format
        String region = r.string("region", defaultRegion());
        KinesisSettings kinesis = source == SourceKind.KINESIS ? KinesisSettings.from(r, region) : null;
        if (kinesis != null) region = kinesis.region();
        DatadogSettings datadog = DatadogSettings.from(r, env, region);
        return new JobConfig(
                source,
                input,
                r.choice("input-format", InputFormat.class, InputFormat.PAYLOADS),
                r.intInRange("lines-per-payload", 1000, 1, 100_000),
                logFormat,
                r.bytes("max-payload-bytes", 16L * 1024 * 1024, 1024, 1L << 30),
                windowSize,
                lateness,
                outOfOrder,
                r.duration("idle-timeout", Duration.ofMinutes(1)),
                region,
                parseTags(r.string("tags", "")),
                output,
                r.intInRange("parallelism", DEFAULT_PARALLELISM, 0, 4096),
                r.duration("checkpoint-interval", Duration.ofSeconds(10)),
                r.longInRange("generator-payloads", 200, 0, Long.MAX_VALUE),
                r.positiveDouble("generator-rate", 100),
                r.longInRange("generator-seed", 42, Long.MIN_VALUE, Long.MAX_VALUE),
                r.longInRange("generator-start", System.currentTimeMillis() / 1000, 0, 32_503_680_000L),
                kinesis,
                datadog);
    }

    private static String defaultRegion() {
        String env = System.getenv("AWS_REGION");
        if (env == null || env.isBlank()) env = System.getenv("AWS_DEFAULT_REGION");
        return env == null || env.isBlank() ? "unknown" : env;
    }

    static List<String> parseTags(String text) {
        List<String> tags = new ArrayList<>();
        for (String t : text.split(",")) {
            String tag = t.trim();
            if (tag.isEmpty()) continue;
            if (!TAG.matcher(tag).matches()) {
                throw ConfigException.invalid("tags", "comma-separated key:value tags, e.g. env:prod,team:net", tag);
            }
            tags.add(tag);
        }
        return List.copyOf(tags);
    }

    /** Whether the generator runs forever ({@code --generator-payloads 0}). */
    public boolean generatorUnbounded() {
        return generatorPayloads == 0;
    }

    /** Series per request body, for the real sink and the dry run alike. */
    public int maxBatchSeries() {
        return datadog.maxBatchSeries();
    }

    public long windowSizeSeconds() {
        return windowSize.toSeconds();
    }
}
