package com.vpcflow.monitoring.source;

import com.vpcflow.monitoring.payload.RawPayload;
import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * A file of newline-delimited base64 subscription payloads (what {@code aws kinesis get-records} shows as
 * {@code Data}). Lines are passed on undecoded: a bad line is counted by the decoder, not thrown here.
 *
 * <p>Splittable, so one large file is read by every source subtask ({@link ChunkingFileEnumerator} cuts it): a line
 * belongs to the split in which it starts. A reader starting inside the file skips the line it lands in (the previous
 * split reads it to its end); checkpoints store the byte offset of the next line, so a restore seeks straight to it.
 */
public final class Base64PayloadFormat implements StreamFormat<RawPayload> {
    private static final long serialVersionUID = 1L;

    @Override
    public Reader<RawPayload> createReader(Configuration config, FSDataInputStream stream, long fileLen, long splitEnd)
            throws IOException {
        long start = stream.getPos();
        if (start == 0) return new LineReader(stream, 0, end(fileLen, splitEnd));
        // The line holding byte start - 1 belongs to the previous split, unless that byte ends it.
        stream.seek(start - 1);
        LineReader reader = new LineReader(stream, start - 1, end(fileLen, splitEnd));
        reader.skipLine();
        return reader;
    }

    @Override
    public Reader<RawPayload> restoreReader(
            Configuration config, FSDataInputStream stream, long restoredOffset, long fileLen, long splitEnd)
            throws IOException {
        stream.seek(restoredOffset);
        return new LineReader(stream, restoredOffset, end(fileLen, splitEnd));
    }

    /**
     * Where a split's lines end: the last split reads to the end of the stream, which for a compressed file (one
     * split, its compressed length) is past the file's length.
     */
    private static long end(long fileLen, long splitEnd) {
        return splitEnd >= fileLen ? Long.MAX_VALUE : splitEnd;
    }

    @Override
    public boolean isSplittable() {
        return true;
    }

    @Override
    public TypeInformation<RawPayload> getProducedType() {
        return TypeInformation.of(RawPayload.class);
    }

    /** Lines as bytes (base64 is ASCII): no characters decoded, no string per line. */
    private static final class LineReader implements Reader<RawPayload> {
        private final FSDataInputStream in;
        private final long splitEnd;
        private final byte[] buffer = new byte[1 << 16];
        /** File offset of {@code buffer[0]}. */
        private long bufferStart;

        private int position, limit;
        private byte[] line = new byte[1 << 16];
        private int lineLength;

        LineReader(FSDataInputStream in, long offset, long splitEnd) {
            this.in = in;
            this.bufferStart = offset;
            this.splitEnd = splitEnd;
        }

        @Override
        public RawPayload read() throws IOException {
            while (true) {
                long lineStart = bufferStart + position;
                if (lineStart >= splitEnd || !readLine()) return null;
                int from = 0, to = lineLength;
                while (from < to && isBlank(line[from])) from++;
                while (to > from && isBlank(line[to - 1])) to--;
                if (from < to) {
                    return new RawPayload(
                            RawPayload.Encoding.BASE64_GZIP_JSON,
                            Arrays.copyOfRange(line, from, to),
                            "file offset " + lineStart);
                }
            }
        }

        void skipLine() throws IOException {
            readLine();
        }

        /** Reads up to and without the next '\n' into {@link #line}; false at the end of the file. */
        private boolean readLine() throws IOException {
            lineLength = 0;
            boolean any = false;
            while (true) {
                if (position == limit && !fill()) return any;
                any = true;
                int from = position;
                while (position < limit && buffer[position] != '\n') position++;
                append(from, position);
                if (position < limit) {
                    position++; // the '\n'
                    return true;
                }
            }
        }

        private void append(int from, int to) {
            int n = to - from;
            if (lineLength + n > line.length) line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + n));
            System.arraycopy(buffer, from, line, lineLength, n);
            lineLength += n;
        }

        private boolean fill() throws IOException {
            bufferStart += limit;
            position = limit = 0;
            int n = in.read(buffer, 0, buffer.length);
            if (n <= 0) return false;
            limit = n;
            return true;
        }

        private static boolean isBlank(byte b) {
            return b == ' ' || b == '\t' || b == '\r';
        }

        @Override
        public CheckpointedPosition getCheckpointedPosition() {
            return new CheckpointedPosition(bufferStart + position, 0);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
