package com.vpcflow.monitoring.config;

import static com.vpcflow.monitoring.config.PropertyGroup.COMMAND_LINE;
import static com.vpcflow.monitoring.config.PropertyGroup.DATADOG_SINK;
import static com.vpcflow.monitoring.config.PropertyGroup.FLOW_LOG_JOB;
import static com.vpcflow.monitoring.config.PropertyGroup.KINESIS_SOURCE;
import static com.vpcflow.monitoring.config.PropertyGroup.WINDOWS;

import com.vpcflow.monitoring.datadog.BodyEncoding;
import com.vpcflow.monitoring.datadog.DatadogSinkBuilder;
import com.vpcflow.monitoring.datadog.DatadogSinkSettings;
import com.vpcflow.monitoring.flowlog.FlowLogFormat;
import com.vpcflow.monitoring.metrics.PerRequestStat;
import com.vpcflow.monitoring.pipeline.PipelineSettings;
import com.vpcflow.monitoring.source.InputFormat;
import com.vpcflow.monitoring.source.KinesisSettings;
import com.vpcflow.monitoring.source.KinesisSettings.InitialPosition;
import com.vpcflow.monitoring.source.SourceKind;
import com.vpcflow.monitoring.stats.Dimensions;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.RuntimeExecutionMode;

/**
 * Every setting the job accepts, each declared once: the README's settings tables list exactly these, by property
 * group, with these defaults and descriptions (checked by {@code SettingsDocumentationTest}).
 */
public final class Settings {
    private Settings() {}

    // FlowLogJob: the source and the records
    public static final Setting<SourceKind> SOURCE = Setting.of(
            "source",
            FLOW_LOG_JOB,
            SettingType.choice(SourceKind.class),
            SourceKind.GENERATOR,
            "`generator`, `file` or `kinesis`");
    public static final Setting<String> INPUT = Setting.withoutDefault(
            "input",
            FLOW_LOG_JOB,
            SettingType.TEXT,
            "—",
            "`--source file`: a file or directory, or an S3 prefix `s3://bucket/prefix/` of delivered flow logs");
    public static final Setting<InputFormat> INPUT_FORMAT = Setting.withoutDefault(
            "input-format",
            FLOW_LOG_JOB,
            SettingType.choice(InputFormat.class),
            "`payloads`; `lines` for `s3://`",
            "`payloads`: one base64 gzip subscription payload per line (what `aws kinesis get-records` shows as `Data`);"
                    + " `lines`: S3 text flow logs, gzip or not (a header line gives the format)");
    public static final Setting<Instant> FROM = Setting.withoutDefault(
            "from",
            FLOW_LOG_JOB,
            SettingType.INSTANT,
            "—",
            "`--source file`: only records whose `start` is at or after this, ISO-8601 or epoch seconds; objects"
                    + " delivered before it are not read");
    public static final Setting<Instant> TO = Setting.withoutDefault(
            "to",
            FLOW_LOG_JOB,
            SettingType.INSTANT,
            "—",
            "`--source file`: only records whose `start` is before this; objects delivered more than 1h after it"
                    + " are not read");
    public static final Setting<RuntimeExecutionMode> RUNTIME_MODE = Setting.withoutDefault(
            "runtime-mode",
            FLOW_LOG_JOB,
            SettingType.choice(RuntimeExecutionMode.class),
            "`batch` for a file or a generator with `--generator-payloads`, else `streaming`",
            "Flink's execution mode: `batch` reads an input that ends whole, sorted by key, so no record is"
                    + " late; `streaming` closes windows by the watermark, as the live job does (a replay that"
                    + " simulates it)");
    public static final Setting<Integer> LINES_PER_PAYLOAD = Setting.of(
            "lines-per-payload",
            FLOW_LOG_JOB,
            SettingType.intRange(1, 100_000),
            1000,
            "with `lines`: consecutive lines grouped as one payload (the unit for the ENI address)");
    public static final Setting<FlowLogFormat> LOG_FORMAT = new Setting<>(
            "log-format",
            List.of(),
            false,
            FLOW_LOG_JOB,
            SettingType.LOG_FORMAT,
            FlowLogFormat.parse(FlowLogFormat.DEFAULT_TEXT),
            "the v2 default format",
            "the flow log's `LogFormat`, `${field} ${field} ...` or the plain names of an S3 header line (`version account-id ...`); every documented field through v8, unknown newer names"
                    + " kept as text; must contain `${interface-id}` and `${start}`");
    public static final Setting<Long> MAX_PAYLOAD_BYTES = Setting.of(
            "max-payload-bytes",
            FLOW_LOG_JOB,
            SettingType.bytes(1024, 1L << 30),
            16L * 1024 * 1024,
            "cap on a decompressed payload");
    public static final Setting<String> REGION = Setting.withoutDefault(
            "region",
            FLOW_LOG_JOB,
            SettingType.TEXT,
            "`$AWS_REGION` or `unknown`",
            "`region` tag when the format has no `${region}`");
    public static final Setting<List<String>> TAGS =
            Setting.withoutDefault("tags", FLOW_LOG_JOB, SettingType.TAGS, "—", "extra tags, `k:v,k:v`");
    public static final Setting<Integer> PARALLELISM = new Setting<>(
            "parallelism",
            List.of(),
            false,
            FLOW_LOG_JOB,
            SettingType.intRange(0, 4096),
            0,
            "environment's",
            "local runs");
    public static final Setting<Duration> CHECKPOINT_INTERVAL = Setting.of(
            "checkpoint-interval",
            FLOW_LOG_JOB,
            SettingType.DURATION,
            Duration.ofSeconds(10),
            "local runs; `0` turns checkpointing off");
    public static final Setting<Long> GENERATOR_PAYLOADS = Setting.of(
            "generator-payloads",
            FLOW_LOG_JOB,
            SettingType.longRange(0, Long.MAX_VALUE),
            200L,
            "generator: payloads to emit, `0` = unbounded");
    public static final Setting<Double> GENERATOR_RATE = Setting.of(
            "generator-rate", FLOW_LOG_JOB, SettingType.POSITIVE_NUMBER, 100.0, "generator: payloads per second");
    public static final Setting<Long> GENERATOR_SEED = Setting.of(
            "generator-seed",
            FLOW_LOG_JOB,
            SettingType.longRange(Long.MIN_VALUE, Long.MAX_VALUE),
            42L,
            "generator: seed (same seed, same data)");
    public static final Setting<Long> GENERATOR_START = Setting.withoutDefault(
            "generator-start",
            FLOW_LOG_JOB,
            SettingType.longRange(0, 32_503_680_000L),
            "now",
            "generator: event time (epoch s) of the first payload");

