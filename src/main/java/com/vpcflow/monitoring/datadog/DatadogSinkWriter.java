package com.vpcflow.monitoring.datadog;

import com.vpcflow.monitoring.ProgressCounter;
import com.vpcflow.monitoring.config.DatadogSettings;
import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.secrets.ApiKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers batches of series to Datadog's v2 intake. Per batch: gzip (off the task thread); over 512,000 compressed
 * bytes or answered 413 -> split in halves; 202 -> done; 408/429/5xx/no answer -> the batch goes back to the
 * writer after an exponential, jittered delay (or the server's hint) while it keeps its in-flight slot, so a failing
 * intake back-pressures the job instead of filling memory; 400 -> logged and counted as dropped; 401/403 -> the job
 * fails ("Datadog rejected the API key"). A batch still failing after {@code datadog-max-retry-time} fails the job,
 * which restarts from its last checkpoint: nothing is lost.
 */
public final class DatadogSinkWriter extends AsyncSinkWriter<MetricSeries, SeriesEntry> {
    private static final Logger LOG = LoggerFactory.getLogger(DatadogSinkWriter.class);
    /** Datadog's documented limit on a (compressed) v2 series request. */
    public static final int MAX_COMPRESSED_BYTES = 512_000;

    private final DatadogSettings settings;
    private final DatadogIntakeClient client;
    private final Backoff backoff;
    private final ScheduledExecutorService retryTimer;
    private final ExecutorService compressor;
    private final MetricGroup metrics;
    private final Counter requestsSent, seriesSent, bytesSent, retries, droppedSeries, bodies;
    private final Histogram latencyMillis;
    private final Map<Integer, Counter> failuresByStatus = new ConcurrentHashMap<>();

    DatadogSinkWriter(Sink.InitContext context, AsyncSinkWriterConfiguration config, DatadogSettings settings, ApiKey key,
                      Collection<BufferedRequestState<SeriesEntry>> states) {
        super(new SeriesEntryConverter(), context, config, states);
        this.settings = settings;
        this.client = new DatadogIntakeClient(settings.seriesUrl(), settings.validateUrl(), key, settings.requestTimeout());
        this.backoff = new Backoff(settings.retryBackoff(), Duration.ofSeconds(60), context.getSubtaskId());
        this.retryTimer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "datadog-retry"));
        this.compressor = Executors.newSingleThreadExecutor(r -> daemon(r, "datadog-gzip"));
        this.metrics = context.metricGroup().addGroup("datadog");
        this.requestsSent = metrics.counter("requestsSent", new ThreadSafeSimpleCounter());
        this.seriesSent = metrics.counter("seriesSent", new ThreadSafeSimpleCounter());
        this.bytesSent = metrics.counter("bytesSent", new ThreadSafeSimpleCounter());
        this.retries = metrics.counter("retries", new ThreadSafeSimpleCounter());
        this.droppedSeries = metrics.counter("droppedSeries", new ThreadSafeSimpleCounter());
        this.latencyMillis = metrics.histogram("requestLatencyMillis", new DescriptiveStatisticsHistogram(1000));
        this.bodies = new ProgressCounter(ProgressCounter.Kind.BODIES);
        if (settings.validateKey()) validateKey();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Once per writer, on the task manager: a rejected key fails fast instead of at the first window. */
    private void validateKey() {
        IntakeResponse r;
        try {
            r = client.validate();
        } catch (IOException e) {
            LOG.warn("Could not check the Datadog API key at {} ({}); going on, deliveries will retry", settings.validateUrl(),
                    e.getClass().getSimpleName());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (r.status() == 401 || r.status() == 403) {
            throw keyRejected(r.status());
        }
        if (r.status() != 200) {
            LOG.warn("Datadog key check at {} answered HTTP {}; going on", settings.validateUrl(), r.status());
        }
    }

    private DatadogFatalException keyRejected(int status) {
        return new DatadogFatalException("Datadog rejected the API key for site " + settings.site() + " (HTTP " + status
                + " from " + settings.baseUrl() + "): check the key and --datadog-site");
    }

    @Override
    protected void submitRequestEntries(List<SeriesEntry> entries, Consumer<List<SeriesEntry>> requestToRetry) {
        deliver(entries).whenComplete((result, error) -> {
            if (error != null) {
                Throwable cause = unwrap(error);
                getFatalExceptionCons().accept(cause instanceof Exception e ? e : new RuntimeException(cause));
                return;
            }
            if (result.retry().isEmpty()) {
                backoff.reset();
                requestToRetry.accept(List.of());
                return;
            }
            long delay = backoff.nextDelayMillis(result.hint());
            retries.inc(result.retry().size());
            retryTimer.schedule(() -> requestToRetry.accept(result.retry()), delay, TimeUnit.MILLISECONDS);
        });
    }

    @Override
    protected long getSizeInBytes(SeriesEntry entry) {
        return entry.json().length;
    }

    /** What is left to retry after one attempt, and the server's hint of when. */
    private record Outcome(List<SeriesEntry> retry, Duration hint) {
        static final Outcome DONE = new Outcome(List.of(), null);

        Outcome plus(Outcome o) {
            if (retry.isEmpty()) return o;
            if (o.retry.isEmpty()) return this;
            List<SeriesEntry> all = new ArrayList<>(retry);
            all.addAll(o.retry);
            Duration h = hint == null ? o.hint : o.hint == null ? hint : (hint.compareTo(o.hint) >= 0 ? hint : o.hint);
            return new Outcome(all, h);
        }
    }

    private CompletableFuture<Outcome> deliver(List<SeriesEntry> entries) {
        return CompletableFuture.supplyAsync(() -> gzip(entries), compressor).thenCompose(gz -> {
            if (gz.length > MAX_COMPRESSED_BYTES) {
                return split(entries, "its gzip body is " + gz.length + " bytes, over Datadog's " + MAX_COMPRESSED_BYTES);
            }
            return send(entries, gz);
        });
    }

    private CompletableFuture<Outcome> send(List<SeriesEntry> entries, byte[] gz) {
        long start = System.nanoTime();
        requestsSent.inc();
        bytesSent.inc(gz.length);
        return client.postSeries(gz).handle((response, ioError) -> {
            latencyMillis.update(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            return response != null ? response : new IntakeResponse(-1, describe(ioError), null);
        }).thenCompose(r -> outcome(entries, r));
    }

    private CompletableFuture<Outcome> outcome(List<SeriesEntry> entries, IntakeResponse r) {
        int status = r.status();
        if (status >= 200 && status < 300) {
            seriesSent.inc(entries.size());
            bodies.inc();
            return CompletableFuture.completedFuture(Outcome.DONE);
        }
        failuresByStatus.computeIfAbsent(status, s -> metrics.addGroup("status", s < 0 ? "no_response" : Integer.toString(s))
                .counter("failures", new ThreadSafeSimpleCounter())).inc();
        if (status == 413) {
            return split(entries, "the intake answered 413");
        }
        if (status == -1 || status == 408 || status == 429 || status >= 500) {
            return retryLater(entries, status < 0 ? r.body() : "HTTP " + status, r.retryAfter());
        }
        if (status == 400) {
            drop(entries, "HTTP 400: " + abbreviate(r.body(), 500));
            return CompletableFuture.completedFuture(Outcome.DONE);
        }
        if (status == 401 || status == 403) {
            return CompletableFuture.failedFuture(keyRejected(status));
        }
        return CompletableFuture.failedFuture(new DatadogFatalException("Datadog intake at " + settings.seriesUrl()
                + " answered HTTP " + status + ": check --datadog-site / --datadog-url"));
    }

    private CompletableFuture<Outcome> split(List<SeriesEntry> entries, String why) {
        if (entries.size() == 1) {
            drop(entries, "a single series is too large (" + why + ")");
            return CompletableFuture.completedFuture(Outcome.DONE);
        }
        int half = entries.size() / 2;
        List<SeriesEntry> left = new ArrayList<>(entries.subList(0, half));
        List<SeriesEntry> right = new ArrayList<>(entries.subList(half, entries.size()));
        return deliver(left).thenCombine(deliver(right), Outcome::plus);
    }

    private CompletableFuture<Outcome> retryLater(List<SeriesEntry> entries, String reason, Duration hint) {
        long now = System.currentTimeMillis();
        long oldest = now;
        for (SeriesEntry e : entries) {
            e.markFailed(now);
            oldest = Math.min(oldest, e.firstFailureMillis());
        }
        if (now - oldest > settings.maxRetryTime().toMillis()) {
            return CompletableFuture.failedFuture(new DatadogFatalException("Datadog intake at " + settings.seriesUrl()
                    + " kept failing for longer than --datadog-max-retry-time (" + settings.maxRetryTime() + "); last: " + reason));
        }
        LOG.debug("Retrying {} series after {}", entries.size(), reason);
        return CompletableFuture.completedFuture(new Outcome(entries, hint));
    }

    private void drop(List<SeriesEntry> entries, String why) {
        droppedSeries.inc(entries.size());
        String sample = abbreviate(new String(entries.get(0).json(), StandardCharsets.UTF_8), 1000);
        LOG.warn("Datadog refused {} series, dropped ({}); first: {}", entries.size(), why, sample);
    }

    private static byte[] gzip(List<SeriesEntry> entries) {
        List<byte[]> fragments = new ArrayList<>(entries.size());
        for (SeriesEntry e : entries) fragments.add(e.json());
        byte[] body = SeriesRequestEncoder.body(fragments);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 8 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The failure a future completed with, without the CompletionException around it. */
    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private static String describe(Throwable t) {
        Throwable c = unwrap(t);
        return "no response (" + c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage()) + ")";
    }

    private static String abbreviate(String s, int max) {
        if (s == null) return "";
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    @Override
    public void close() {
        super.close();
        retryTimer.shutdownNow();
        compressor.shutdownNow();
    }
}
