package com.vpcflow.monitoring.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.vpcflow.monitoring.metrics.MetricSeries;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class MetricSeriesSerializerTest {
    private static final MetricSeriesSerializer S = MetricSeriesSerializer.INSTANCE;

    private static MetricSeries roundTrip(MetricSeries s) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        S.serialize(s, out);
        S.serialize(s, out); // two in a row: each reads exactly its own bytes
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        MetricSeries first = S.deserialize(in);
        MetricSeries second = S.deserialize(in);
        assertThat(second.metric).isEqualTo(first.metric);
        assertThat(second.tags).isEqualTo(first.tags);
        assertThat(Double.compare(second.value, first.value)).isZero();
        assertThat(in.available()).isZero();
        return first;
    }

    @Test
    void everyFieldSurvivesTheWireTagsInAnyScriptIncluded() throws Exception {
        MetricSeries s = new MetricSeries(
                "aws.vpc.flowlogs.bytes.total",
                MetricSeries.COUNT,
                60,
                new String[] {"interface_id:eni-0a1b2c3d", "team:réseau", "env:生产", "emoji:🚦", ""},
                1_700_000_040L,
                12_345.678);
        assertThat(roundTrip(s)).isEqualTo(s);
        MetricSeries gauge = new MetricSeries("m", MetricSeries.GAUGE, 0, new String[0], -1, Double.NaN);
        MetricSeries back = roundTrip(gauge);
        assertThat(back.tags).isEmpty();
        assertThat(back.value).isNaN();
        assertThat(back.timestamp).isEqualTo(-1);
    }

    @Test
    void nullsAreKeptAsNulls() throws Exception {
        MetricSeries s = new MetricSeries(null, 1, 10, null, 5, 1.0);
        MetricSeries back = roundTrip(s);
        assertThat(back.metric).isNull();
        assertThat(back.tags).isNull();
        MetricSeries withNullTag = new MetricSeries("m", 1, 10, new String[] {"a:b", null}, 5, 1.0);
        assertThat(roundTrip(withNullTag).tags).containsExactly("a:b", null);
    }

    @Test
    void aCopyDoesNotShareItsTags() {
        MetricSeries s = new MetricSeries("m", 1, 10, new String[] {"a:b"}, 5, 1.0);
        MetricSeries c = S.copy(s);
        c.tags[0] = "changed";
        assertThat(s.tags).containsExactly("a:b");
        assertThat(S.copy(s)).isEqualTo(s);
    }

    @Test
    void itsSnapshotRestoresItself() throws Exception {
        TypeSerializerSnapshot<MetricSeries> snapshot = S.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        TypeSerializerSnapshot<MetricSeries> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        assertThat(read.restoreSerializer()).isSameAs(S);
        TypeSerializerSchemaCompatibility<MetricSeries> compatibility =
                S.snapshotConfiguration().resolveSchemaCompatibility(read);
        assertThat(compatibility.isCompatibleAsIs()).isTrue();
        assertThat(MetricSeriesSerializer.TYPE.createSerializer(new org.apache.flink.api.common.ExecutionConfig()))
                .isSameAs(S);
    }
}