    // Windows
    public static final Setting<Duration> WINDOW_SIZE = Setting.of(
            "window-size",
            WINDOWS,
            SettingType.WHOLE_SECONDS,
            Duration.ofSeconds(60),
            "tumbling window, whole seconds");
    public static final Setting<Duration> ALLOWED_LATENESS = Setting.of(
            "allowed-lateness",
            WINDOWS,
            SettingType.DURATION,
            Duration.ZERO,
            "how long a closed window still accepts late records (it re-fires, overwriting its points)");
    public static final Setting<Duration> MAX_OUT_OF_ORDERNESS = Setting.of(
            "max-out-of-orderness",
            WINDOWS,
            SettingType.DURATION,
            Duration.ofMinutes(15),
            "watermark bound: flow logs reach CloudWatch minutes after their aggregation interval");
    public static final Setting<Duration> IDLE_TIMEOUT = Setting.of(
            "idle-timeout",
            WINDOWS,
            SettingType.DURATION,
            Duration.ofMinutes(1),
            "a source subtask with no data for this long stops holding back the watermark");

    public static final Setting<Duration> MAX_FUTURE = Setting.of(
            "max-future",
            WINDOWS,
            SettingType.DURATION,
            PipelineSettings.DEFAULT_MAX_FUTURE,
            "records whose `start` is further ahead of the wall clock are refused"
                    + " (`reason:future_timestamp`) before they can move the watermark; Datadog refuses such points anyway");

    // Windows: what each window emits (its cost in Datadog)
    public static final Setting<List<String>> DIMENSIONS = Setting.of(
            "dimensions",
            WINDOWS,
            SettingType.NAMES,
            Dimensions.DEFAULT,
            "tags that split a window's series besides `interface_id` and `action`: `protocol`, `ip`,"
                    + " `direction`, `aws_account`, `region`, or any field of `log-format` with `-` as `_`"
                    + " (`vpc_id`, `subnet_id`, `flow_direction`, `pkt_srcaddr`, …)");
    public static final Setting<List<PerRequestStat>> PER_REQUEST_STATS = Setting.of(
            "per-request-stats",
            WINDOWS,
            SettingType.PER_REQUEST_STATS,
            PerRequestStat.DEFAULT,
            "the `*.per_request.*` gauges: any of `min,median,p90,p95,p99,max,avg`, or `none`");
    public static final Setting<Integer> MAX_GROUPS_PER_KEY = Setting.of(
            "max-groups-per-key",
            WINDOWS,
            SettingType.intRange(0, 1_000_000),
            0,
            "groups with series of their own per (interface, action, window), most bytes first; the rest are folded"
                    + " into one group tagged `other`; `0` = all");
    public static final Setting<Integer> TOP_PEERS = Setting.of(
            "top-peers",
            WINDOWS,
            SettingType.intRange(0, 1000),
            0,
            "remote addresses with the most bytes reported per (interface, action, window) as `top_peers.*`; `0` = off");
    public static final Setting<Integer> TOP_PEERS_CAPACITY = Setting.withoutDefault(
            "top-peers-capacity",
            WINDOWS,
            SettingType.intRange(1, 1_000_000),
            "20 × `top-peers`",
            "counters of the peer summary per (interface, action, window): exact while no more peers than that");

