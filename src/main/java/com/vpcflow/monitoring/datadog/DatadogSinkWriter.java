package com.vpcflow.monitoring.datadog;

import com.vpcflow.monitoring.metrics.MetricNames;
import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.observability.SkipReporter;
import com.vpcflow.monitoring.secrets.ApiKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers batches of series to Datadog's v2 intake: compressed ({@link BodyEncoding}, off the task thread), POST
 * ({@link DatadogIntakeClient}), then what {@link ResponsePolicy} says: done, split (over 512,000 compressed bytes
 * or 413), retry after an exponential, jittered delay or the server's hint while the batch keeps its in-flight slot
 * (so a failing intake back-pressures the job instead of filling memory), drop (400: logged and counted), or fail the
 * job. A batch still failing after {@code datadog-max-retry-time} fails the job, which restarts from its last
 * checkpoint: nothing is lost.
 */
public final class DatadogSinkWriter extends AsyncSinkWriter<MetricSeries, SeriesEntry> {
    private static final Logger LOG = LoggerFactory.getLogger(DatadogSinkWriter.class);
    /** Datadog's documented limit on a (compressed) v2 series request. */
    public static final int MAX_COMPRESSED_BYTES = 512_000;

    private final DatadogSinkSettings settings;
    private final DatadogIntakeClient client;
    private final Backoff backoff;
    private final ScheduledExecutorService retryTimer;
    private final ExecutorService compressor;
    private final DeliveryMetrics metrics;
    private final PointAgeLimit ageLimit;
    /** One count per subtask and minute: subtasks' counts for the same minute add up instead of overwriting. */
    private final String[] tooOldTags;

