package com.vpcflow.monitoring.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdInputStream;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.vpcflow.monitoring.metrics.MetricSeries;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * A local stand-in for Datadog's intake that enforces its documented contract for {@code POST /api/v2/series}: the
 * {@code DD-API-KEY} header (403 otherwise), no key in the URL, JSON content type, gzip or zstd1, at most 512,000 compressed
 * and 5,242,880 decompressed bytes (413), and the v2 schema (400). {@code GET /api/v1/validate} checks the key. It can
 * be scripted to answer differently, delay, or drop the connection, and it records every request.
 */
public final class DatadogIntake implements AutoCloseable {
    public static final int MAX_COMPRESSED = 512_000;
    public static final int MAX_DECOMPRESSED = 5_242_880;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The {@code Content-Encoding}s the v2 series endpoint documents that the job sends (not {@code deflate}). */
    private static final List<String> ENCODINGS = List.of("gzip", "zstd1");

    /** What to do with one request instead of judging it. */
    public record Action(int status, long delayMillis, boolean dropConnection, Map<String, String> headers) {
        public static Action status(int status) {
            return new Action(status, 0, false, Map.of());
        }

        public static Action status(int status, Map<String, String> headers) {
            return new Action(status, 0, false, headers);
        }

        public static Action delay(long millis) {
            return new Action(0, millis, false, Map.of());
        }

        public static Action drop() {
            return new Action(0, 0, true, Map.of());
        }
    }

