package com.vpcflow.monitoring.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vpcflow.monitoring.payload.LogEvents;
import com.vpcflow.monitoring.payload.PayloadDecoder;
import com.vpcflow.monitoring.payload.RawPayload;
import com.vpcflow.monitoring.source.FlowLogGenerator;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding subscription payloads: what the job does (capped gunzip into a reused buffer, the job's JSON reader, each
 * message decoded into one reused character buffer), the same with a {@code LogEvent} and strings per event (the
 * decoder's value API), and gunzipping to a byte array and reading a tree with ObjectMapper (what a first version
 * would do). Same 1,000 generated payloads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PayloadDecoderBenchmark {
    private final List<RawPayload> payloads = new ArrayList<>();
    private final PayloadDecoder decoder = new PayloadDecoder(16L << 20);
    private final ObjectMapper mapper = new ObjectMapper();

    @Setup
    public void setup() {
        FlowLogGenerator gen = new FlowLogGenerator(7, 1_700_000_000L, 60);
        for (long i = 0; i < 1000; i++) payloads.add(gen.map(i));
    }

    @Benchmark
    public void reusingDecoder(Blackhole bh) throws Exception {
        for (RawPayload p : payloads) {
            LogEvents events = decoder.decodeReusing(p).events();
            bh.consume(events.messageEnd(events.size() - 1));
        }
    }

    @Benchmark
    public void decoderToValues(Blackhole bh) throws Exception {
        for (RawPayload p : payloads) bh.consume(decoder.decode(p));
    }

    @Benchmark
    public void treeBaseline(Blackhole bh) throws Exception {
        for (RawPayload p : payloads) {
            byte[] json;
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(p.data))) {
                json = in.readAllBytes();
            }
            JsonNode root = mapper.readTree(json);
            for (JsonNode e : root.get("logEvents")) bh.consume(e.get("message").asText());
        }
    }
}
