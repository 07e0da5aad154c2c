package com.vpcflow.monitoring.bench;

import com.vpcflow.monitoring.flowlog.EniAddress;
import com.vpcflow.monitoring.flowlog.FlowLogFormat;
import com.vpcflow.monitoring.flowlog.FlowRecord;
import com.vpcflow.monitoring.flowlog.FlowRecordParser;
import com.vpcflow.monitoring.payload.LogEvent;
import com.vpcflow.monitoring.payload.SubscriptionPayload;
import com.vpcflow.monitoring.source.FlowLogGenerator;
import com.vpcflow.monitoring.stats.FlowStats;
import com.vpcflow.monitoring.stats.FlowStatsSerializer;
import com.vpcflow.monitoring.testing.TestGrouping;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The window accumulator: folding one ENI's records in on a heap state backend, against the same with a
 * serialize/deserialize round trip per element, which is what RocksDB (MSF's state backend) costs: once per record,
 * or once per payload batch as the job does (records pre-aggregated per payload, {@code PayloadBatches}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class WindowStateBenchmark {
    private final List<FlowRecord> records = new ArrayList<>();
    /** The same records, as the payloads they came in. */
    private final List<List<FlowRecord>> payloads = new ArrayList<>();

    @Setup
    public void setup() throws Exception {
        FlowRecordParser parser = new FlowRecordParser(FlowLogFormat.parse(FlowLogFormat.DEFAULT_TEXT));
        FlowLogGenerator gen = new FlowLogGenerator(7, 1_700_000_000L, 60);
        String eni = null;
        for (long i = 0; records.size() < 1000; i++) {
            SubscriptionPayload p = gen.payload(i);
            if (eni == null) eni = p.logStream();
            if (!p.logStream().equals(eni)) continue;
            List<FlowRecord> rs = new ArrayList<>();
            for (LogEvent e : p.logEvents()) rs.add(parser.parse(e.message()));
            EniAddress.resolve(rs);
            List<FlowRecord> accepted = new ArrayList<>();
            for (FlowRecord r : rs) if (r.action.equals("ACCEPT")) accepted.add(r);
            records.addAll(accepted);
            payloads.add(accepted);
        }
    }

    @Benchmark
    public FlowStats heapFold() {
        FlowStats stats = new FlowStats();
        for (FlowRecord r : records) stats.add(r, TestGrouping.DEFAULT);
        return stats;
    }

    @Benchmark
    public FlowStats serializedFold() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(4096);
        byte[] state = null;
        for (FlowRecord r : records) {
            FlowStats stats = state == null
                    ? new FlowStats()
                    : FlowStatsSerializer.INSTANCE.deserialize(new DataInputDeserializer(state));
            stats.add(r, TestGrouping.DEFAULT);
            out.clear();
            FlowStatsSerializer.INSTANCE.serialize(stats, out);
            state = out.getCopyOfBuffer();
        }
        return FlowStatsSerializer.INSTANCE.deserialize(new DataInputDeserializer(state));
    }

    @Benchmark
    public FlowStats serializedFoldPerPayload() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(4096);
        byte[] state = null;
        for (List<FlowRecord> payload : payloads) {
            FlowStats batch = new FlowStats();
            for (FlowRecord r : payload) batch.add(r, TestGrouping.DEFAULT);
            FlowStats stats = state == null
                    ? new FlowStats()
                    : FlowStatsSerializer.INSTANCE.deserialize(new DataInputDeserializer(state));
            stats.merge(batch);
            out.clear();
            FlowStatsSerializer.INSTANCE.serialize(stats, out);
            state = out.getCopyOfBuffer();
        }
        return FlowStatsSerializer.INSTANCE.deserialize(new DataInputDeserializer(state));
    }
}
