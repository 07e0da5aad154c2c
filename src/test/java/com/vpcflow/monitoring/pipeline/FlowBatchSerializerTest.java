package com.vpcflow.monitoring.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.vpcflow.monitoring.flowlog.FlowRecord;
import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.stats.FlowStats;
import com.vpcflow.monitoring.stats.FlowStatsSerializerTest;
import com.vpcflow.monitoring.testing.TestGrouping;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * Batches on the wire: what comes off it is what went on, whether its stats are read at once, later, or never (the
 * sorter writes them on as they came).
 */
class FlowBatchSerializerTest {
    private static FlowBatch batch(long seed, int records) {
        FlowBatch b = new FlowBatch("eni-" + seed, seed % 2 == 0 ? "ACCEPT" : "REJECT");
        b.setStats(FlowStatsSerializerTest.randomStats(seed, records));
        b.start = 1_700_000_000L + seed;
        b.records = records;
        return b;
    }

    /** What the job emits from a batch's stats: every series value, in one order. */
    private static List<MetricSeries> series(FlowStats s) {
        List<MetricSeries> out = new ArrayList<>();
        new FlowStatsToSeries(60, List.of()).emit("eni-1", "ACCEPT", 0, s, out::add);
        out.sort((a, b) -> a.pointKey().compareTo(b.pointKey()));
        return out;
    }

    private static byte[] write(TypeSerializer<FlowBatch> serializer, FlowBatch b) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(b, out);
        return out.getCopyOfBuffer();
    }

    private static FlowBatch read(TypeSerializer<FlowBatch> serializer, byte[] bytes) throws Exception {
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        FlowBatch b = serializer.deserialize(in);
        assertThat(in.available()).as("every byte read").isZero();
        return b;
    }

    private static void assertSameHeader(FlowBatch back, FlowBatch b) {
        assertThat(back.interfaceId).isEqualTo(b.interfaceId);
        assertThat(back.action).isEqualTo(b.action);
        assertThat(back.start).isEqualTo(b.start);
        assertThat(back.records).isEqualTo(b.records);
    }

    @Test
    void aBatchReadBackHasItsFieldsAndStatsAsWritten() throws Exception {
        FlowBatchSerializer serializer = new FlowBatchSerializer();
        // one record, exact values only, and 1,500 (past the exact values: a sketch)
        for (int seed = 0; seed < 6; seed++) {
            FlowBatch b = batch(seed, 1 + seed * 300);
            FlowBatch back = read(serializer, write(serializer, b));
            assertSameHeader(back, b);
            assertThat(series(back.stats())).isEqualTo(series(b.stats())).isNotEmpty();
            assertThat(back.stats()).as("decoded once").isSameAs(back.stats());
        }
    }

    @Test
    void aBatchWrittenOnUnreadIsTheSameBytes() throws Exception {
        FlowBatchSerializer serializer = new FlowBatchSerializer();
        FlowBatch b = batch(3, 900);
        byte[] first = write(serializer, b);
        FlowBatch offTheNetwork = read(serializer, first);
        byte[] sorted = write(serializer, offTheNetwork); // into the sort buffer, stats not asked for
        assertThat(sorted).isEqualTo(first);
        DataOutputSerializer copied = new DataOutputSerializer(64);
        serializer.copy(new DataInputDeserializer(first), copied);
        assertThat(copied.getCopyOfBuffer()).isEqualTo(first);
        FlowBatch outOfTheSorter = read(serializer, sorted);
        assertSameHeader(outOfTheSorter, b);
        assertThat(series(outOfTheSorter.stats())).isEqualTo(series(b.stats()));
    }

    @Test
    void aCopyIsIndependentOfItsOriginalWhetherItsStatsAreReadOrNot() throws Exception {
        FlowBatchSerializer serializer = new FlowBatchSerializer();
        FlowBatch b = batch(4, 200);
        List<MetricSeries> before = series(b.stats());
        FlowBatch unread = read(serializer, write(serializer, b));
        for (FlowBatch original : List.of(b, unread)) {
            FlowBatch copy = serializer.copy(original);
            assertSameHeader(copy, b);
            FlowRecord r = new FlowRecord();
            r.interfaceId = b.interfaceId;
            r.action = b.action;
            r.protocol = 6;
            r.ip = "10.0.0.1";
            r.accountId = "123";
            r.region = "eu-west-1";
            r.logStatus = "OK";
            r.start = b.start;
            r.end = b.start + 5;
            r.packets = 7;
            r.bytes = 700;
            copy.stats().add(r, TestGrouping.DEFAULT);
            assertThat(series(copy.stats())).isNotEqualTo(before);
            assertThat(series(original.stats())).as("the original is untouched").isEqualTo(before);
        }
    }

    @Test
    void aBatchChangedAfterItsStatsWereReadIsWrittenAsChanged() throws Exception {
        FlowBatchSerializer serializer = new FlowBatchSerializer();
        FlowBatch b = batch(5, 40);
        FlowBatch back = read(serializer, write(serializer, b));
        back.stats().merge(batch(6, 300).stats());
        List<MetricSeries> merged = series(back.stats());
        assertThat(merged).isNotEqualTo(series(b.stats()));
        assertThat(series(read(serializer, write(serializer, back)).stats())).isEqualTo(merged);
    }

    @Test
    void aBatchWithoutStatsOrNamesRoundTrips() throws Exception {
        FlowBatchSerializer serializer = new FlowBatchSerializer();
        FlowBatch empty = new FlowBatch();
        FlowBatch back = read(serializer, write(serializer, empty));
        assertThat(back.interfaceId).isNull();
        assertThat(back.action).isNull();
        assertThat(back.stats()).isNull();
        assertThat(serializer.copy(empty).stats()).isNull();
    }

    @Test
    void flinkGetsThisSerializerAndEachUserItsOwn() {
        @SuppressWarnings("deprecation")
        TypeSerializer<FlowBatch> one = TypeInformation.of(FlowBatch.class).createSerializer(new ExecutionConfig());
        @SuppressWarnings("deprecation")
        TypeSerializer<FlowBatch> two = FlowBatch.TYPE.createSerializer(new ExecutionConfig());
        SerializerConfig config = new ExecutionConfig().getSerializerConfig();
        TypeSerializer<FlowBatch> three = FlowBatch.TYPE.createSerializer(config);
        assertThat(one).isInstanceOf(FlowBatchSerializer.class).isEqualTo(two).isNotSameAs(two);
        assertThat(three).isEqualTo(one).isNotSameAs(FlowBatch.TYPE.createSerializer(config));
        assertThat(one.duplicate()).isEqualTo(one).isNotSameAs(one);
        assertThat(one.snapshotConfiguration().restoreSerializer()).isEqualTo(one);
    }
}
