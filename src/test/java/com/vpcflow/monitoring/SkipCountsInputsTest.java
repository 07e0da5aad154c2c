package com.vpcflow.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.vpcflow.monitoring.config.JobConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamEdge;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the skip counts read: in streaming mode the decoder's skips and the windows' late records; in batch mode,
 * where no record can be late, the decoder's skips alone, so the skip counts need not wait for the windows to end
 * (a batch task starts once every input is done). That batch runs still count their skips is {@code
 * SampleFileJobTest}'s.
 */
class SkipCountsInputsTest {
    @TempDir
    Path tmp;

    @Test
    void aBatchRunsSkipCountsReadTheDecoderAlone() throws Exception {
        Path input = Files.writeString(tmp.resolve("payloads.b64"), "");
        StreamGraph graph = graph("--source", "file", "--input", input.toString());

        assertThat(operators(graph)).doesNotContain("late-records");
        assertThat(inputsOf(graph, "skip-counts")).containsExactly("decode-and-parse");
    }

    @Test
    void aStreamingRunsSkipCountsReadTheLateRecordsToo() {
        StreamGraph graph = graph("--source", "generator", "--runtime-mode", "streaming");

        assertThat(inputsOf(graph, "skip-counts")).containsExactly("decode-and-parse", "late-records");
        assertThat(inputsOf(graph, "late-records")).containsExactly("flow-windows");
    }

    private static StreamGraph graph(String... flags) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
        FlowLogMonitoringJob.build(env, JobConfig.fromArgs(flags, Map.of()), true);
        return env.getStreamGraph(false);
    }

    private static List<String> operators(StreamGraph graph) {
        return graph.getStreamNodes().stream().map(StreamNode::getOperatorName).toList();
    }

    /** The operators whose output the named one reads, by name, sorted. */
    private static TreeSet<String> inputsOf(StreamGraph graph, String operator) {
        StreamNode node = graph.getStreamNodes().stream()
                .filter(n -> n.getOperatorName().equals(operator))
                .findFirst()
                .orElseThrow();
        TreeSet<String> inputs = new TreeSet<>();
        for (StreamEdge e : node.getInEdges()) {
            inputs.add(graph.getStreamNode(e.getSourceId()).getOperatorName());
        }
        return inputs;
    }
}
