package com.vpcflow.monitoring.testing;

import com.vpcflow.monitoring.config.JobConfig;
import com.vpcflow.monitoring.datadog.DryRunSink;
import com.vpcflow.monitoring.observability.ProgressCounter;
import com.vpcflow.monitoring.payload.RawPayload;
import com.vpcflow.monitoring.pipeline.FlowLogPipeline;
import com.vpcflow.monitoring.source.FlowLogGenerator;
import com.vpcflow.monitoring.testing.ScriptedPayloadSource.Script;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job with window state in flight, for the state-upgrade test: seeded traffic (many ENIs and groups, one group
 * past the exact-value limit so its sketch is in state) that fills windows which have not fired yet. {@link #main}
 * stops it with a savepoint, as an upgrade would; {@code src/test/resources/savepoints/flow-windows-v1} was written so
 * by the code whose window state layout was version 1 (commit cc39b4c).
 *
 * <pre>mvn -q test-compile exec:exec -Dexec.scope=test -Dmain.class=com.vpcflow.monitoring.testing.WindowStateSavepoint \
 *     -Djob.args="target/savepoint-v1"</pre>
 */
public final class WindowStateSavepoint {
    /** Event time of the first payload: a window start. */
    public static final long T = 1_700_000_040L;

    private WindowStateSavepoint() {}

    /** The traffic: 300 generated payloads (one second of event time each) and one payload of 400 records of one group. */
    public static List<byte[]> payloads() {
        List<byte[]> payloads = new ArrayList<>();
        FlowLogGenerator generator = new FlowLogGenerator(7, T, 30);
        for (long i = 0; i < 300; i++) payloads.add(generator.map(i).data);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            long start = T + 120 + i % 50;
            lines.add("2 123456789012 eni-0big0000000000000 10.1.0.5 172.31.9." + (i % 200) + " 443 " + (40000 + i)
                    + " 6 " + (1 + i) + " " + (100 + 37L * i) + " " + start + " " + (start + i % 61) + " ACCEPT OK");
        }
        payloads.add(TestPayloads.payloadBytes("123456789012", lines));
        return payloads;
    }

    /** The job as the test runs it: payloads from a scripted source, bodies to {@code out}, parallelism 1. */
    public static StreamExecutionEnvironment job(Configuration conf, Script script, Path out) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.getConfig().getSerializerConfig().setGenericTypes(false);
        JobConfig config = JobConfig.fromArgs(new String[] {"--region", "eu-west-1"}, Map.of());
        FlowLogPipeline.build(
                        env.addSource(
                                        new ScriptedPayloadSource(List.of(script)),
                                        "scripted",
                                        TypeInformation.of(RawPayload.class))
                                .uid("source-scripted"),
                        config.pipeline(),
                        config.runtimeMode())
                .union()
                .sinkTo(new DryRunSink(out.toString(), 1000))
                .uid("dry-run-output");
        return env;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]).toAbsolutePath();
        Script script = new Script();
        payloads().forEach(script::emit);
        script.holdOpen();
        Path out = Files.createTempFile("bodies", ".jsonl");
        JobClient job = job(new Configuration(), script, out).executeAsync("window-state-savepoint");
        long deadline = System.currentTimeMillis() + 120_000;
        while (ProgressCounter.total(ProgressCounter.Kind.PAYLOADS) < payloads().size()) {
            if (System.currentTimeMillis() > deadline) throw new IllegalStateException("payloads not read");
            Thread.sleep(100);
        }
        String savepoint = null;
        while (savepoint == null) {
            try {
                savepoint = job.stopWithSavepoint(false, dir.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (System.currentTimeMillis() > deadline) throw e;
                Thread.sleep(200); // tasks still starting
            }
        }
        if (Files.size(out) > 0) throw new IllegalStateException("a window fired before the savepoint: " + out);
        System.err.println("savepoint: " + savepoint);
    }
}
