package com.vpcflow.monitoring.pipeline;

import com.vpcflow.monitoring.stats.FlowStats;
import com.vpcflow.monitoring.stats.FlowStatsSerializer;
import com.vpcflow.monitoring.stats.FormatSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The wire format of {@link FlowBatch} between the decoders and the windows: ENI and action as length-prefixed UTF-8
 * (read back through {@link WireStrings}), start, records, then the stats as {@link FlowStatsSerializer} writes them,
 * behind their length. Read back, the stats stay those bytes until {@link FlowBatch#stats()} asks for them: in batch
 * mode the windows task reads each batch off the network, writes it into its sort buffer and reads it again, and
 * decoding and re-encoding the stats twice was a fifth of that task's CPU samples; now both are copies, and the stats
 * are decoded once, where the window folds them. Batches are never state (the combiner holds none over a checkpoint,
 * the windows keep {@link FlowStats}), so the format may change between versions.
 *
 * <p>Not thread-safe (one buffer to measure the stats in): {@link #duplicate()} gives each user its own.
 */
public final class FlowBatchSerializer extends FormatSerializer<FlowBatch> {
    private static final long serialVersionUID = 1L;

    /** The stats of a batch being written, to learn their length: grows to the largest batch's, about 1-10 KiB. */
    private transient DataOutputSerializer statsBuffer;

    @Override
    public TypeSerializer<FlowBatch> duplicate() {
        return new FlowBatchSerializer();
    }

    @Override
    public FlowBatch createInstance() {
        return new FlowBatch();
    }

    @Override
    public FlowBatch copy(FlowBatch from) {
        FlowBatch to = header(from);
        // the bytes are never changed (the stats decoded from them are a new object): shared, not copied
        if (from.encodedStats != null) to.encodedStats = from.encodedStats;
        else if (from.stats() != null) to.setStats(FlowStatsSerializer.INSTANCE.copy(from.stats()));
        return to;
    }

    private static FlowBatch header(FlowBatch from) {
        FlowBatch to = new FlowBatch();
        to.interfaceId = from.interfaceId;
        to.action = from.action;
        to.start = from.start;
        to.records = from.records;
        return to;
    }

    @Override
    public void serialize(FlowBatch b, DataOutputView out) throws IOException {
        WireStrings.write(b.interfaceId, out);
        WireStrings.write(b.action, out);
        out.writeLong(b.start);
        out.writeInt(b.records);
        if (b.encodedStats != null) {
            out.writeInt(b.encodedStats.length);
            out.write(b.encodedStats);
        } else if (b.stats() == null) {
            out.writeInt(-1);
        } else {
            if (statsBuffer == null) statsBuffer = new DataOutputSerializer(1024);
            statsBuffer.clear();
            FlowStatsSerializer.INSTANCE.serialize(b.stats(), statsBuffer);
            out.writeInt(statsBuffer.length());
            out.write(statsBuffer.getSharedBuffer(), 0, statsBuffer.length());
        }
    }

    @Override
    public FlowBatch deserialize(DataInputView in) throws IOException {
        WireStrings strings = WireStrings.get();
        FlowBatch b = new FlowBatch();
        b.interfaceId = strings.read(in);
        b.action = strings.read(in);
        b.start = in.readLong();
        b.records = in.readInt();
        int length = in.readInt();
        if (length >= 0) {
            b.encodedStats = new byte[length];
            in.readFully(b.encodedStats);
        }
        return b;
    }

    /** The stats as {@link #serialize} wrote them, decoded. */
    static FlowStats decode(byte[] encoded) {
        try {
            return FlowStatsSerializer.INSTANCE.deserialize(new DataInputDeserializer(encoded));
        } catch (IOException e) {
            // from memory: only bytes this serializer did not write could fail here
            throw new UncheckedIOException("a batch's stats could not be read", e);
        }
    }

    @Override
    public TypeSerializerSnapshot<FlowBatch> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Nothing to configure: the class is the format. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<FlowBatch> {
        public Snapshot() {
            super(FlowBatchSerializer::new);
        }
    }
}
