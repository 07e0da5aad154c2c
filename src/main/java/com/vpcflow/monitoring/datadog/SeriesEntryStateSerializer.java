package com.vpcflow.monitoring.datadog;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;

/**
 * Buffered entries in checkpoints: each is its JSON bytes. The base serializer writes each entry's size
 * ({@link DatadogSinkWriter#getSizeInBytes}, the JSON length) in front of it, so no length of our own is needed.
 */
public final class SeriesEntryStateSerializer extends AsyncSinkWriterStateSerializer<SeriesEntry> {

    @Override
    protected void serializeRequestToStream(SeriesEntry entry, DataOutputStream out) throws IOException {
        out.write(entry.json());
    }

    @Override
    protected SeriesEntry deserializeRequestFromStream(long requestSize, DataInputStream in) throws IOException {
        byte[] json = new byte[Math.toIntExact(requestSize)];
        in.readFully(json);
        return new SeriesEntry(json);
    }

    @Override
    public int getVersion() {
        return 1;
    }
}
