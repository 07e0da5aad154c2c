package com.vpcflow.monitoring.stats;

import com.vpcflow.monitoring.flowlog.IanaProtocols;
import java.io.IOException;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Window-state serializer of {@link FlowStats}. Sketches are written in DDSketch's own binary encoding.
 *
 * <p>Layouts: 1 (before configurable dimensions) starts with the group count and holds the five fixed group fields;
 * 2 starts with {@link #LAYOUT_2} (negative, so never a group count), then the dimension names, the groups with a
 * value per dimension and a record count, then the top peers; 3 ({@link #LAYOUT_3}) is 2 with each distribution's
 * numbers (count, sum, min, max, the exact values) as one block of zig-zag varints, read and written in one call:
 * the exact values are most of a batch's bytes, and read one {@code readLong} at a time through {@link DataInputView}
 * (an interface call each) they were nearly half of a batch's deserialization, on the network and in the sorter. Every
 * value written says which layout it is in, so this serializer reads all three and writes 3; the snapshot's version
 * tells Flink which one a savepoint holds (see {@link Snapshot}). A new layout must take the next negative marker and
 * keep reading the old ones.
 */
public final class FlowStatsSerializer extends FormatSerializer<FlowStats> {
    private static final long serialVersionUID = 1L;
    public static final FlowStatsSerializer INSTANCE = new FlowStatsSerializer();
    static final int LAYOUT_2 = -2;
    static final int LAYOUT_3 = -3;

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
        to.dimensions = from.dimensions;
        from.groups.forEach((g, s) -> {
            GroupStats c = new GroupStats();
            c.records = s.records;
            c.requests = s.requests;
            s.statuses().forEach(c::addStatus);
            c.duration = s.duration.copy();
            c.packets = s.packets.copy();
            c.bytes = s.bytes.copy();
            to.groups.put(g, c);
        });
        if (from.peers != null) {
            to.peers = new TopPeers(from.peers.capacity());
            to.peers.merge(from.peers);
        }
        return to;
    }

    @Override
    public void serialize(FlowStats stats, DataOutputView out) throws IOException {
        out.writeInt(LAYOUT_3);
        out.writeInt(stats.dimensions.length);
        for (String name : stats.dimensions) out.writeUTF(name);
        out.writeInt(stats.groups.size());
        for (Map.Entry<SeriesGroup, GroupStats> e : stats.groups.entrySet()) {
            SeriesGroup g = e.getKey();
            for (int i = 0; i < g.size(); i++) writeNullable(out, g.value(i));
            GroupStats s = e.getValue();
            out.writeLong(s.records);
            writeGroup(out, s);
        }
        TopPeers peers = stats.peers;
        out.writeBoolean(peers != null);
        if (peers != null) {
            out.writeInt(peers.capacity());
            out.writeInt(peers.size());
            for (Map.Entry<String, TopPeers.Counts> e : peers.counters.entrySet()) {
                out.writeUTF(e.getKey());
                TopPeers.Counts c = e.getValue();
                out.writeLong(c.bytes);
                out.writeLong(c.packets);
                out.writeLong(c.records);
                out.writeLong(c.error);
            }
        }
    }

    @Override
    public FlowStats deserialize(DataInputView in) throws IOException {
        int first = in.readInt();
        if (first >= 0) return deserializeLayout1(first, in);
        if (first != LAYOUT_2 && first != LAYOUT_3) throw new IOException("unknown FlowStats layout " + first);
        boolean varints = first == LAYOUT_3;
        FlowStats stats = new FlowStats();
        String[] names = new String[in.readInt()];
        for (int i = 0; i < names.length; i++) names[i] = in.readUTF();
        stats.dimensions = names;
        int groups = in.readInt();
        for (int i = 0; i < groups; i++) {
            String[] values = new String[names.length];
            for (int j = 0; j < values.length; j++) values[j] = readNullable(in);
            GroupStats s = new GroupStats();
            s.records = in.readLong();
            readGroup(in, s, varints);
            stats.groups.put(new SeriesGroup(values), s);
        }
        if (in.readBoolean()) {
            TopPeers peers = new TopPeers(in.readInt());
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String peer = in.readUTF();
                TopPeers.Counts c = new TopPeers.Counts();
                c.bytes = in.readLong();
                c.packets = in.readLong();
                c.records = in.readLong();
                c.error = in.readLong();
                peers.counters.put(peer, c);
            }
            stats.peers = peers;
        }
        return stats;
    }

    /** Layout 1: the fixed groups (protocol number, direction, ip, account, region) of the default dimensions. */
    private static FlowStats deserializeLayout1(int groups, DataInputView in) throws IOException {
        FlowStats stats = new FlowStats();
        stats.dimensions = Dimensions.DEFAULT.toArray(String[]::new); // protocol, ip, direction, aws_account, region
        for (int i = 0; i < groups; i++) {
            String protocol = IanaProtocols.name(in.readInt());
            String direction = readNullable(in);
            String ip = readNullable(in);
            String account = readNullable(in);
            String region = readNullable(in);
            GroupStats s = new GroupStats();
            readGroup(in, s, false);
            long statuses =
                    s.statuses().values().stream().mapToLong(Long::longValue).sum();
            s.records = Math.max(s.requests, statuses); // not kept then: what the counts tell
            stats.groups.put(new SeriesGroup(new String[] {protocol, ip, direction, account, region}), s);
        }
        return stats;
    }

    private static void writeGroup(DataOutputView out, GroupStats s) throws IOException {
        out.writeLong(s.requests);
        out.writeInt(s.statuses().size());
        for (Map.Entry<String, Long> st : s.statuses().entrySet()) {
            out.writeUTF(st.getKey());
            out.writeLong(st.getValue());
        }
        writeDistribution(out, s.duration);
        writeDistribution(out, s.packets);
        writeDistribution(out, s.bytes);
    }

    private static void readGroup(DataInputView in, GroupStats s, boolean varints) throws IOException {
        s.requests = in.readLong();
        int statuses = in.readInt();
        for (int j = 0; j < statuses; j++) {
            s.addStatus(in.readUTF(), in.readLong());
        }
        s.duration = varints ? readDistribution(in) : readDistributionLayout2(in);
        s.packets = varints ? readDistribution(in) : readDistributionLayout2(in);
        s.bytes = varints ? readDistribution(in) : readDistributionLayout2(in);
    }

    /** Layout 3: the block's length, then count, sum, min, max, the exact values' count and the values; the sketch. */
    private static void writeDistribution(DataOutputView out, ValueDistribution d) throws IOException {
        int n = d.isEmpty() ? 0 : d.pendingSize();
        byte[] block = new byte[Varints.MAX_BYTES * (5 + n)];
        int size = Varints.put(block, 0, d.count());
        if (!d.isEmpty()) {
            size = Varints.put(block, size, d.sum());
            size = Varints.put(block, size, d.min());
            size = Varints.put(block, size, d.max());
            size = Varints.put(block, size, n);
            for (int i = 0; i < n; i++) size = Varints.put(block, size, d.pending(i));
        }
        out.writeInt(size);
        out.write(block, 0, size);
        if (d.isEmpty()) return;
        byte[] sketch = d.sketchBytes();
        out.writeInt(sketch.length);
        out.write(sketch);
    }

    private static ValueDistribution readDistribution(DataInputView in) throws IOException {
        int size = in.readInt();
        if (size <= 0 || size > Varints.MAX_BYTES * (5 + Short.MAX_VALUE))
            throw new IOException("a distribution block of " + size + " bytes");
        byte[] block = new byte[size];
        in.readFully(block);
        Varints.Reader r = new Varints.Reader(block);
        long count = r.next();
        if (count == 0) return new ValueDistribution();
        long sum = r.next();
        long min = r.next();
        long max = r.next();
        long[] pending = new long[Math.toIntExact(r.next())];
        for (int i = 0; i < pending.length; i++) pending[i] = r.next();
        if (!r.atEnd()) throw new IOException("a distribution block with bytes after its values");
        byte[] sketch = new byte[in.readInt()];
        in.readFully(sketch);
        return ValueDistribution.restore(count, sum, min, max, pending, sketch);
    }

    /** Layouts 1 and 2: every number a big-endian long, the values' count a short. */
    private static ValueDistribution readDistributionLayout2(DataInputView in) throws IOException {
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
    public TypeSerializerSnapshot<FlowStats> snapshotConfiguration() {
        return new Snapshot();
    }

    /**
     * Written into checkpoints and savepoints. Versions 2 and 3 were written when this class extended Flink's
     * {@code SimpleTypeSerializerSnapshot} (state layout 1); 4 is layout 2, 5 layout 3. An older version restores as
     * "compatible after migration", so state backends that keep serialized state (RocksDB) rewrite it in layout 3.
     */
    public static final class Snapshot implements TypeSerializerSnapshot<FlowStats> {
        static final int VERSION = 5;
        private int readVersion = VERSION;

        @Override
        public int getCurrentVersion() {
            return VERSION;
        }

        @Override
        public void writeSnapshot(DataOutputView out) {
            // the layout is in the version; nothing else to say
        }

        @Override
        public void readSnapshot(int version, DataInputView in, ClassLoader classLoader) throws IOException {
            if (version == 2) in.readUTF(); // SimpleTypeSerializerSnapshot version 2 wrote the serializer's class name
            if (version < 2 || version > VERSION)
                throw new IOException("unknown FlowStats snapshot version " + version);
            readVersion = version;
        }

        @Override
        public TypeSerializer<FlowStats> restoreSerializer() {
            return INSTANCE; // reads every layout
        }

        @Override
        @SuppressWarnings("deprecation")
        public TypeSerializerSchemaCompatibility<FlowStats> resolveSchemaCompatibility(
                TypeSerializer<FlowStats> newSerializer) {
            if (!(newSerializer instanceof FlowStatsSerializer))
                return TypeSerializerSchemaCompatibility.incompatible();
            return readVersion == VERSION
                    ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
        }
    }
}
