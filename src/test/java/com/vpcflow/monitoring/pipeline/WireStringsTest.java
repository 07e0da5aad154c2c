package com.vpcflow.monitoring.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.vpcflow.monitoring.metrics.MetricSeries;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Series read back carry their own strings, repeated ones as one instance, whatever the cache held before. */
class WireStringsTest {
    @Test
    void repeatedStringsAreOneInstanceAndEveryStringIsItsValue() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(1 << 16);
        List<MetricSeries> written = new ArrayList<>();
        // more distinct tags than slots, some non-ASCII, one longer than the read buffer, and nulls
        for (int i = 0; i < 3 * WireStrings.SLOTS; i++) {
            MetricSeries s = new MetricSeries(
                    i % 2 == 0 ? "aws.vpc.flowlogs.bytes.total" : "caf\u00e9.\ud83d\ude00",
                    MetricSeries.COUNT,
                    60,
                    new String[] {"interface_id:eni-" + i, "action:ACCEPT", i == 7 ? "x".repeat(1000) : "ip:10.0.0.1"},
                    1_700_000_040L,
                    i);
            written.add(s);
            MetricSeriesSerializer.INSTANCE.serialize(s, out);
        }
        MetricSeries nulls = new MetricSeries(null, MetricSeries.GAUGE, 0, null, 1, 2.5);
        MetricSeriesSerializer.INSTANCE.serialize(nulls, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getSharedBuffer(), 0, out.length());
        List<MetricSeries> read = new ArrayList<>();
        for (int i = 0; i <= written.size(); i++) read.add(MetricSeriesSerializer.INSTANCE.deserialize(in));
        assertThat(read.subList(0, written.size())).containsExactlyElementsOf(written);
        assertThat(read.get(written.size()).metric).isNull();
        assertThat(read.get(written.size()).tags).isNull();
        assertThat(read.get(2).metric).isSameAs(read.get(0).metric);
        assertThat(read.get(3).tags[1]).isSameAs(read.get(2).tags[1]);
    }
}
