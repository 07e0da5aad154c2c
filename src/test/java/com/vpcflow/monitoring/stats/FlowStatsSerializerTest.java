package com.vpcflow.monitoring.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.vpcflow.monitoring.flowlog.FlowRecord;
import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.pipeline.FlowStatsToSeries;
import com.vpcflow.monitoring.testing.TestGrouping;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

public class FlowStatsSerializerTest {

    public static FlowStats randomStats(long seed, int records) {
        SplittableRandom rnd = new SplittableRandom(seed);
        FlowStats stats = new FlowStats();
        for (int i = 0; i < records; i++) {
            FlowRecord r = new FlowRecord();
            r.interfaceId = "eni-1";
            r.protocol = rnd.nextBoolean() ? 6 : 17;
            r.direction = rnd.nextInt(3) == 0 ? null : (rnd.nextBoolean() ? "inbound" : "outbound");
            r.ip = "10.0.0.1";
            r.accountId = "123";
            r.region = "eu-west-1";
            r.action = "ACCEPT";
            r.logStatus = rnd.nextInt(10) == 0 ? "NODATA" : "OK";
            r.start = 1_700_000_000L;
            r.end = r.start + rnd.nextInt(60);
            r.packets = rnd.nextInt(5) == 0 ? -1 : rnd.nextInt(1000);
            r.bytes = r.packets < 0 ? -1 : r.packets * 100;
            stats.add(r, TestGrouping.DEFAULT);
        }
        return stats;
    }

    /** Compares by what the job emits from them: every series value. */
    static List<MetricSeries> series(FlowStats s) {
        List<MetricSeries> out = new ArrayList<>();
        new FlowStatsToSeries(60, List.of()).emit("eni-1", "ACCEPT", 0, s, out::add);
        out.sort((a, b) -> a.pointKey().compareTo(b.pointKey()));
        return out;
    }

    @Test
    void roundTripsThroughBytesAndCopy() throws Exception {
        for (int seed = 0; seed < 10; seed++) {
            FlowStats stats = randomStats(seed, 1 + seed * 300);
            DataOutputSerializer out = new DataOutputSerializer(256);
            FlowStatsSerializer.INSTANCE.serialize(stats, out);
            FlowStats back = FlowStatsSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
            assertThat(series(back)).isEqualTo(series(stats));
            assertThat(series(FlowStatsSerializer.INSTANCE.copy(stats))).isEqualTo(series(stats));

            DataOutputSerializer copied = new DataOutputSerializer(256);
            FlowStatsSerializer.INSTANCE.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
            assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
        }
    }

    /**
     * Bytes the serializer wrote in layout 2 (before the varint blocks), committed: randomStats(3, 900), groups with
     * exact values and with a sketch. Layout 3 reads them to the same series, and writes them in less.
     */
    @Test
    void readsLayoutTwoAsWrittenBefore() throws Exception {
        byte[] layout2 = java.nio.file.Files.readAllBytes(
                java.nio.file.Path.of("src/test/resources/state/flowstats-layout2.bin"));
        assertThat(new DataInputDeserializer(layout2).readInt()).isEqualTo(FlowStatsSerializer.LAYOUT_2);
        FlowStats expected = randomStats(3, 900);
        FlowStats read = FlowStatsSerializer.INSTANCE.deserialize(new DataInputDeserializer(layout2));
        assertThat(series(read)).isEqualTo(series(expected));

        DataOutputSerializer out = new DataOutputSerializer(256);
        FlowStatsSerializer.INSTANCE.serialize(read, out);
        assertThat(new DataInputDeserializer(out.getCopyOfBuffer()).readInt()).isEqualTo(FlowStatsSerializer.LAYOUT_3);
        assertThat(out.length()).isLessThan(layout2.length / 2);
        FlowStats again = FlowStatsSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(series(again)).isEqualTo(series(expected));
    }

    /** A savepoint of snapshot version 4 (layout 2) restores, and RocksDB is told to rewrite its state. */
    @Test
    void aVersionFourSnapshotIsCompatibleAfterMigration() throws Exception {
        FlowStatsSerializer.Snapshot old = new FlowStatsSerializer.Snapshot();
        old.readSnapshot(4, new DataInputDeserializer(new byte[0]), getClass().getClassLoader());
        assertThat(old.restoreSerializer()).isEqualTo(FlowStatsSerializer.INSTANCE);
        assertThat(old.resolveSchemaCompatibility(FlowStatsSerializer.INSTANCE).isCompatibleAfterMigration())
                .isTrue();
    }

    @Test
    void emptyStatsRoundTrip() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(16);
        FlowStatsSerializer.INSTANCE.serialize(new FlowStats(), out);
        assertThat(FlowStatsSerializer.INSTANCE
                        .deserialize(new DataInputDeserializer(out.getCopyOfBuffer()))
                        .groups())
                .isEmpty();
    }

    @Test
    void itsSnapshotRestoresAnEqualSerializer() throws Exception {
        TypeSerializerSnapshot<FlowStats> snapshot = FlowStatsSerializer.INSTANCE.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        TypeSerializerSnapshot<FlowStats> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        TypeSerializer<FlowStats> restored = read.restoreSerializer();
        assertThat(restored).isEqualTo(FlowStatsSerializer.INSTANCE);
        TypeSerializerSchemaCompatibility<FlowStats> compat =
                FlowStatsSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(read);
        assertThat(compat.isCompatibleAsIs()).isTrue();
    }
}