    DatadogSinkWriter(
            Sink.InitContext context,
            AsyncSinkWriterConfiguration config,
            DatadogSinkSettings settings,
            ApiKey key,
            Collection<BufferedRequestState<SeriesEntry>> states) {
        super(new SeriesEntryConverter(), context, config, states);
        this.settings = settings;
        this.client = new DatadogIntakeClient(settings, key);
        this.backoff = new Backoff(settings.retryBackoff(), Duration.ofSeconds(60), context.getSubtaskId());
        this.retryTimer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "datadog-retry"));
        this.compressor = Executors.newSingleThreadExecutor(r -> daemon(r, "datadog-compress"));
        this.metrics = new DeliveryMetrics(context.metricGroup());
        this.ageLimit = new PointAgeLimit(
                DatadogSinkSettings.MAX_POINT_AGE,
                context.metricGroup().counter("pointsTooOld"),
                System.currentTimeMillis());
        this.tooOldTags = new String[] {"subtask:" + context.getSubtaskId()};
        settings.encoding().checkUsable();
        if (settings.validateKey()) client.checkKey();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Points Datadog would drop (older than 1h) are counted and held back, unless historical ingestion is on. Once a
     * minute at most, the count since the last report goes out as a point of its own (now, so Datadog keeps it) and as
     * a WARN line; the rest when the input ends.
     */
    @Override
    public void write(MetricSeries series, Context context) throws IOException, InterruptedException {
        long now = System.currentTimeMillis();
        if (!settings.historicalIngestion() && ageLimit.tooOld(series.timestamp, now)) {
            reportTooOld(ageLimit.due(now, false), now, context);
            return;
        }
        super.write(series, context);
    }

    @Override
    public void flush(boolean endOfInput) throws InterruptedException {
        if (endOfInput) {
            long now = System.currentTimeMillis();
            try {
                reportTooOld(ageLimit.due(now, true), now, null);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        super.flush(endOfInput);
    }

    private void reportTooOld(Long held, long nowMillis, Context context) throws IOException, InterruptedException {
        if (held == null) return;
        LOG.warn(
                "held back {} points older than 1h ({} in all): Datadog drops them unless historical metrics"
                        + " ingestion is enabled for aws.vpc.flowlogs.*; then give --historical-ingestion",
                held,
                ageLimit.total());
        long minute = nowMillis / 60_000 * 60;
        super.write(
                new MetricSeries(MetricNames.POINTS_TOO_OLD, MetricSeries.COUNT, 60, tooOldTags, minute, held),
                context);
    }

    @Override
    protected void submitRequestEntries(List<SeriesEntry> entries, Consumer<List<SeriesEntry>> requestToRetry) {
        deliver(entries).whenComplete((result, error) -> {
            if (error != null) {
                Throwable cause = unwrap(error);
                Exception e = cause instanceof Exception ex ? ex : new RuntimeException(cause);
                // a refused key or a wrong URL stays so after a restart: end the job; anything else restarts it
                getFatalExceptionCons().accept(cause instanceof DatadogFatalException ? FatalErrors.endTheJob(e) : e);
                return;
            }
            if (result.retry().isEmpty()) {
                requestToRetry.accept(List.of());
                return;
            }
            long delay = backoff.delayMillis(System.currentTimeMillis() - failingSince(result.retry()), result.hint());
            metrics.retrying(result.retry().size());
            retryTimer.schedule(() -> requestToRetry.accept(result.retry()), delay, TimeUnit.MILLISECONDS);
        });
    }

    @Override
    protected long getSizeInBytes(SeriesEntry entry) {
        return entry.json().length;
    }

    /** What is left to retry after one attempt, and the server's hint of when. */
    private record Outcome(List<SeriesEntry> retry, Duration hint) {
        static final CompletableFuture<Outcome> DONE = CompletableFuture.completedFuture(new Outcome(List.of(), null));

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
        return CompletableFuture.supplyAsync(() -> compress(entries), compressor)
                .thenCompose(body -> {
                    if (body.length > MAX_COMPRESSED_BYTES) {
                        return split(
                                entries,
                                "its " + settings.encoding().header() + " body is " + body.length
                                        + " bytes, over Datadog's " + MAX_COMPRESSED_BYTES);
                    }
                    return send(entries, body);
                });
    }

    private CompletableFuture<Outcome> send(List<SeriesEntry> entries, byte[] body) {
        long start = System.nanoTime();
        metrics.sent(body.length);
        return client.postSeries(body)
                .handle((response, ioError) -> {
                    metrics.answered(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                    return response != null
                            ? response
                            : new IntakeResponse(ResponsePolicy.NO_RESPONSE, describe(ioError), null);
                })
                .thenCompose(r -> act(entries, r));
    }

    private CompletableFuture<Outcome> act(List<SeriesEntry> entries, IntakeResponse r) {
        int status = r.status();
        ResponsePolicy.Action action = ResponsePolicy.classify(status);
        if (action != ResponsePolicy.Action.DONE) metrics.failed(status);
        return switch (action) {
            case DONE -> {
                metrics.delivered(entries.size());
                yield Outcome.DONE;
            }
            case SPLIT -> split(entries, "the intake answered 413");
            case RETRY -> retryLater(
                    entries, status == ResponsePolicy.NO_RESPONSE ? r.body() : "HTTP " + status, r.retryAfter());
            case DROP -> {
                drop(entries, "HTTP 400: " + SkipReporter.abbreviate(r.body(), 500));
                yield Outcome.DONE;
            }
            case FAIL_KEY_REJECTED -> CompletableFuture.failedFuture(client.keyRejected(status));
            case FAIL -> CompletableFuture.failedFuture(new DatadogFatalException("Datadog intake at "
                    + settings.seriesUrl() + " answered HTTP " + status + ": check --datadog-site / --datadog-url"));
        };
    }

    private CompletableFuture<Outcome> split(List<SeriesEntry> entries, String why) {
        if (entries.size() == 1) {
            drop(entries, "a single series is too large (" + why + ")");
            return Outcome.DONE;
        }
        int half = entries.size() / 2;
        List<SeriesEntry> left = new ArrayList<>(entries.subList(0, half));
        List<SeriesEntry> right = new ArrayList<>(entries.subList(half, entries.size()));
        return deliver(left).thenCombine(deliver(right), Outcome::plus);
    }

    private CompletableFuture<Outcome> retryLater(List<SeriesEntry> entries, String reason, Duration hint) {
        long now = System.currentTimeMillis();
        for (SeriesEntry e : entries) e.markFailed(now);
        if (now - failingSince(entries) > settings.maxRetryTime().toMillis()) {
            return CompletableFuture.failedFuture(new DatadogUnavailableException("Datadog intake at "
                    + settings.seriesUrl()
                    + " kept failing for longer than --datadog-max-retry-time (" + settings.maxRetryTime() + "); last: "
                    + reason));
        }
        LOG.debug("Retrying {} series after {}", entries.size(), reason);
        return CompletableFuture.completedFuture(new Outcome(entries, hint));
    }

    /** When the longest-failing of these (each marked failed) first failed, epoch millis. */
    private static long failingSince(List<SeriesEntry> entries) {
        long oldest = Long.MAX_VALUE;
        for (SeriesEntry e : entries) oldest = Math.min(oldest, e.firstFailureMillis());
        return oldest;
    }

    private void drop(List<SeriesEntry> entries, String why) {
        metrics.dropped(entries.size());
        String sample = SkipReporter.abbreviate(new String(entries.get(0).json(), StandardCharsets.UTF_8), 1000);
        LOG.warn("Datadog refused {} series, dropped ({}); first: {}", entries.size(), why, sample);
    }

    private byte[] compress(List<SeriesEntry> entries) {
        List<byte[]> fragments = new ArrayList<>(entries.size());
        for (SeriesEntry e : entries) fragments.add(e.json());
        return settings.encoding().encode(fragments, settings.gzipLevel());
    }

    /** The failure a future completed with, without the CompletionException around it. */
    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private static String describe(Throwable t) {
        Throwable c = unwrap(t);
        return "no response (" + c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage())
                + ")";
    }

    @Override
    public void close() {
        super.close();
        retryTimer.shutdownNow();
        compressor.shutdownNow();
    }
}
