package com.vpcflow.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.vpcflow.monitoring.config.JobConfig;
import java.util.Map;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.BatchExecutionOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A local run's cluster has a slot per subtask of the job's parallelism, in batch mode too, where Flink decides
 * parallelism only at run time and would otherwise start the local cluster with one slot (one task at a time), and
 * every task of a batch run gets all of them, where Flink would size a task by the bytes it reads (the windows read
 * few bytes for the series they emit), with as many key groups as streaming mode's default, where Flink would give
 * the windows one per subtask.
 */
class LocalClusterSlotsTest {
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"batch, 0", "batch, 3", "streaming, 0", "streaming, 3"})
    void aLocalClusterHasASlotPerSubtask(String mode, int parallelism) {
        Configuration defaults = new Configuration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(4, defaults);
        JobConfig config = JobConfig.fromArgs(
                new String[] {
                    "--source",
                    "generator",
                    "--generator-payloads",
                    "10",
                    "--runtime-mode",
                    mode,
                    "--parallelism",
                    Integer.toString(parallelism)
                },
                Map.of());
        FlowLogMonitoringJob.configure(env, config, true);
        assertThat(env.getConfiguration().get(TaskManagerOptions.NUM_TASK_SLOTS))
                .isEqualTo(parallelism > 0 ? parallelism : 4);
        assertThat(env.getConfiguration().get(BatchExecutionOptions.ADAPTIVE_AUTO_PARALLELISM_MIN_PARALLELISM))
                .isEqualTo(parallelism > 0 ? parallelism : 4);
        // the key groups streaming mode would have (128 at up to 85 subtasks), not one a subtask, and a byte volume
        // per task past any local input, which keeps one subtask a core
        assertThat(env.getConfiguration().get(PipelineOptions.MAX_PARALLELISM)).isEqualTo(128);
        assertThat(env.getConfig().getMaxParallelism()).isEqualTo(128);
        assertThat(env.getConfiguration()
                        .get(BatchExecutionOptions.ADAPTIVE_AUTO_PARALLELISM_AVG_DATA_VOLUME_PER_TASK)
                        .getBytes())
                .isGreaterThanOrEqualTo(1L << 40);
        assertThat(config.runtimeMode()).isEqualTo(RuntimeExecutionMode.valueOf(mode.toUpperCase()));
    }
}
