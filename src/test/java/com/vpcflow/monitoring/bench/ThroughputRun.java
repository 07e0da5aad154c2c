package com.vpcflow.monitoring.bench;

import com.vpcflow.monitoring.config.JobConfig;
import com.vpcflow.monitoring.observability.ProgressCounter;
import com.vpcflow.monitoring.pipeline.FlowLogPipeline;
import com.vpcflow.monitoring.source.PayloadSources;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * End-to-end throughput of the pipeline (generator payloads -> decode, parse, windows, series) on a local MiniCluster,
 * with the heap state backend and with RocksDB (MSF's), back to back in one run so the two can be compared as a ratio.
 * The sink discards: Datadog delivery is network-bound and measured by nothing here.
 *
 * <pre>mvn -q test-compile exec:exec -Dexec.scope=test -Dmain.class=com.vpcflow.monitoring.bench.ThroughputRun -Djob.args="20000 2"</pre>
 */
public final class ThroughputRun {
    private ThroughputRun() {}

    public static void main(String[] args) throws Exception {
        long payloads = args.length > 0 ? Long.parseLong(args[0]) : 20_000;
        int parallelism = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        run("hashmap", payloads, parallelism); // warm-up: JIT, class loading
        double heap = run("hashmap", payloads, parallelism);
        double rocks = run("rocksdb", payloads, parallelism);
        System.out.printf("rocksdb/hashmap throughput ratio: %.2f%n", rocks / heap);
    }

    /** @return flow records per second through the whole job */
    static double run(String backend, long payloads, int parallelism) throws Exception {
        JobConfig config = JobConfig.fromArgs(
                new String[] {
                    "--generator-payloads",
                    Long.toString(payloads),
                    "--generator-rate",
                    "1000000000",
                    "--generator-start",
                    "1700000000",
                    "--max-out-of-orderness",
                    "2min"
                },
                Map.of());
        Configuration conf = new Configuration();
        conf.setString("state.backend.type", backend);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        env.getConfig().getSerializerConfig().setGenericTypes(false);
        FlowLogPipeline.build(PayloadSources.create(env, config.sources()), config.pipeline(), config.runtimeMode())
                .union()
                .sinkTo(new DiscardingSink<>());
        long records = ProgressCounter.total(ProgressCounter.Kind.RECORDS);
        long series = ProgressCounter.total(ProgressCounter.Kind.SERIES);
        long start = System.nanoTime();
        env.execute("throughput-" + backend);
        double seconds = (System.nanoTime() - start) / 1e9;
        records = ProgressCounter.total(ProgressCounter.Kind.RECORDS) - records;
        series = ProgressCounter.total(ProgressCounter.Kind.SERIES) - series;
        double rate = records / seconds;
        System.out.printf(
                "%-8s parallelism %d: %,d payloads, %,d records, %,d series in %.1f s = %,.0f records/s%n",
                backend, parallelism, payloads, records, series, seconds, rate);
        return rate;
    }
}