    // KinesisSource
    public static final Setting<String> STREAM = Setting.withoutDefault(
            "stream",
            KINESIS_SOURCE,
            SettingType.TEXT,
            "—",
            "`--source kinesis`: the data stream's name or ARN (an ARN also gives the region)");
    public static final Setting<InitialPosition> INITIAL_POSITION = Setting.of(
            "initial-position",
            KINESIS_SOURCE,
            SettingType.choice(InitialPosition.class),
            InitialPosition.LATEST,
            "where a run without checkpoint starts: `latest`, `trim-horizon`, `at-timestamp`");
    public static final Setting<Instant> INITIAL_TIMESTAMP = Setting.withoutDefault(
            "initial-timestamp",
            KINESIS_SOURCE,
            SettingType.INSTANT,
            "—",
            "with `at-timestamp` only: ISO-8601 (`2024-05-01T12:00:00Z`) or epoch seconds");
    public static final Setting<String> KINESIS_ENDPOINT = Setting.withoutDefault(
            "kinesis-endpoint",
            KINESIS_SOURCE,
            SettingType.URL,
            "AWS",
            "override, e.g. a local server `http://127.0.0.1:4567`");
    public static final Setting<String> EFO_CONSUMER = Setting.withoutDefault(
            "efo-consumer",
            KINESIS_SOURCE,
            SettingType.matching("[A-Za-z0-9_.-]{1,128}", "a consumer name (A-Z a-z 0-9 _ . -, up to 128)"),
            "—",
            "a consumer name: read with enhanced fan-out (`flink.stream.recordpublisher=EFO`) instead of polling");
    public static final Setting<Duration> SHARD_DISCOVERY_INTERVAL = Setting.of(
            "shard-discovery-interval",
            KINESIS_SOURCE,
            SettingType.DURATION,
            Duration.ofSeconds(10),
            "how often new shards (after a resharding) are looked for");
    public static final Setting<Duration> GETRECORDS_INTERVAL = Setting.of(
            "getrecords-interval",
            KINESIS_SOURCE,
            SettingType.DURATION,
            KinesisSettings.MIN_GETRECORDS_INTERVAL,
            "polling: pause between GetRecords calls per shard (at least 200ms: 5 calls/s/shard)");
    public static final Setting<Integer> GETRECORDS_MAX = Setting.of(
            "getrecords-max",
            KINESIS_SOURCE,
            SettingType.intRange(1, KinesisSettings.MAX_GETRECORDS),
            KinesisSettings.MAX_GETRECORDS,
            "polling: records per GetRecords call");

