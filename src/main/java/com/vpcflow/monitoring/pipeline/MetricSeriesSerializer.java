package com.vpcflow.monitoring.pipeline;

import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.stats.FormatSerializer;
import com.vpcflow.monitoring.stats.SerializerTypeInfo;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The wire format of {@link MetricSeries} between the windows and the sinks: its strings as length-prefixed UTF-8
 * bytes. Flink's POJO serializer writes a {@code String[]} char by char and reads each string through a thread-local
 * buffer, which was a tenth of a series-heavy run (JFR, {@code 10k-enis}); encoding a whole string at once is one
 * intrinsic for the ASCII that tags are; read back, repeated strings are one instance ({@link WireStrings}). Series are
 * never state, so the format may change between versions.
 */
public final class MetricSeriesSerializer extends FormatSerializer<MetricSeries> {
    private static final long serialVersionUID = 1L;
    public static final MetricSeriesSerializer INSTANCE = new MetricSeriesSerializer();
    /** The series streams' type: this serializer, not the POJO one. */
    public static final TypeInformation<MetricSeries> TYPE = new SerializerTypeInfo<>(MetricSeries.class, INSTANCE);

    @Override
    public TypeSerializer<MetricSeries> duplicate() {
        return this; // keeps no state
    }

    @Override
    public MetricSeries createInstance() {
        return new MetricSeries();
    }

    @Override
    public MetricSeries copy(MetricSeries from) {
        return new MetricSeries(
                from.metric,
                from.type,
                from.interval,
                from.tags == null ? null : from.tags.clone(),
                from.timestamp,
                from.value);
    }

    @Override
    public void serialize(MetricSeries s, DataOutputView out) throws IOException {
        WireStrings.write(s.metric, out);
        out.writeInt(s.type);
        out.writeLong(s.interval);
        out.writeLong(s.timestamp);
        out.writeDouble(s.value);
        if (s.tags == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(s.tags.length);
        for (String tag : s.tags) WireStrings.write(tag, out);
    }

    @Override
    public MetricSeries deserialize(DataInputView in) throws IOException {
        WireStrings strings = WireStrings.get();
        MetricSeries s = new MetricSeries();
        s.metric = strings.read(in);
        s.type = in.readInt();
        s.interval = in.readLong();
        s.timestamp = in.readLong();
        s.value = in.readDouble();
        int tags = in.readInt();
        if (tags >= 0) {
            s.tags = new String[tags];
            for (int i = 0; i < tags; i++) s.tags[i] = strings.read(in);
        }
        return s;
    }

    @Override
    public TypeSerializerSnapshot<MetricSeries> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Nothing to configure: the class is the format. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<MetricSeries> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