    /** One request as received, and what it was answered. */
    public record Request(
            String method,
            String path,
            String query,
            Map<String, List<String>> headers,
            int compressedBytes,
            byte[] body,
            List<MetricSeries> series,
            int status,
            long arrivedNanos) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) return e.getValue().get(0);
            }
            return null;
        }
    }

    private static final ThreadLocal<Long> ARRIVED = ThreadLocal.withInitial(System::nanoTime);

    private final HttpServer server;
    private final String apiKey;
    private final ConcurrentLinkedQueue<Action> script = new ConcurrentLinkedQueue<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile int maxCompressed = MAX_COMPRESSED;
    /** Series requests being handled now, and the most there were at once. */
    private final AtomicInteger seriesInFlight = new AtomicInteger(), mostSeriesInFlight = new AtomicInteger();

    public DatadogIntake(String apiKey) throws IOException {
        this.apiKey = apiKey;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next requests to /api/v2/series get these answers, in order; then the contract decides again. */
    public DatadogIntake then(Action... actions) {
        script.addAll(List.of(actions));
        return this;
    }

    /** Lower the compressed-size limit, to exercise 413 handling with small data. */
    public void setMaxCompressed(int bytes) {
        this.maxCompressed = bytes;
    }

    /** The most requests to /api/v2/series that were being handled at the same time. */
    public int mostConcurrentSeriesRequests() {
        return mostSeriesInFlight.get();
    }

    public List<Request> requests() {
        synchronized (requests) {
            return new ArrayList<>(requests);
        }
    }

    /** Every series of every request answered 202. */
    public List<MetricSeries> accepted() {
        List<MetricSeries> out = new ArrayList<>();
        for (Request r : requests()) {
            if (r.status() == 202) out.addAll(r.series());
        }
        return out;
    }

    private void handle(HttpExchange ex) throws IOException {
        long arrived = System.nanoTime();
        ARRIVED.set(arrived);
        try (ex) {
            byte[] raw = ex.getRequestBody().readAllBytes();
            String path = ex.getRequestURI().getPath();
            String query = ex.getRequestURI().getRawQuery();
            Map<String, List<String>> headers = Map.copyOf(ex.getRequestHeaders());
            if (path.equals("/api/v1/validate") && ex.getRequestMethod().equals("GET")) {
                boolean ok = apiKey.equals(ex.getRequestHeaders().getFirst("DD-API-KEY"));
                record(ex, raw.length, new byte[0], List.of(), ok ? 200 : 403, headers);
                respond(ex, ok ? 200 : 403, ok ? "{\"valid\":true}" : "{\"errors\":[\"Forbidden\"]}", Map.of());
                return;
            }
            if (!path.equals("/api/v2/series") || !ex.getRequestMethod().equals("POST")) {
                record(ex, raw.length, raw, List.of(), 404, headers);
                respond(ex, 404, "{\"errors\":[\"Not found\"]}", Map.of());
                return;
            }
            mostSeriesInFlight.accumulateAndGet(seriesInFlight.incrementAndGet(), Math::max);
            try {
                answerSeries(ex, raw, headers);
            } finally {
                seriesInFlight.decrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void answerSeries(HttpExchange ex, byte[] raw, Map<String, List<String>> headers)
            throws IOException, InterruptedException {
        Action action = script.poll();
        if (action != null) {
            if (action.delayMillis() > 0) Thread.sleep(action.delayMillis());
            if (action.dropConnection()) {
                record(ex, raw.length, new byte[0], List.of(), -1, headers);
                ex.getHttpContext().getServer(); // nothing sent: closing the exchange drops the connection
                return;
            }
            if (action.status() != 0) {
                record(ex, raw.length, new byte[0], List.of(), action.status(), headers);
                respond(ex, action.status(), "{\"errors\":[\"scripted " + action.status() + "\"]}", action.headers());
                return;
            }
        }
        judge(ex, raw, headers);
    }

    private void judge(HttpExchange ex, byte[] raw, Map<String, List<String>> headers) throws IOException {
        String query = ex.getRequestURI().getRawQuery();
        if (!apiKey.equals(ex.getRequestHeaders().getFirst("DD-API-KEY"))
                || (query != null && query.contains("api_key"))) {
            record(ex, raw.length, new byte[0], List.of(), 403, headers);
            respond(ex, 403, "{\"errors\":[\"Forbidden\"]}", Map.of());
            return;
        }
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        String encoding = ex.getRequestHeaders().getFirst("Content-Encoding");
        if (type == null || !type.startsWith("application/json") || !ENCODINGS.contains(encoding)) {
            record(ex, raw.length, new byte[0], List.of(), 400, headers);
            respond(ex, 400, "{\"errors\":[\"expected gzip or zstd1 JSON\"]}", Map.of());
            return;
        }
        if (raw.length > maxCompressed) {
            record(ex, raw.length, new byte[0], List.of(), 413, headers);
            respond(ex, 413, "{\"errors\":[\"Payload too large\"]}", Map.of());
            return;
        }
        byte[] body;
        try (InputStream in = "gzip".equals(encoding)
                ? new GZIPInputStream(new ByteArrayInputStream(raw))
                : new ZstdInputStream(new ByteArrayInputStream(raw))) {
            body = in.readNBytes(MAX_DECOMPRESSED + 1);
        } catch (IOException e) {
            record(ex, raw.length, new byte[0], List.of(), 400, headers);
            respond(ex, 400, "{\"errors\":[\"bad " + encoding + "\"]}", Map.of());
            return;
        }
        if (body.length > MAX_DECOMPRESSED - 1) { // "less than 5 megabytes (5242880 bytes)"
            record(ex, raw.length, new byte[0], List.of(), 413, headers);
            respond(ex, 413, "{\"errors\":[\"Payload too large\"]}", Map.of());
            return;
        }
        List<MetricSeries> series;
        try {
            series = parseStrict(body);
        } catch (IOException | RuntimeException e) {
            record(ex, raw.length, body, List.of(), 400, headers);
            respond(ex, 400, "{\"errors\":[\"" + e.getMessage().replace('"', '\'') + "\"]}", Map.of());
            return;
        }
        record(ex, raw.length, body, series, 202, headers);
        respond(ex, 202, "{\"errors\":[]}", Map.of());
    }

    /** The v2 schema: metric, type 0-3, points with integer timestamp and numeric value, optional interval and tags. */
    static List<MetricSeries> parseStrict(byte[] body) throws IOException {
        JsonNode root = JSON.readTree(body);
        JsonNode series = root == null ? null : root.get("series");
        if (series == null || !series.isArray() || series.isEmpty())
            throw new IOException("series must be a non-empty array");
        List<MetricSeries> out = new ArrayList<>();
        for (JsonNode s : series) {
            JsonNode metric = s.get("metric"), type = s.get("type"), points = s.get("points"), tags = s.get("tags");
            if (metric == null || !metric.isTextual() || metric.asText().isEmpty())
                throw new IOException("metric is required");
            if (type != null && (!type.isInt() || type.asInt() < 0 || type.asInt() > 3))
                throw new IOException("type must be 0-3");
            if (s.has("interval") && !s.get("interval").canConvertToLong())
                throw new IOException("interval must be an integer");
            if (points == null || !points.isArray() || points.isEmpty()) throw new IOException("points are required");
            String[] tagArray = new String[tags == null ? 0 : tags.size()];
            for (int i = 0; i < tagArray.length; i++) {
                if (!tags.get(i).isTextual()) throw new IOException("tags must be strings");
                tagArray[i] = tags.get(i).asText();
            }
            for (JsonNode p : points) {
                if (!p.has("timestamp")
                        || !p.get("timestamp").canConvertToLong()
                        || !p.get("timestamp").isIntegralNumber()) {
                    throw new IOException("timestamp must be an integer");
                }
                if (!p.has("value") || !p.get("value").isNumber()) throw new IOException("value must be a number");
                out.add(new MetricSeries(
                        metric.asText(),
                        type == null ? 0 : type.asInt(),
                        s.has("interval") ? s.get("interval").asLong() : 0,
                        tagArray,
                        p.get("timestamp").asLong(),
                        p.get("value").asDouble()));
            }
        }
        return out;
    }

    private void record(
            HttpExchange ex,
            int compressed,
            byte[] body,
            List<MetricSeries> series,
            int status,
            Map<String, List<String>> headers) {
        requests.add(new Request(
                ex.getRequestMethod(),
                ex.getRequestURI().getPath(),
                ex.getRequestURI().getRawQuery(),
                headers,
                compressed,
                body,
                series,
                status,
                ARRIVED.get()));
    }

    private static void respond(HttpExchange ex, int status, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    public static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz));
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