    // DatadogSink: delivery
    public static final Setting<String> DATADOG_SITE = Setting.of(
                    "datadog-site",
                    DATADOG_SINK,
                    new SettingType<>(
                            "one of " + String.join(", ", DatadogSinkSettings.SITES) + " (or give --datadog-url)",
                            DatadogSinkSettings::normalizeSite,
                            s -> s),
                    DatadogSinkBuilder.DEFAULT_SITE,
                    "the Datadog site")
            .alsoNamed("DD_SITE");
    public static final Setting<URI> DATADOG_URL = Setting.withoutDefault(
            "datadog-url",
            DATADOG_SINK,
            SettingType.uri(DatadogSinkSettings.ACCEPTED_URL, DatadogSinkSettings::checkBaseUrl),
            "`https://api.<site>`",
            "base URL override (a proxy)");
    public static final Setting<Integer> DATADOG_MAX_BATCH = Setting.of(
            "datadog-max-batch",
            DATADOG_SINK,
            SettingType.intRange(1, 100_000),
            DatadogSinkBuilder.DEFAULT_MAX_BATCH_SERIES,
            "series per request body (bodies also stay under 5,242,880 bytes)");
    public static final Setting<Duration> DATADOG_FLUSH_INTERVAL = Setting.of(
            "datadog-flush-interval",
            DATADOG_SINK,
            SettingType.POSITIVE_DURATION,
            DatadogSinkBuilder.DEFAULT_FLUSH_INTERVAL,
            "longest a series waits in the sink's buffer");
    public static final Setting<Integer> DATADOG_MAX_IN_FLIGHT = Setting.of(
            "datadog-max-in-flight",
            DATADOG_SINK,
            SettingType.intRange(1, 64),
            DatadogSinkBuilder.DEFAULT_MAX_IN_FLIGHT_REQUESTS,
            "concurrent requests per sink subtask");
    public static final Setting<BodyEncoding> DATADOG_COMPRESSION = Setting.of(
            "datadog-compression",
            DATADOG_SINK,
            SettingType.choice(BodyEncoding.class),
            DatadogSinkBuilder.DEFAULT_ENCODING,
            "request bodies' Content-Encoding: zstd1 compresses about 4x faster than gzip 6 for about 10% more bytes");
    public static final Setting<Integer> DATADOG_GZIP_LEVEL = Setting.of(
            "datadog-gzip-level",
            DATADOG_SINK,
            SettingType.intRange(1, 9),
            DatadogSinkBuilder.DEFAULT_GZIP_LEVEL,
            "gzip level of request bodies: 1-3 deflate about 3x faster for about 28% more bytes");
    public static final Setting<Duration> DATADOG_REQUEST_TIMEOUT = Setting.of(
            "datadog-request-timeout",
            DATADOG_SINK,
            SettingType.POSITIVE_DURATION,
            DatadogSinkBuilder.DEFAULT_REQUEST_TIMEOUT,
            "per request");
    public static final Setting<Duration> DATADOG_RETRY_BACKOFF = Setting.of(
            "datadog-retry-backoff",
            DATADOG_SINK,
            SettingType.POSITIVE_DURATION,
            DatadogSinkBuilder.DEFAULT_RETRY_BACKOFF,
            "first retry delay (doubles, with jitter, up to 60s)");
    public static final Setting<Duration> DATADOG_MAX_RETRY_TIME = Setting.of(
            "datadog-max-retry-time",
            DATADOG_SINK,
            SettingType.POSITIVE_DURATION,
            DatadogSinkBuilder.DEFAULT_MAX_RETRY_TIME,
            "then the job fails and restarts from its checkpoint");
    public static final Setting<Boolean> DATADOG_VALIDATE_KEY = Setting.of(
            "datadog-validate-key",
            DATADOG_SINK,
            SettingType.BOOLEAN,
            DatadogSinkBuilder.DEFAULT_VALIDATE_KEY,
            "check the key at start-up");
    public static final Setting<Boolean> HISTORICAL_INGESTION = Setting.of(
            "historical-ingestion",
            DATADOG_SINK,
            SettingType.BOOLEAN,
            false,
            "send points older than 1h (Datadog keeps them only with historical metrics ingestion enabled for"
                    + " `aws.vpc.flowlogs.*`); off: they are counted (`pointsTooOld`) and not sent");

