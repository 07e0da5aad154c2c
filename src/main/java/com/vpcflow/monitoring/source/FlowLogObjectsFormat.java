package com.vpcflow.monitoring.source;

import com.vpcflow.monitoring.payload.RawPayload;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.impl.StreamFormatAdapter;
import org.apache.flink.connector.file.src.reader.BulkFormat;

/**
 * {@link FlowLogLinesFormat} per file, told the file's name: a stream format only sees the bytes, and the account and
 * region of a delivered object are in its key. Flink's own adapter does the rest (gzip by extension, restoring a
 * reader at its checkpointed record).
 */
final class FlowLogObjectsFormat implements BulkFormat<RawPayload, FileSourceSplit> {
    private static final long serialVersionUID = 1L;

    private final int linesPerPayload;

    FlowLogObjectsFormat(int linesPerPayload) {
        this.linesPerPayload = linesPerPayload;
    }

    private StreamFormatAdapter<RawPayload> formatFor(FileSourceSplit split) {
        FlowLogObjectName object =
                FlowLogObjectName.parse(split.path().getName()).orElse(null);
        return new StreamFormatAdapter<>(new FlowLogLinesFormat(linesPerPayload, object));
    }

    @Override
    public Reader<RawPayload> createReader(Configuration config, FileSourceSplit split) throws IOException {
        return formatFor(split).createReader(config, split);
    }

    @Override
    public Reader<RawPayload> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
        return formatFor(split).restoreReader(config, split);
    }

    @Override
    public boolean isSplittable() {
        return false; // a gzip stream cannot be entered in the middle, and the header is on the first line
    }

    @Override
    public TypeInformation<RawPayload> getProducedType() {
        return TypeInformation.of(RawPayload.class);
    }
}
