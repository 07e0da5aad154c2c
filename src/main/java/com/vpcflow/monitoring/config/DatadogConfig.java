package com.vpcflow.monitoring.config;

import static com.vpcflow.monitoring.config.Settings.*;

import com.vpcflow.monitoring.datadog.DatadogSinkSettings;
import com.vpcflow.monitoring.secrets.ApiKeySettings;
import java.net.URI;
import java.util.Map;

/** The {@code DatadogSink} settings onto {@link DatadogSinkSettings} and its {@link ApiKeySettings}. */
final class DatadogConfig {
    private DatadogConfig() {}

    static DatadogSinkSettings from(ConfigReader r, String region) {
        String site = r.get(DATADOG_SITE);
        URI base = r.get(DATADOG_URL, DatadogSinkSettings.siteUrl(site));
        return new DatadogSinkSettings(
                site,
                base,
                r.get(DATADOG_MAX_BATCH),
                r.get(DATADOG_FLUSH_INTERVAL),
                r.get(DATADOG_MAX_RETRY_TIME),
                r.get(DATADOG_RETRY_BACKOFF),
                r.get(DATADOG_REQUEST_TIMEOUT),
                r.get(DATADOG_MAX_IN_FLIGHT),
                r.get(DATADOG_COMPRESSION),
                r.get(DATADOG_GZIP_LEVEL),
                r.get(DATADOG_VALIDATE_KEY),
                r.get(HISTORICAL_INGESTION),
                apiKey(r, region));
    }

    /** The plain key is never a setting: only whether the task managers' environment has one. */
    private static ApiKeySettings apiKey(ConfigReader r, String region) {
        return new ApiKeySettings(
                r.get(KMS_ENCRYPTED_KEYS),
                r.get(DD_KMS_API_KEY),
                r.get(KMS_ENCRYPTION_CONTEXT, Map.of()),
                r.get(DD_API_KEY_SECRET_ARN),
                r.get(DD_API_KEY_SSM_NAME),
                r.environmentHas(ApiKeySettings.PLAIN_KEY_VARIABLE),
                region,
                r.get(KMS_ENDPOINT),
                r.get(SECRETSMANAGER_ENDPOINT),
                r.get(SSM_ENDPOINT));
    }
}
