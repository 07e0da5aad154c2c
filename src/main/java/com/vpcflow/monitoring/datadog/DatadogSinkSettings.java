package com.vpcflow.monitoring.datadog;

import com.vpcflow.monitoring.secrets.ApiKeySettings;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Where and how series are delivered to Datadog's v2 intake. {@link #forSite} fills in the
 * {@code DatadogSinkBuilder.DEFAULT_*} values; the job's configuration sets each from its own setting.
 *
 * @param site one of {@link #SITES}
 * @param baseUrl {@code https://api.<site>}, or a proxy (see {@link #checkBaseUrl})
 * @param maxBatchSeries series per request body
 * @param flushInterval longest a series waits in the sink's buffer
 * @param maxRetryTime how long a batch may keep failing before the job fails (and restarts from its checkpoint)
 * @param retryBackoff first retry delay; doubles, with jitter, up to a minute
 * @param encoding how request bodies are compressed
 * @param gzipLevel deflate level of gzip bodies, 1 (fastest) to 9
 * @param validateKey whether the key is checked when a writer opens
 * @param historicalIngestion whether points older than {@link #MAX_POINT_AGE} are sent (Datadog keeps them only when
 *     historical metrics ingestion is enabled for the metrics); if not, the writer counts them and holds them back
 */
public record DatadogSinkSettings(
        String site,
        URI baseUrl,
        int maxBatchSeries,
        Duration flushInterval,
        Duration maxRetryTime,
        Duration retryBackoff,
        Duration requestTimeout,
        int maxInFlightRequests,
        BodyEncoding encoding,
        int gzipLevel,
        boolean validateKey,
        boolean historicalIngestion,
        ApiKeySettings apiKey)
        implements Serializable {

    /** Datadog's documented sites (the host of the site's web app, without {@code app.}). */
    public static final List<String> SITES = List.of(
            "datadoghq.com",
            "us3.datadoghq.com",
            "us5.datadoghq.com",
            "datadoghq.eu",
            "ap1.datadoghq.com",
            "ap2.datadoghq.com",
            "uk1.datadoghq.com",
            "ddog-gov.com",
            "us2.ddog-gov.com");

    /** Datadog's v2 intake drops points older than this unless historical metrics ingestion is enabled. */
    public static final Duration MAX_POINT_AGE = Duration.ofHours(1);

    /** What a base URL may be, for error messages. */
    public static final String ACCEPTED_URL = "an https URL (http only to a loopback address)";

    /** The defaults for a site, with the key from {@code apiKey}. */
    public static DatadogSinkSettings forSite(String site, ApiKeySettings apiKey) {
        return new DatadogSinkSettings(
                site,
                siteUrl(site),
                DatadogSinkBuilder.DEFAULT_MAX_BATCH_SERIES,
                DatadogSinkBuilder.DEFAULT_FLUSH_INTERVAL,
                DatadogSinkBuilder.DEFAULT_MAX_RETRY_TIME,
                DatadogSinkBuilder.DEFAULT_RETRY_BACKOFF,
                DatadogSinkBuilder.DEFAULT_REQUEST_TIMEOUT,
                DatadogSinkBuilder.DEFAULT_MAX_IN_FLIGHT_REQUESTS,
                DatadogSinkBuilder.DEFAULT_ENCODING,
                DatadogSinkBuilder.DEFAULT_GZIP_LEVEL,
                DatadogSinkBuilder.DEFAULT_VALIDATE_KEY,
                false,
                apiKey);
    }

    /**
     * A site as users write it ({@code app.} prefix and case forgiven).
     *
     * @throws IllegalArgumentException when it is not one of {@link #SITES}
     */
    public static String normalizeSite(String site) {
        String s = site.trim().toLowerCase(Locale.ROOT).replaceFirst("^app\\.", "");
        if (!SITES.contains(s)) throw new IllegalArgumentException(s);
        return s;
    }

    /** The intake of a site: {@code https://api.<site>}. */
    public static URI siteUrl(String site) {
        return URI.create("https://api." + site);
    }

    /**
     * HTTPS anywhere; plain HTTP only to this machine (a test intake or a local proxy), never across a network.
     *
     * @throws IllegalArgumentException when the URL is neither
     */
    public static URI checkBaseUrl(String url) {
        URI uri = URI.create(url.replaceAll("/+$", ""));
        if (uri.getHost() == null || uri.getRawQuery() != null) throw new IllegalArgumentException(url);
        if ("https".equals(uri.getScheme())) return uri;
        if ("http".equals(uri.getScheme()) && isLoopback(uri.getHost())) return uri;
        throw new IllegalArgumentException(url);
    }

    private static boolean isLoopback(String host) {
        if (host.equals("localhost")) return true;
        if (!host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+]?")) return false; // literal addresses only: no DNS lookups
        try {
            return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public URI seriesUrl() {
        return URI.create(baseUrl + "/api/v2/series");
    }

    public URI validateUrl() {
        return URI.create(baseUrl + "/api/v1/validate");
    }
}
