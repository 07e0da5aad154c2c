package com.vpcflow.monitoring.config;

import java.io.Serializable;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Where and how series are delivered to Datadog's v2 intake. */
public record DatadogSettings(
        String site,
        URI baseUrl,
        int maxBatchSeries,
        Duration flushInterval,
        Duration maxRetryTime,
        Duration retryBackoff,
        Duration requestTimeout,
        int maxInFlightRequests,
        boolean validateKey,
        ApiKeySettings apiKey)
        implements Serializable {

    /** Datadog's documented sites (the host of the site's web app, without {@code app.}). */
    public static final List<String> SITES = List.of("datadoghq.com", "us3.datadoghq.com", "us5.datadoghq.com",
            "datadoghq.eu", "ap1.datadoghq.com", "ap2.datadoghq.com", "uk1.datadoghq.com", "ddog-gov.com", "us2.ddog-gov.com");

    static DatadogSettings from(ConfigReader r, Map<String, String> env, String region) {
        String site = r.aliased(env, "datadog-site", "DD_SITE");
        site = site == null ? "datadoghq.com" : site.trim().toLowerCase(Locale.ROOT).replaceFirst("^app\\.", "");
        if (!SITES.contains(site)) {
            throw ConfigException.invalid("datadog-site", "one of " + String.join(", ", SITES)
                    + " (or give --datadog-url)", site);
        }
        String url = r.string("datadog-url", null);
        URI base = url == null ? URI.create("https://api." + site) : checkUrl(url);
        return new DatadogSettings(site, base,
                r.intInRange("datadog-max-batch", 1000, 1, 100_000),
                positive(r, "datadog-flush-interval", Duration.ofSeconds(5)),
                positive(r, "datadog-max-retry-time", Duration.ofMinutes(10)),
                positive(r, "datadog-retry-backoff", Duration.ofMillis(500)),
                positive(r, "datadog-request-timeout", Duration.ofSeconds(30)),
                r.intInRange("datadog-max-in-flight", 4, 1, 64),
                r.bool("datadog-validate-key", true),
                ApiKeySettings.from(r, env, region));
    }

    private static Duration positive(ConfigReader r, String key, Duration defaultValue) {
        Duration d = r.duration(key, defaultValue);
        if (d.isZero()) throw ConfigException.invalid(key, "a positive duration", "0");
        return d;
    }

    /** HTTPS anywhere; plain HTTP only to this machine (a test intake or a local proxy), never across a network. */
    private static URI checkUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url.replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw ConfigException.invalid("datadog-url", "an https URL (http only to a loopback address)", url);
        }
        if (uri.getHost() == null || uri.getRawQuery() != null) {
            throw ConfigException.invalid("datadog-url", "an https URL (http only to a loopback address)", url);
        }
        if ("https".equals(uri.getScheme())) return uri;
        if ("http".equals(uri.getScheme()) && isLoopback(uri.getHost())) return uri;
        throw ConfigException.invalid("datadog-url", "an https URL (http only to a loopback address)", url);
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
