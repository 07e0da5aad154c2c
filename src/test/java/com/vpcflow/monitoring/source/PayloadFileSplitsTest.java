package com.vpcflow.monitoring.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.vpcflow.monitoring.payload.RawPayload;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.assigners.FileSplitAssigner;
import org.apache.flink.connector.file.src.impl.StreamFormatAdapter;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A payloads file cut into splits of any size is read whole, each line once, in order; a reader restored from a
 * checkpointed position goes on with the next line; a compressed file stays one split.
 */
class PayloadFileSplitsTest {
    /** Lines of several lengths, a blank one, one with CRLF and blanks around it, no newline at the end. */
    static final String CONTENT =
            "AAAA\nBBBBBBBBBBBB\n\nC\n  DDDDDDDDDDDDDDDDDDDDDDDDDDDD \r\nEE\n\n\nFFFFFFFFFFFFFFF\nG";

    static final List<String> LINES =
            List.of("AAAA", "BBBBBBBBBBBB", "C", "DDDDDDDDDDDDDDDDDDDDDDDDDDDD", "EE", "FFFFFFFFFFFFFFF", "G");

    @TempDir
    java.nio.file.Path dir;

    /** Small fetches, so a split is read in several batches. */
    static final Configuration CONFIG = new Configuration();

    static {
        CONFIG.set(StreamFormat.FETCH_IO_SIZE, MemorySize.parse("8b"));
    }

    @ParameterizedTest(name = "splits of {0} bytes")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 13, 19, 20, 21, 64, 1000})
    void everyLineIsReadOnceWhateverTheSplitSize(int splitBytes) throws IOException {
        Path file = write("payloads.b64", CONTENT.getBytes(StandardCharsets.US_ASCII));
        List<FileSourceSplit> splits = splits(file, splitBytes);
        assertThat(splits).hasSize((CONTENT.length() + splitBytes - 1) / splitBytes);
        List<String> read = new ArrayList<>();
        for (FileSourceSplit split : splits) {
            for (RecordAndPosition<RawPayload> r : readAll(reader(split, false))) read.add(text(r.getRecord()));
        }
        assertThat(read).containsExactlyElementsOf(LINES);
    }

    @Test
    void theOriginOfAPayloadIsItsLinesByteOffset() throws IOException {
        Path file = write("payloads.b64", CONTENT.getBytes(StandardCharsets.US_ASCII));
        List<String> origins = new ArrayList<>();
        for (FileSourceSplit split : splits(file, 10)) {
            for (RecordAndPosition<RawPayload> r : readAll(reader(split, false))) origins.add(r.getRecord().origin);
        }
        assertThat(origins)
                .containsExactly(
                        "file offset 0",
                        "file offset 5",
                        "file offset 19",
                        "file offset 21",
                        "file offset 54",
                        "file offset 59",
                        "file offset 75");
    }

    /** After each record of each split, a reader restored at its position reads exactly the split's rest. */
    @Test
    void aRestoredReaderGoesOnWithTheNextLine() throws IOException {
        Path file = write("payloads.b64", CONTENT.getBytes(StandardCharsets.US_ASCII));
        for (FileSourceSplit split : splits(file, 20)) {
            List<RecordAndPosition<RawPayload>> all = readAll(reader(split, false));
            for (int i = 0; i < all.size(); i++) {
                RecordAndPosition<RawPayload> after = all.get(i);
                FileSourceSplit checkpointed = split.updateWithCheckpointedPosition(
                        new CheckpointedPosition(after.getOffset(), after.getRecordSkipCount()));
                List<String> rest = new ArrayList<>();
                for (RecordAndPosition<RawPayload> r : readAll(reader(checkpointed, true))) {
                    rest.add(text(r.getRecord()));
                }
                List<String> expected = new ArrayList<>();
                for (RecordAndPosition<RawPayload> r : all.subList(i + 1, all.size())) {
                    expected.add(text(r.getRecord()));
                }
                assertThat(rest).as("%s after record %d", split, i).containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    void aCompressedFileIsOneSplitReadToItsEnd() throws IOException {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 2000; i++) many.append("QUFBQUFBQUFB").append(i).append('\n');
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write(many.toString().getBytes(StandardCharsets.US_ASCII));
        }
        Path file = write("payloads.b64.gz", gz.toByteArray());
        List<FileSourceSplit> splits = splits(file, 64);
        assertThat(splits).hasSize(1);
        List<RecordAndPosition<RawPayload>> read = readAll(reader(splits.get(0), false));
        assertThat(read).hasSize(2000);
        assertThat(text(read.get(1999).getRecord())).isEqualTo("QUFBQUFBQUFB1999");
    }

    @Test
    void splitsAreHandedOutByPathThenOffset() throws IOException {
        Path b = write("b.b64", "x\n".repeat(10).getBytes(StandardCharsets.US_ASCII));
        Path a = write("a.b64", "x\n".repeat(10).getBytes(StandardCharsets.US_ASCII));
        List<FileSourceSplit> splits = new ArrayList<>(splits(b, 8));
        splits.addAll(splits(a, 8));
        java.util.Collections.reverse(splits);
        FileSplitAssigner assigner = InOrderSplitAssigner.PROVIDER.create(splits);
        List<String> order = new ArrayList<>();
        Optional<FileSourceSplit> next;
        while ((next = assigner.getNext(null)).isPresent()) {
            order.add(next.get().path().getName() + "@" + next.get().offset());
        }
        assertThat(order).containsExactly("a.b64@0", "a.b64@8", "a.b64@16", "b.b64@0", "b.b64@8", "b.b64@16");
    }

    private Path write(String name, byte[] content) throws IOException {
        java.nio.file.Path f = dir.resolve(name);
        Files.write(f, content);
        return Path.fromLocalFile(f.toFile());
    }

    private static List<FileSourceSplit> splits(Path file, long splitBytes) throws IOException {
        List<FileSourceSplit> splits = new ArrayList<>(
                new ChunkingFileEnumerator(p -> true, splitBytes).enumerateSplits(new Path[] {file}, 1));
        splits.sort(java.util.Comparator.comparingLong(FileSourceSplit::offset));
        return splits;
    }

    private static BulkFormat.Reader<RawPayload> reader(FileSourceSplit split, boolean restore) throws IOException {
        StreamFormatAdapter<RawPayload> format = new StreamFormatAdapter<>(new Base64PayloadFormat());
        return restore ? format.restoreReader(CONFIG, split) : format.createReader(CONFIG, split);
    }

    private static List<RecordAndPosition<RawPayload>> readAll(BulkFormat.Reader<RawPayload> reader)
            throws IOException {
        List<RecordAndPosition<RawPayload>> all = new ArrayList<>();
        try (reader) {
            BulkFormat.RecordIterator<RawPayload> batch;
            while ((batch = reader.readBatch()) != null) {
                RecordAndPosition<RawPayload> r;
                while ((r = batch.next()) != null) {
                    all.add(new RecordAndPosition<>(r.getRecord(), r.getOffset(), r.getRecordSkipCount()));
                }
                batch.releaseBatch();
            }
        }
        return all;
    }

    private static String text(RawPayload p) {
        assertThat(p.encoding).isEqualTo(RawPayload.Encoding.BASE64_GZIP_JSON);
        return new String(p.data, StandardCharsets.US_ASCII);
    }
}
