package com.vpcflow.monitoring.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Datadog intake on loopback that accepts every key and every series request (202) and keeps nothing: it reads
 * each (compressed) body to the end and counts requests and bytes, so that what the benchmark measures is the job's sink.
 */
final class DiscardingIntake implements AutoCloseable {
    private final HttpServer server;
    /** Enough for every writer's requests in flight at once (2 subtasks x up to 16), each waiting out its delay. */
    private final ExecutorService threads = Executors.newFixedThreadPool(32);

    final AtomicLong requests = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    /** How long each series request waits for its answer: a round trip to Datadog, which loopback does not have. */
    private volatile long answerDelayMillis;

    DiscardingIntake() throws IOException {
        // The JDK's server leaves Nagle on by default: its response headers and body, written apart, then wait for the
        // client's delayed ACK, about 40 ms a request on loopback, and the sink would be measured against that.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex;
                InputStream body = ex.getRequestBody()) {
            byte[] buffer = new byte[64 * 1024];
            long n = 0;
            for (int r; (r = body.read(buffer)) >= 0; ) n += r;
            boolean series = ex.getRequestURI().getPath().equals("/api/v2/series");
            if (series) {
                requests.incrementAndGet();
                bytes.addAndGet(n);
                long delay = answerDelayMillis;
                if (delay > 0) sleep(delay);
            }
            byte[] answer = (series ? "{\"errors\":[]}" : "{\"valid\":true}").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(series ? 202 : 200, answer.length);
            ex.getResponseBody().write(answer);
        }
    }

    /** From now on, each series request is answered {@code millis} after it arrived (0: at once). */
    void answerAfter(long millis) {
        answerDelayMillis = millis;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
