package com.vpcflow.monitoring.bench;

import com.vpcflow.monitoring.flowlog.FlowLogFormat;
import com.vpcflow.monitoring.flowlog.FlowRecord;
import com.vpcflow.monitoring.flowlog.FlowRecordParser;
import com.vpcflow.monitoring.payload.LogEvent;
import com.vpcflow.monitoring.source.FlowLogGenerator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parsing flow-log lines: the single-pass parser against the obvious {@code split(" ")} + {@code Long.parseLong}
 * version of the same work (same fields kept, same checks), on the same generated lines. Report the ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FlowRecordParserBenchmark {
    private final List<String> lines = new ArrayList<>();
    /** The lines as the job's parser meets them: UTF-8, one after another in one buffer. */
    private byte[] text;

    private int[] ends;
    private FlowRecordParser parser;

    @Setup
    public void setup() {
        parser = new FlowRecordParser(FlowLogFormat.parse(FlowLogFormat.DEFAULT_TEXT));
        FlowLogGenerator gen = new FlowLogGenerator(7, 1_700_000_000L, 60);
        for (long i = 0; lines.size() < 10_000; i++) {
            for (LogEvent e : gen.payload(i).logEvents()) lines.add(e.message());
        }
        text = String.join("", lines).getBytes(StandardCharsets.UTF_8);
        ends = new int[lines.size()];
        int end = 0;
        for (int i = 0; i < lines.size(); i++) ends[i] = end += lines.get(i).length();
    }

    @Benchmark
    public void singlePassParser(Blackhole bh) throws Exception {
        int from = 0;
        for (int end : ends) {
            bh.consume(parser.parse(text, from, end));
            from = end;
        }
    }

    @Benchmark
    public void splitBaseline(Blackhole bh) {
        for (String line : lines) bh.consume(splitParse(line));
    }

    static FlowRecord splitParse(String line) {
        String[] f = line.split(" ");
        if (f.length != 14) throw new IllegalArgumentException("field count");
        FlowRecord r = new FlowRecord();
        r.accountId = f[1];
        r.interfaceId = f[2];
        r.srcAddr = f[3].equals("-") ? null : f[3];
        r.dstAddr = f[4].equals("-") ? null : f[4];
        if (!f[5].equals("-")) Integer.parseInt(f[5]);
        if (!f[6].equals("-")) Integer.parseInt(f[6]);
        r.protocol = f[7].equals("-") ? -1 : Integer.parseInt(f[7]);
        r.packets = f[8].equals("-") ? -1 : Long.parseLong(f[8]);
        r.bytes = f[9].equals("-") ? -1 : Long.parseLong(f[9]);
        r.start = Long.parseLong(f[10]);
        r.end = Long.parseLong(f[11]);
        r.action = f[12];
        r.logStatus = f[13];
        return r;
    }
}
