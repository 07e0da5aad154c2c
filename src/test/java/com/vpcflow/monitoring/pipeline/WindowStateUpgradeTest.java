package com.vpcflow.monitoring.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.testing.Bodies;
import com.vpcflow.monitoring.testing.ScriptedPayloadSource.Script;
import com.vpcflow.monitoring.testing.WindowStateSavepoint;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.SavepointConfigOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade that keeps the window state: a savepoint taken by the job with window state layout version 1 (committed
 * under {@code src/test/resources/savepoints}) restores into today's job, and its windows fire with exactly the
 * series an uninterrupted run of the same traffic gives.
 */
class WindowStateUpgradeTest {
    static final Path SAVEPOINT = Path.of("src/test/resources/savepoints/flow-windows-v1");

    @TempDir
    Path tmp;

    /** The series of the windows (skip counts are bucketed by processing time, so they are left out). */
    private static List<String> windowSeries(Path bodies) {
        return Bodies.readLines(bodies).stream()
                .filter(s -> !s.metric.endsWith("unsupported_message") && !s.metric.endsWith("late_records"))
                .map(MetricSeries::toString)
                .sorted()
                .toList();
    }

    @Test
    void aVersionOneSavepointRestoresAndItsWindowsFireWithTheSameSeries() throws Exception {
        Script all = new Script();
        WindowStateSavepoint.payloads().forEach(all::emit);
        Path fresh = tmp.resolve("fresh.jsonl");
        WindowStateSavepoint.job(new Configuration(), all, fresh).execute("uninterrupted");

        Configuration restore = new Configuration();
        restore.set(
                SavepointConfigOptions.SAVEPOINT_PATH,
                SAVEPOINT.toAbsolutePath().toUri().toString());
        Path restored = tmp.resolve("restored.jsonl");
        // nothing more to read: the source ends, the final watermark fires every restored window
        WindowStateSavepoint.job(restore, new Script(), restored).execute("restored");

        List<String> expected = windowSeries(fresh);
        assertThat(expected).hasSizeGreaterThan(1000);
        assertThat(windowSeries(restored)).containsExactlyElementsOf(expected);
    }
}
