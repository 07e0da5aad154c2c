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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP to Datadog's intake with the JDK client: compressed series bodies to {@code /api/v2/series} and the key check at
 * {@code /api/v1/validate}. The key travels only in the {@code DD-API-KEY} header, never in a URL.
 */
final class DatadogIntakeClient {
    private static final Logger LOG = LoggerFactory.getLogger(DatadogIntakeClient.class);

    private final HttpClient http;
    private final DatadogSinkSettings settings;
    private final URI seriesUrl;
    private final ApiKey key;
    private final Duration requestTimeout;

    DatadogIntakeClient(DatadogSinkSettings settings, ApiKey key) {
        this.settings = settings;
        this.seriesUrl = settings.seriesUrl();
        this.key = key;
        this.requestTimeout = settings.requestTimeout();
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                // h2 over TLS to Datadog; plain HTTP/1.1 to a local intake (no h2c upgrade dance)
                .version(
                        "https".equals(seriesUrl.getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Completes with the response whatever its status; exceptionally only when no response came (I/O, timeout). */
    CompletableFuture<IntakeResponse> postSeries(byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(seriesUrl)
                .timeout(requestTimeout)
                .header("DD-API-KEY", key.headerValue())
                .header("Content-Type", "application/json")
                .header("Content-Encoding", settings.encoding().header())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(r -> new IntakeResponse(r.statusCode(), r.body(), retryHint(r)));
    }

    /**
     * Checks the key once, so a rejected key fails the writer when it opens instead of at the first window.
     *
     * @throws DatadogFatalException when the intake refuses the key; any other answer, or none, is logged and the
     *     deliveries' own handling takes over
     */
    void checkKey() {
        HttpRequest request = HttpRequest.newBuilder(settings.validateUrl())
                .timeout(requestTimeout)
                .header("DD-API-KEY", key.headerValue())
                .GET()
                .build();
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            LOG.warn(
                    "Could not check the Datadog API key at {} ({}); going on, deliveries will retry",
                    settings.validateUrl(),
                    e.getClass().getSimpleName());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (ResponsePolicy.keyRejected(status)) throw keyRejected(status);
        if (status != 200)
            LOG.warn("Datadog key check at {} answered HTTP {}; going on", settings.validateUrl(), status);
    }

    DatadogFatalException keyRejected(int status) {
        return new DatadogFatalException("Datadog rejected the API key for site " + settings.site() + " (HTTP " + status
                + " from " + settings.baseUrl() + "): check the key and --datadog-site");
    }

    static Duration retryHint(HttpResponse<?> r) {
        Optional<String> retryAfter = r.headers().firstValue("Retry-After");
        if (retryAfter.isPresent()) {
            String v = retryAfter.get().trim();
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
            } catch (NumberFormatException notSeconds) {
                try {
                    Duration d = Duration.between(
                            ZonedDateTime.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
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
