package com.vpcflow.monitoring.datadog;

import com.vpcflow.monitoring.secrets.ApiKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP to Datadog's intake with the JDK client: gzip series bodies to {@code /api/v2/series} and the key check at
 * {@code /api/v1/validate}. The key travels only in the {@code DD-API-KEY} header, never in a URL.
 */
final class DatadogIntakeClient {
    private final HttpClient http;
    private final URI seriesUrl;
    private final URI validateUrl;
    private final ApiKey key;
    private final Duration requestTimeout;

    DatadogIntakeClient(URI seriesUrl, URI validateUrl, ApiKey key, Duration requestTimeout) {
        this.seriesUrl = seriesUrl;
        this.validateUrl = validateUrl;
        this.key = key;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                // h2 over TLS to Datadog; plain HTTP/1.1 to a local intake (no h2c upgrade dance)
                .version("https".equals(seriesUrl.getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Completes with the response whatever its status; exceptionally only when no response came (I/O, timeout). */
    CompletableFuture<IntakeResponse> postSeries(byte[] gzipBody) {
        HttpRequest request = HttpRequest.newBuilder(seriesUrl)
                .timeout(requestTimeout)
                .header("DD-API-KEY", key.headerValue())
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gzipBody))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(r -> new IntakeResponse(r.statusCode(), r.body(), retryHint(r)));
    }

    IntakeResponse validate() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(validateUrl)
                .timeout(requestTimeout)
                .header("DD-API-KEY", key.headerValue())
                .GET()
                .build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new IntakeResponse(r.statusCode(), r.body(), null);
    }

    static Duration retryHint(HttpResponse<?> r) {
        Optional<String> retryAfter = r.headers().firstValue("Retry-After");
        if (retryAfter.isPresent()) {
            String v = retryAfter.get().trim();
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
            } catch (NumberFormatException notSeconds) {
                try {
                    Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
                    return d.isNegative() ? Duration.ZERO : d;
                } catch (RuntimeException notADate) {
                    // ignore a hint we cannot read
                }
            }
        }
        Optional<String> reset = r.headers().firstValue("X-RateLimit-Reset");
        if (reset.isPresent()) {
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(reset.get().trim())));
            } catch (NumberFormatException ignored) {
                // ignore
            }
        }
        return null;
    }
}
