package com.vpcflow.monitoring.datadog;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;

/** Buffered entries in checkpoints: each is its JSON bytes, length-prefixed. */
public final class SeriesEntryStateSerializer extends AsyncSinkWriterStateSerializer<SeriesEntry> {

    @Override
    protected void serializeRequestToStream(SeriesEntry entry, DataOutputStream out) throws IOException {
        out.writeInt(entry.json().length);
        out.write(entry.json());
    }

    @Override
    protected SeriesEntry deserializeRequestFromStream(long requestSize, DataInputStream in) throws IOException {
        byte[] json = new byte[in.readInt()];
        in.readFully(json);
        return new SeriesEntry(json);
    }

    @Override
    public int getVersion() {
        return 1;
    }
}