    // DatadogSink: the API key's sources, in the order they are tried (secrets.ApiKeySource)
    public static final Setting<String> KMS_ENCRYPTED_KEYS = Setting.withoutDefault(
                    "kms-encrypted-keys",
                    DATADOG_SINK,
                    SettingType.TEXT,
                    "—",
                    "base64 KMS ciphertext of `{\"api_key\":\"…\",\"app_key\":\"…\"}`")
            .alsoNamed("KMS_ENCRYPTED_KEYS", "kmsEncryptedKeys");
    public static final Setting<String> DD_KMS_API_KEY = Setting.withoutDefault(
                    "dd-kms-api-key",
                    DATADOG_SINK,
                    SettingType.TEXT,
                    "—",
                    "base64 KMS ciphertext of the bare key (decrypted with the context, then without)")
            .alsoNamed("DD_KMS_API_KEY");
    public static final Setting<String> DD_API_KEY_SECRET_ARN = Setting.withoutDefault(
                    "dd-api-key-secret-arn",
                    DATADOG_SINK,
                    SettingType.matching(
                            "arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:.+",
                            "a Secrets Manager secret ARN"),
                    "—",
                    "a Secrets Manager secret: the key, or `{\"api_key\":\"…\"}`")
            .alsoNamed("DD_API_KEY_SECRET_ARN");
    public static final Setting<String> DD_API_KEY_SSM_NAME = Setting.withoutDefault(
                    "dd-api-key-ssm-name",
                    DATADOG_SINK,
                    SettingType.TEXT,
                    "—",
                    "an SSM SecureString parameter (read with decryption)")
            .alsoNamed("DD_API_KEY_SSM_NAME");
    public static final Setting<Map<String, String>> KMS_ENCRYPTION_CONTEXT = Setting.withoutDefault(
                    "kms-encryption-context",
                    DATADOG_SINK,
                    SettingType.KEY_VALUE_PAIRS,
                    "—",
                    "`k=v,…` the KMS ciphertexts were encrypted with")
            .alsoNamed("KMS_ENCRYPTION_CONTEXT");
    public static final Setting<String> KMS_ENDPOINT = Setting.withoutDefault(
            "kms-endpoint", DATADOG_SINK, SettingType.URL, "AWS", "endpoint override (a VPC endpoint, tests)");
    public static final Setting<String> SECRETSMANAGER_ENDPOINT = Setting.withoutDefault(
            "secretsmanager-endpoint",
            DATADOG_SINK,
            SettingType.URL,
            "AWS",
            "endpoint override (a VPC endpoint, tests)");
    public static final Setting<String> SSM_ENDPOINT = Setting.withoutDefault(
            "ssm-endpoint", DATADOG_SINK, SettingType.URL, "AWS", "endpoint override (a VPC endpoint, tests)");

    // Command line only
    public static final Setting<String> OUTPUT = Setting.withoutDefault(
            "output",
            COMMAND_LINE,
            SettingType.TEXT,
            "stdout",
            "file for request bodies (dry run), appended and flushed per body");
    public static final Setting<String> PROPERTIES_FILE = Setting.withoutDefault(
            "properties-file",
            COMMAND_LINE,
            SettingType.TEXT,
            "—",
            "an `application_properties.json` to read the property groups from (local runs)");

    public static final Setting<String> S3_ENDPOINT = Setting.withoutDefault(
            "s3-endpoint",
            COMMAND_LINE,
            SettingType.URL,
            "AWS",
            "an S3-compatible server for `s3://` input, addressed path-style, e.g. `http://127.0.0.1:4568` (local"
                    + " runs)");

    /** Every declaration, in the README's order. */
    public static final List<Setting<?>> ALL = List.of(
            SOURCE,
            INPUT,
            INPUT_FORMAT,
            FROM,
            TO,
            RUNTIME_MODE,
            LINES_PER_PAYLOAD,
            LOG_FORMAT,
            MAX_PAYLOAD_BYTES,
            REGION,
            TAGS,
            PARALLELISM,
            CHECKPOINT_INTERVAL,
            GENERATOR_PAYLOADS,
            GENERATOR_RATE,
            GENERATOR_SEED,
            GENERATOR_START,
            WINDOW_SIZE,
            ALLOWED_LATENESS,
            MAX_OUT_OF_ORDERNESS,
            IDLE_TIMEOUT,
            MAX_FUTURE,
            DIMENSIONS,
            PER_REQUEST_STATS,
            MAX_GROUPS_PER_KEY,
            TOP_PEERS,
            TOP_PEERS_CAPACITY,
            STREAM,
            INITIAL_POSITION,
            INITIAL_TIMESTAMP,
            KINESIS_ENDPOINT,
            EFO_CONSUMER,
            SHARD_DISCOVERY_INTERVAL,
            GETRECORDS_INTERVAL,
            GETRECORDS_MAX,
            DATADOG_SITE,
            DATADOG_URL,
            DATADOG_MAX_BATCH,
            DATADOG_FLUSH_INTERVAL,
            DATADOG_MAX_IN_FLIGHT,
            DATADOG_COMPRESSION,
            DATADOG_GZIP_LEVEL,
            DATADOG_REQUEST_TIMEOUT,
            DATADOG_RETRY_BACKOFF,
            DATADOG_MAX_RETRY_TIME,
            DATADOG_VALIDATE_KEY,
            HISTORICAL_INGESTION,
            KMS_ENCRYPTED_KEYS,
            DD_KMS_API_KEY,
            DD_API_KEY_SECRET_ARN,
            DD_API_KEY_SSM_NAME,
            KMS_ENCRYPTION_CONTEXT,
            KMS_ENDPOINT,
            SECRETSMANAGER_ENDPOINT,
            SSM_ENDPOINT,
            OUTPUT,
            S3_ENDPOINT,
            PROPERTIES_FILE);
}
