package com.vpcflow.monitoring.datadog;

import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.observability.ProgressCounter;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each request body the Datadog sink would POST, one uncompressed JSON document per line, to a file
 * ({@code --output}, appended and flushed per body so it can be followed with {@code tail -f}) or to stdout. Used
 * when no API key is configured. Bodies are written at checkpoints and at end of input (at-least-once). Writers run
 * in parallel (encoding is most of their work); those of one JVM share one stream per file, each body written whole
 * under its lock, so lines never interleave.
 */
public final class DryRunSink implements Sink<MetricSeries> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DryRunSink.class);

    private final String outputPath;
    private final int maxSeries;

    public DryRunSink(String outputPath, int maxSeries) {
        this.outputPath = outputPath;
        this.maxSeries = maxSeries;
    }

    @Override
    @SuppressWarnings("deprecation")
    public SinkWriter<MetricSeries> createWriter(InitContext context) throws IOException {
        Counter bodies =
                context.metricGroup().counter("bodiesWritten", new ProgressCounter(ProgressCounter.Kind.BODIES));
        PointAgeLimit ageLimit = new PointAgeLimit(
                DatadogSinkSettings.MAX_POINT_AGE,
                context.metricGroup().counter("pointsTooOld"),
                System.currentTimeMillis());
        return new Writer(SharedOutput.open(outputPath), maxSeries, bodies, ageLimit);
    }

    /**
     * One output (a file, or stdout) for all writers of this JVM: one appending stream while any writer is open, and
     * the points written to it and too old summed over every writer of this JVM, said when the last open writer
     * closes. Summed beyond one set of open writers because in batch mode the skip counts' writer opens only once the
     * windows' writers have closed. Bounded: one entry per output path.
     */
    static final class SharedOutput {
        private static final Map<String, SharedOutput> OPEN = new HashMap<>();
        /** Per output path: points written, points too old. */
        private static final Map<String, long[]> TOTALS = new HashMap<>();

        private static final String STDOUT = "";

        private final String path;
        private final OutputStream out;
        private int writers;

        private SharedOutput(String path, OutputStream out) {
            this.path = path;
            this.out = out;
        }

        static synchronized SharedOutput open(String path) throws IOException {
            String key = path == null ? STDOUT : path;
            SharedOutput shared = OPEN.get(key);
            if (shared == null) {
                OutputStream out =
                        path == null ? System.out : new BufferedOutputStream(new FileOutputStream(path, true), 1 << 16);
                shared = new SharedOutput(key, out);
                OPEN.put(key, shared);
            }
            shared.writers++;
            return shared;
        }

        /** The whole body in {@code body[0, length)} and its newline, flushed, before any other writer's. */
        void writeLine(byte[] body, int length) throws IOException {
            synchronized (out) {
                if (out == System.out) {
                    // shared with whatever else prints there: one write keeps the line whole
                    byte[] line = Arrays.copyOf(body, length + 1);
                    line[length] = '\n';
                    out.write(line);
                } else {
                    out.write(body, 0, length);
                    out.write('\n');
                }
                out.flush();
            }
        }

        void close(long writerPoints, long writerTooOld) throws IOException {
            long points, tooOld;
            synchronized (SharedOutput.class) {
                long[] totals = TOTALS.computeIfAbsent(path, k -> new long[2]);
                totals[0] += writerPoints;
                totals[1] += writerTooOld;
                if (--writers > 0) return;
                OPEN.remove(path);
                points = totals[0];
                tooOld = totals[1];
            }
            if (tooOld > 0) {
                LOG.warn(
                        "{} of the {} points written are older than 1h: Datadog would drop them unless historical"
                                + " metrics ingestion is enabled for aws.vpc.flowlogs.* (then give"
                                + " --historical-ingestion; without it the Datadog sink holds them back)",
                        tooOld,
                        points);
            }
            if (out == System.out) out.flush();
            else out.close();
        }
    }

    private static final class Writer implements SinkWriter<MetricSeries> {
        private final SharedOutput out;
        private final SeriesBatcher batcher;
        private final SeriesRequestEncoder encoder = new SeriesRequestEncoder();
        private final PointAgeLimit ageLimit;
        private long points;

        Writer(SharedOutput out, int maxSeries, Counter bodies, PointAgeLimit ageLimit) {
            this.out = out;
            this.batcher = new SeriesBatcher(maxSeries, SeriesBatcher.MAX_UNCOMPRESSED_BYTES, (body, length) -> {
                out.writeLine(body, length);
                bodies.inc();
            });
            this.ageLimit = ageLimit;
        }

        /** Every body is written, old points included: the count only says what Datadog would drop. */
        @Override
        public void write(MetricSeries series, Context context) throws IOException {
            points++;
            ageLimit.tooOld(series.timestamp, System::currentTimeMillis);
            int length = encoder.encode(series); // first: encoding may grow the buffer encoded() returns
            batcher.add(encoder.encoded(), length);
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            batcher.drain();
        }

        @Override
        public void close() throws IOException {
            out.close(points, ageLimit.total());
        }
    }
}
