package com.vpcflow.monitoring.datadog;

import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.observability.ProgressCounter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each request body the Datadog sink would POST, one uncompressed JSON document per line, to a file
 * ({@code --output}, appended and flushed per body so it can be followed with {@code tail -f}) or to stdout. Used
 * when no API key is configured. Bodies are written at checkpoints and at end of input (at-least-once).
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
        OutputStream out = outputPath == null ? System.out : new FileOutputStream(outputPath, true);
        PointAgeLimit ageLimit = new PointAgeLimit(
                DatadogSinkSettings.MAX_POINT_AGE,
                context.metricGroup().counter("pointsTooOld"),
                System.currentTimeMillis());
        return new Writer(
                out,
                outputPath != null,
                new SeriesBatcher(maxSeries, SeriesBatcher.MAX_UNCOMPRESSED_BYTES),
                bodies,
                ageLimit);
    }

    private static final class Writer implements SinkWriter<MetricSeries> {
        private final OutputStream out;
        private final boolean ownsStream;
        private final SeriesBatcher batcher;
        private final SeriesRequestEncoder encoder = new SeriesRequestEncoder();
        private final Counter bodies;
        private final PointAgeLimit ageLimit;
        private long points;

        Writer(OutputStream out, boolean ownsStream, SeriesBatcher batcher, Counter bodies, PointAgeLimit ageLimit) {
            this.out = out;
            this.ownsStream = ownsStream;
            this.batcher = batcher;
            this.bodies = bodies;
            this.ageLimit = ageLimit;
        }

        /** Every body is written, old points included: the count only says what Datadog would drop. */
        @Override
        public void write(MetricSeries series, Context context) throws IOException {
            points++;
            ageLimit.tooOld(series.timestamp, System.currentTimeMillis());
            writeBody(batcher.add(encoder.encodeSeries(series)));
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            writeBody(batcher.drain());
        }

        private void writeBody(byte[] body) throws IOException {
            if (body == null) return;
            synchronized (out) { // stdout is shared with other writers in a local run
                out.write(body);
                out.write('\n');
                out.flush();
            }
            bodies.inc();
        }

        @Override
        public void close() throws IOException {
            if (ageLimit.total() > 0) {
                LOG.warn(
                        "{} of the {} points written are older than 1h: Datadog would drop them unless historical"
                                + " metrics ingestion is enabled for aws.vpc.flowlogs.* (then give"
                                + " --historical-ingestion; without it the Datadog sink holds them back)",
                        ageLimit.total(),
                        points);
            }
            if (ownsStream) {
                out.close();
            } else if (out instanceof PrintStream p) {
                p.flush();
            }
        }
    }
}
