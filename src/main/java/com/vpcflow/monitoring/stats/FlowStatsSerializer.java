package com.vpcflow.monitoring.stats;

import java.io.IOException;
import java.util.Map;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Window-state serializer of {@link FlowStats}. Sketches are written in DDSketch's own binary encoding. Any change
 * of layout must bump {@link Snapshot#getCurrentVersion()} and keep reading the old one.
 */
public final class FlowStatsSerializer extends TypeSerializer<FlowStats> {
    private static final long serialVersionUID = 1L;
    public static final FlowStatsSerializer INSTANCE = new FlowStatsSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<FlowStats> duplicate() {
        return this;
    }

    @Override
    public FlowStats createInstance() {
        return new FlowStats();
    }

    @Override
    public FlowStats copy(FlowStats from) {
        FlowStats to = new FlowStats();
        from.groups.forEach((g, s) -> {
            GroupStats c = new GroupStats();
            c.requests = s.requests;
            c.statuses.putAll(s.statuses);
            c.duration = s.duration.copy();
            c.packets = s.packets.copy();
            c.bytes = s.bytes.copy();
            to.groups.put(g, c);
        });
        return to;
    }

    @Override
    public FlowStats copy(FlowStats from, FlowStats reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(FlowStats stats, DataOutputView out) throws IOException {
        out.writeInt(stats.groups.size());
        for (Map.Entry<SeriesGroup, GroupStats> e : stats.groups.entrySet()) {
            SeriesGroup g = e.getKey();
            out.writeInt(g.protocol());
            writeNullable(out, g.direction());
            writeNullable(out, g.ip());
            writeNullable(out, g.account());
            writeNullable(out, g.region());
            GroupStats s = e.getValue();
            out.writeLong(s.requests);
            out.writeInt(s.statuses.size());
            for (Map.Entry<String, Long> st : s.statuses.entrySet()) {
                out.writeUTF(st.getKey());
                out.writeLong(st.getValue());
            }
            writeDistribution(out, s.duration);
            writeDistribution(out, s.packets);
            writeDistribution(out, s.bytes);
        }
    }

    @Override
    public FlowStats deserialize(DataInputView in) throws IOException {
        FlowStats stats = new FlowStats();
        int groups = in.readInt();
        for (int i = 0; i < groups; i++) {
            SeriesGroup g = new SeriesGroup(
                    in.readInt(), readNullable(in), readNullable(in), readNullable(in), readNullable(in));
            GroupStats s = new GroupStats();
            s.requests = in.readLong();
            int statuses = in.readInt();
            for (int j = 0; j < statuses; j++) {
                s.statuses.put(in.readUTF(), in.readLong());
            }
            s.duration = readDistribution(in);
            s.packets = readDistribution(in);
            s.bytes = readDistribution(in);
            stats.groups.put(g, s);
        }
        return stats;
    }

    @Override
    public FlowStats deserialize(FlowStats reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    private static void writeDistribution(DataOutputView out, ValueDistribution d) throws IOException {
        out.writeLong(d.count());
        if (d.isEmpty()) return;
        out.writeLong(d.sum());
        out.writeLong(d.min());
        out.writeLong(d.max());
        out.writeShort(d.pendingSize());
        for (int i = 0; i < d.pendingSize(); i++) out.writeLong(d.pending(i));
        byte[] sketch = d.sketchBytes();
        out.writeInt(sketch.length);
        out.write(sketch);
    }

    private static ValueDistribution readDistribution(DataInputView in) throws IOException {
        long count = in.readLong();
        if (count == 0) return new ValueDistribution();
        long sum = in.readLong();
        long min = in.readLong();
        long max = in.readLong();
        long[] pending = new long[in.readShort()];
        for (int i = 0; i < pending.length; i++) pending[i] = in.readLong();
        byte[] sketch = new byte[in.readInt()];
        in.readFully(sketch);
        return ValueDistribution.restore(count, sum, min, max, pending, sketch);
    }

    private static void writeNullable(DataOutputView out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) out.writeUTF(s);
    }

    private static String readNullable(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof FlowStatsSerializer;
    }

    @Override
    public int hashCode() {
        return FlowStatsSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<FlowStats> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Written into checkpoints and savepoints; restores {@link #INSTANCE}. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<FlowStats> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
