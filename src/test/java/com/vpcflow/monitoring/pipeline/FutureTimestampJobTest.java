package com.vpcflow.monitoring.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.vpcflow.monitoring.FlowLogMonitoringJob;
import com.vpcflow.monitoring.config.JobConfig;
import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.source.FlowLogGenerator;
import com.vpcflow.monitoring.testing.Bodies;
import com.vpcflow.monitoring.testing.TestPayloads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One record from the year 2100 early in ordinary traffic (a clock-skewed host, a forged line) must not move the
 * watermark: it is refused as {@code future_timestamp}, and the series are exactly those of the same input without it.
 */
class FutureTimestampJobTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(1)
            .build());

    static final long T = 1_700_000_000L;
    static final int PAYLOADS = 2_000;

    @TempDir
    Path tmp;

    private Path input(String name, boolean withFutureRecord) throws Exception {
        FlowLogGenerator generator = new FlowLogGenerator(5, T, 30);
        List<String> lines = new ArrayList<>();
        Base64.Encoder b64 = Base64.getEncoder();
        for (int i = 0; i < PAYLOADS; i++) {
            if (i == 10 && withFutureRecord) {
                lines.add(b64.encodeToString(TestPayloads.dataMessage(
                        "123456789012",
                        "eni-skewed-all",
                        "2 123456789012 eni-0skewed000000000 10.0.0.5 10.0.0.6 443 50000 6 1 100 4102444800 4102444860"
                                + " ACCEPT OK")));
            }
            lines.add(b64.encodeToString(generator.map((long) i).data));
        }
        Path file = tmp.resolve(name + ".b64");
        Files.write(file, lines);
        return file;
    }

    private List<MetricSeries> run(Path input, String... more) throws Exception {
        return run(input, 0, more);
    }

    /** @param watermarkIntervalMillis the periodic watermark's interval, 0 for Flink's default (200 ms) */
    private List<MetricSeries> run(Path input, long watermarkIntervalMillis, String... more) throws Exception {
        Path out = tmp.resolve(input.getFileName() + "-" + more.length + ".jsonl");
        List<String> flags = new ArrayList<>(List.of(
                "--source",
                "file",
                "--input",
                input.toString(),
                "--output",
                out.toString(),
                "--region",
                "eu-west-1",
                "--parallelism",
                "1",
                // the live job's watermark, which a clock-poisoned record would drag forward (not a batch replay)
                "--runtime-mode",
                "streaming"));
        flags.addAll(List.of(more));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        if (watermarkIntervalMillis > 0) env.getConfig().setAutoWatermarkInterval(watermarkIntervalMillis);
        FlowLogMonitoringJob.build(env, JobConfig.fromArgs(flags.toArray(String[]::new), Map.of()));
        env.execute("future");
        return Bodies.readLines(out);
    }

    private static List<String> windowSeries(List<MetricSeries> all) {
        return all.stream()
                .filter(s -> !s.metric.endsWith("unsupported_message") && !s.metric.endsWith("late_records"))
                .map(MetricSeries::toString)
                .sorted()
                .toList();
    }

    private static double count(List<MetricSeries> all, String metric, String reason) {
        return all.stream()
                .filter(s -> s.metric.equals(metric) && List.of(s.tags).contains("reason:" + reason))
                .mapToDouble(s -> s.value)
                .sum();
    }

    @Test
    void aFutureRecordIsRefusedAndEveryOtherPointIsKept() throws Exception {
        List<MetricSeries> clean = run(input("clean", false));
        List<MetricSeries> withFuture = run(input("future", true));

        List<String> expected = windowSeries(clean);
        assertThat(expected).hasSizeGreaterThan(5_000);
        assertThat(windowSeries(withFuture)).containsExactlyElementsOf(expected);
        assertThat(count(withFuture, "aws.vpc.flowlogs.unsupported_message", "future_timestamp"))
                .isEqualTo(1.0);
        assertThat(count(withFuture, "aws.vpc.flowlogs.late_records", "window_closed"))
                .isZero();
        System.out.printf("future record: %d series kept, 1 record refused as future_timestamp%n", expected.size());
    }

    @Test
    void withoutTheCheckTheSameRecordMakesTheRealTrafficLate() throws Exception {
        // The control: proves the refused record is what would have pushed the clock ahead.
        // A watermark every millisecond sees the jump while nearly all the traffic is still to come: at the default
        // 200 ms, a fast run read the whole file before the first one, and nothing was late (CI, 2026-12-04).
        List<MetricSeries> unchecked = run(input("unchecked", true), 1, "--max-future", "100000d");
        double late = count(unchecked, "aws.vpc.flowlogs.late_records", "window_closed");
        System.out.printf(
                "without --max-future: %d window series, %.0f records late%n",
                windowSeries(unchecked).size(), late);
        // how many depends on when the periodic watermark first sees the jump: thousands here
        assertThat(late).isGreaterThan(PAYLOADS);
    }
}
