package com.vpcflow.monitoring.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vpcflow.monitoring.datadog.BodyEncoding;
import com.vpcflow.monitoring.flowlog.FlowLogFormat;
import com.vpcflow.monitoring.source.InputFormat;
import com.vpcflow.monitoring.source.KinesisSettings;
import com.vpcflow.monitoring.source.SourceKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobConfigTest {

    @Test
    void defaultsMatchTheDocumentedOnes() {
        JobConfig c = JobConfig.fromArgs(new String[0], Map.of());
        assertThat(c.sources().kind()).isEqualTo(SourceKind.GENERATOR);
        assertThat(c.pipeline().windowSize()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.pipeline().allowedLateness()).isEqualTo(Duration.ZERO);
        assertThat(c.pipeline().maxOutOfOrderness()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.pipeline().maxPayloadBytes()).isEqualTo(16L * 1024 * 1024);
        assertThat(c.pipeline().logFormat().toString()).isEqualTo(FlowLogFormat.DEFAULT_TEXT);
        assertThat(c.checkpointInterval()).isPositive();
    }

    @Test
    void readsEveryKindOfValue() {
        JobConfig c = JobConfig.fromArgs(
                new String[] {
                    "--source",
                    "file",
                    "--input",
                    "src/test/resources/sample/flows.txt",
                    "--input-format",
                    "lines",
                    "--window-size",
                    "5min",
                    "--allowed-lateness",
                    "30s",
                    "--max-out-of-orderness",
                    "10min",
                    "--idle-timeout",
                    "500ms",
                    "--tags",
                    "env:prod, team:net",
                    "--max-payload-bytes",
                    "2MiB",
                    "--region=eu-west-1",
                    "--parallelism",
                    "3"
                },
                Map.of());
        assertThat(c.sources().kind()).isEqualTo(SourceKind.FILE);
        assertThat(c.sources().inputFormat()).isEqualTo(InputFormat.LINES);
        assertThat(c.pipeline().windowSize()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.pipeline().allowedLateness()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.pipeline().idleTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.pipeline().tags()).containsExactly("env:prod", "team:net");
        assertThat(c.pipeline().maxPayloadBytes()).isEqualTo(2L * 1024 * 1024);
        assertThat(c.pipeline().region()).isEqualTo("eu-west-1");
        assertThat(c.parallelism()).isEqualTo(3);
    }

    @Test
    void durationsAcceptTheDocumentedForms() {
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("5min")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("0")).isEqualTo(Duration.ZERO);
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.format(Duration.ofMinutes(60))).isEqualTo("1h");
        for (String bad : List.of("30", "s", "-5s", "5 parsecs", "1.5h", "")) {
            assertThatThrownBy(() -> Durations.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void eachInvalidValueFailsWithOneMessageNamingTheKey() {
        assertThatThrownBy(() -> JobConfig.fromArgs(new String[] {"--window-size", "sixty"}, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "Invalid --window-size: expected a duration like 30s, 5min or 1h (units ms, s, min, h, d), got 'sixty'");
        assertThatThrownBy(() -> JobConfig.fromArgs(new String[] {"--source", "kafka"}, Map.of()))
                .hasMessage("Invalid --source: expected one of generator, file, kinesis, got 'kafka'");
        assertThatThrownBy(() -> JobConfig.fromArgs(new String[] {"--window-sise", "1min"}, Map.of()))
                .hasMessageContaining("Unknown setting --window-sise");
        assertThatThrownBy(() -> JobConfig.fromArgs(new String[] {"--source", "file"}, Map.of()))
                .hasMessageContaining("Missing --input");
        assertThatThrownBy(() -> JobConfig.fromArgs(new String[] {"--parallelism"}, Map.of()))
                .hasMessage("Missing value for --parallelism");
        for (String level : List.of("0", "10", "fast")) {
            assertThatThrownBy(() -> JobConfig.fromArgs(new String[] {"--datadog-gzip-level", level}, Map.of()))
                    .hasMessageStartingWith("Invalid --datadog-gzip-level");
        }
        assertThat(JobConfig.fromArgs(new String[] {"--datadog-gzip-level", "1"}, Map.of())
                        .datadog()
                        .gzipLevel())
                .isEqualTo(1);
        assertThat(JobConfig.fromArgs(new String[0], Map.of()).datadog().gzipLevel())
                .isEqualTo(6);
        assertThatThrownBy(() -> JobConfig.fromArgs(new String[] {"--datadog-compression", "brotli"}, Map.of()))
                .hasMessage("Invalid --datadog-compression: expected one of gzip, zstd1, got 'brotli'");
        assertThat(JobConfig.fromArgs(new String[] {"--datadog-compression", "zstd1"}, Map.of())
                        .datadog()
                        .encoding())
                .isEqualTo(BodyEncoding.ZSTD1);
        assertThat(JobConfig.fromArgs(new String[0], Map.of()).datadog().encoding())
                .isEqualTo(BodyEncoding.GZIP);
        assertThatThrownBy(() -> JobConfig.fromArgs(new String[] {"--tags", "env=prod"}, Map.of()))
                .hasMessageContaining("Invalid --tags");
        assertThatThrownBy(() -> JobConfig.fromArgs(new String[] {"--window-size", "1500ms"}, Map.of()))
                .hasMessageContaining("Invalid --window-size");
        assertThatThrownBy(() ->
                        JobConfig.fromArgs(new String[] {"--source", "file", "--input", "/no/such/file"}, Map.of()))
                .hasMessage("Invalid --input: expected a readable file or directory, got '/no/such/file'");
        assertThatThrownBy(() -> JobConfig.fromArgs(new String[] {"--output", "/no/such/dir/bodies.jsonl"}, Map.of()))
                .hasMessageStartingWith("Invalid --output");
        assertThatThrownBy(() -> JobConfig.fromArgs(new String[] {"--log-format", "${version} ${start}"}, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Invalid --log-format")
                .hasMessageContaining("${interface-id}");
        assertThatThrownBy(() -> JobConfig.fromArgs(new String[] {"--parallelism", "two"}, Map.of()))
                .hasMessage("Invalid --parallelism: expected a whole number from 0 to 4096, got 'two'");
    }

    @Test
    void refusesWindowsWhosePointsDatadogWouldRefuseAsTooOld() {
        assertThatThrownBy(() -> JobConfig.fromArgs(
                        new String[] {
                            "--window-size", "30min", "--max-out-of-orderness", "20min", "--allowed-lateness", "10min"
                        },
                        Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("1h old")
                .hasMessageContaining("Datadog refuses points older than 1h");
        JobConfig ok = JobConfig.fromArgs(
                new String[] {"--window-size", "10min", "--max-out-of-orderness", "20min", "--allowed-lateness", "10min"
                },
                Map.of());
        assertThat(ok.pipeline().windowSize()).isEqualTo(Duration.ofMinutes(10));
        // with historical ingestion, old points are sent: the check is lifted
        JobConfig historical = JobConfig.fromArgs(
                new String[] {
                    "--window-size",
                    "30min",
                    "--max-out-of-orderness",
                    "20min",
                    "--allowed-lateness",
                    "10min",
                    "--historical-ingestion",
                    "true"
                },
                Map.of());
        assertThat(historical.datadog().historicalIngestion()).isTrue();
        assertThat(ok.datadog().historicalIngestion()).isFalse();
    }

    @Test
    void kinesisSettingsAndTheirInvalidCombinations() {
        JobConfig c = JobConfig.fromArgs(
                new String[] {
                    "--source",
                    "kinesis",
                    "--stream",
                    "arn:aws:kinesis:eu-central-1:123456789012:stream/vpc-flow",
                    "--initial-position",
                    "at-timestamp",
                    "--initial-timestamp",
                    "2024-05-01T12:00:00Z",
                    "--efo-consumer",
                    "flow-job"
                },
                Map.of());
        KinesisSettings k = c.sources().kinesis();
        assertThat(k.stream()).isEqualTo("vpc-flow");
        assertThat(k.region()).isEqualTo("eu-central-1");
        assertThat(c.pipeline().region()).isEqualTo("eu-central-1");
        assertThat(k.initialPosition()).isEqualTo(KinesisSettings.InitialPosition.AT_TIMESTAMP);
        assertThat(k.initialTimestamp()).isEqualTo(java.time.Instant.parse("2024-05-01T12:00:00Z"));
        assertThat(k.efoConsumer()).isEqualTo("flow-job");
        assertThat(JobConfig.fromArgs(
                                new String[] {
                                    "--source",
                                    "kinesis",
                                    "--stream",
                                    "s",
                                    "--region",
                                    "us-east-1",
                                    "--initial-position",
                                    "at-timestamp",
                                    "--initial-timestamp",
                                    "1714564800"
                                },
                                Map.of())
                        .sources()
                        .kinesis()
                        .initialTimestamp())
                .isEqualTo(java.time.Instant.parse("2024-05-01T12:00:00Z"));

        assertThatThrownBy(() ->
                        JobConfig.fromArgs(new String[] {"--source", "kinesis", "--region", "us-east-1"}, Map.of()))
                .hasMessageStartingWith("Missing --stream");
        assertThatThrownBy(() -> JobConfig.fromArgs(
                        new String[] {"--source", "kinesis", "--stream", "s", "--region", "unknown"}, Map.of()))
                .hasMessageStartingWith("Missing --region");
        assertThatThrownBy(() -> JobConfig.fromArgs(
                        new String[] {
                            "--source",
                            "kinesis",
                            "--stream",
                            "s",
                            "--region",
                            "us-east-1",
                            "--initial-position",
                            "at-timestamp"
                        },
                        Map.of()))
                .hasMessageStartingWith("Missing --initial-timestamp");
        assertThatThrownBy(() -> JobConfig.fromArgs(
                        new String[] {
                            "--source",
                            "kinesis",
                            "--stream",
                            "s",
                            "--region",
                            "us-east-1",
                            "--initial-timestamp",
                            "2024-05-01T12:00:00Z"
                        },
                        Map.of()))
                .hasMessageStartingWith("Invalid --initial-timestamp");
        assertThatThrownBy(() -> JobConfig.fromArgs(
                        new String[] {
                            "--source",
                            "kinesis",
                            "--stream",
                            "s",
                            "--region",
                            "us-east-1",
                            "--initial-position",
                            "at-timestamp",
                            "--initial-timestamp",
                            "yesterday"
                        },
                        Map.of()))
                .hasMessageStartingWith("Invalid --initial-timestamp");
        assertThatThrownBy(() -> JobConfig.fromArgs(
                        new String[] {
                            "--source",
                            "kinesis",
                            "--stream",
                            "arn:aws:kinesis:eu-central-1:123456789012:stream/s",
                            "--region",
                            "us-east-1"
                        },
                        Map.of()))
                .hasMessageContaining("Invalid --stream")
                .hasMessageContaining("eu-central-1");
        assertThatThrownBy(() -> JobConfig.fromArgs(
                        new String[] {"--source", "kinesis", "--stream", "has space", "--region", "us-east-1"},
                        Map.of()))
                .hasMessageStartingWith("Invalid --stream");
        assertThatThrownBy(() -> JobConfig.fromArgs(
                        new String[] {
                            "--source",
                            "kinesis",
                            "--stream",
                            "s",
                            "--region",
                            "us-east-1",
                            "--getrecords-interval",
                            "50ms"
                        },
                        Map.of()))
                .hasMessageStartingWith("Invalid --getrecords-interval");
        assertThatThrownBy(() -> JobConfig.fromArgs(
                        new String[] {
                            "--source",
                            "kinesis",
                            "--stream",
                            "s",
                            "--region",
                            "us-east-1",
                            "--kinesis-endpoint",
                            "localhost:4567"
                        },
                        Map.of()))
                .hasMessageStartingWith("Invalid --kinesis-endpoint");
        // Kinesis flags without the Kinesis source are unknown settings there, not silently ignored
        assertThatThrownBy(() -> JobConfig.fromArgs(new String[] {"--stream", "s"}, Map.of()))
                .hasMessageContaining("Unknown setting --stream");
    }

    @Test
    void consumerPropertiesMapOneToOne() {
        KinesisSettings k = JobConfig.fromArgs(
                        new String[] {
                            "--source",
                            "kinesis",
                            "--stream",
                            "s",
                            "--region",
                            "us-east-1",
                            "--kinesis-endpoint",
                            "http://127.0.0.1:4567",
                            "--initial-position",
                            "trim-horizon",
                            "--shard-discovery-interval",
                            "1s"
                        },
                        Map.of())
                .sources()
                .kinesis();
        java.util.Properties p = com.vpcflow.monitoring.source.KinesisConsumerProperties.of(k);
        assertThat(p)
                .containsEntry("aws.region", "us-east-1")
                .containsEntry("aws.endpoint", "http://127.0.0.1:4567")
                .containsEntry("aws.credentials.provider", "AUTO")
                .containsEntry("flink.stream.initpos", "TRIM_HORIZON")
                .containsEntry("flink.shard.discovery.intervalmillis", "1000")
                .containsEntry("flink.shard.getrecords.intervalmillis", "200")
                .doesNotContainKey("flink.stream.recordpublisher");
        java.util.Properties efo = com.vpcflow.monitoring.source.KinesisConsumerProperties.of(JobConfig.fromArgs(
                        new String[] {
                            "--source", "kinesis", "--stream", "s", "--region", "us-east-1", "--efo-consumer", "c"
                        },
                        Map.of())
                .sources()
                .kinesis());
        assertThat(efo)
                .containsEntry("flink.stream.recordpublisher", "EFO")
                .containsEntry("flink.stream.efo.consumername", "c");
    }

    @Test
    void everySettingHasExactlyOnePropertyGroupAndEveryGroupKeyIsASetting() {
        java.util.Set<String> read = new java.util.TreeSet<>();
        for (String[] args : List.of(
                new String[0], new String[] {"--source", "file", "--input", "src/test/resources/sample"}, new String[] {
                    "--source",
                    "kinesis",
                    "--stream",
                    "s",
                    "--region",
                    "r",
                    "--initial-position",
                    "at-timestamp",
                    "--initial-timestamp",
                    "0"
                })) {
            ConfigReader r = ConfigReader.fromArgs(args);
            JobConfig.from(r);
            read.addAll(r.readKeys());
        }
        read.remove("output"); // a local file: a command-line setting only
        read.remove("s3-endpoint"); // a local S3-compatible server: a command-line setting only
        read.remove("properties-file"); // where the groups come from
        assertThat(PropertyGroups.allKeys()).containsExactlyInAnyOrderElementsOf(read);
        java.util.List<String> all = new java.util.ArrayList<>();
        PropertyGroups.GROUPS.values().forEach(all::addAll);
        assertThat(all).doesNotHaveDuplicates();
    }

    @Test
    void propertyGroupsAreCheckedAndFlagsWinOverThem() {
        java.util.Properties windows = new java.util.Properties();
        windows.setProperty("window-size", "5min");
        windows.setProperty("allowed-lateness", "1min");
        java.util.Properties job = new java.util.Properties();
        job.setProperty("tags", ""); // an unset template parameter
        JobConfig c = JobConfig.fromCommandLine(
                new String[] {"--allowed-lateness", "2min"}, Map.of("Windows", windows, "FlowLogJob", job));
        assertThat(c.pipeline().windowSize()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.pipeline().allowedLateness()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.pipeline().tags()).isEmpty();

        java.util.Properties typo = new java.util.Properties();
        typo.setProperty("window-sise", "5min");
        assertThatThrownBy(() -> JobConfig.fromCommandLine(new String[0], Map.of("Windows", typo)))
                .hasMessage("Unknown setting 'window-sise' in property group 'Windows'");
        java.util.Properties misplaced = new java.util.Properties();
        misplaced.setProperty("stream", "s");
        assertThatThrownBy(() -> JobConfig.fromCommandLine(new String[0], Map.of("Windows", misplaced)))
                .hasMessage(
                        "Unknown setting 'stream' in property group 'Windows': it belongs in property group 'KinesisSource'");
        assertThatThrownBy(() -> JobConfig.fromCommandLine(new String[0], Map.of("Window", windows)))
                .hasMessageStartingWith("Unknown property group 'Window'");
    }

    @Test
    void theSinkDefaultsOfTheConfigurationAreTheSinksOwn() {
        // datadog/ can be used without the job's configuration: its forSite defaults are what the settings default to
        com.vpcflow.monitoring.datadog.DatadogSinkSettings configured =
                JobConfig.fromArgs(new String[0], Map.of()).datadog();
        assertThat(configured)
                .isEqualTo(com.vpcflow.monitoring.datadog.DatadogSinkSettings.forSite(
                        "datadoghq.com", configured.apiKey()));
    }
}
