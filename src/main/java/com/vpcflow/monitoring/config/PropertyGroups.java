package com.vpcflow.monitoring.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * MSF runtime properties (or a local {@code application_properties.json} of the same shape) as settings. Each property
 * group holds the settings of one stage, under exactly their command-line names; a group or key that is not listed
 * here is an error naming it, so a typo in the console cannot pass silently.
 */
public final class PropertyGroups {
    /** Group id -> the settings it holds. */
    public static final Map<String, List<String>> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("FlowLogJob", List.of("source", "input", "input-format", "lines-per-payload", "log-format",
                "max-payload-bytes", "region", "tags", "generator-payloads", "generator-rate", "generator-seed",
                "generator-start", "parallelism", "checkpoint-interval"));
        GROUPS.put("Windows", List.of("window-size", "allowed-lateness", "max-out-of-orderness", "idle-timeout"));
        GROUPS.put("KinesisSource", List.of("stream", "initial-position", "initial-timestamp", "kinesis-endpoint",
                "efo-consumer", "shard-discovery-interval", "getrecords-interval", "getrecords-max"));
        GROUPS.put("DatadogSink", List.of("datadog-site", "DD_SITE", "datadog-url", "datadog-max-batch",
                "datadog-flush-interval", "datadog-max-in-flight", "datadog-request-timeout", "datadog-retry-backoff",
                "datadog-max-retry-time", "datadog-validate-key",
                "kms-encrypted-keys", "KMS_ENCRYPTED_KEYS", "kmsEncryptedKeys", "dd-kms-api-key", "DD_KMS_API_KEY",
                "dd-api-key-secret-arn", "DD_API_KEY_SECRET_ARN", "dd-api-key-ssm-name", "DD_API_KEY_SSM_NAME",
                "kms-encryption-context", "KMS_ENCRYPTION_CONTEXT", "kms-endpoint", "secretsmanager-endpoint", "ssm-endpoint"));
    }

    private PropertyGroups() {}

    /** Flattens the groups into settings; values are trimmed, empty values (unset template parameters) dropped. */
    public static Map<String, String> flatten(Map<String, Properties> groups) {
        Map<String, String> flat = new LinkedHashMap<>();
        for (Map.Entry<String, Properties> g : groups.entrySet()) {
            List<String> allowed = GROUPS.get(g.getKey());
            if (allowed == null) {
                throw new ConfigException("Unknown property group '" + g.getKey() + "': expected one of " + String.join(", ", GROUPS.keySet()));
            }
            for (String key : new TreeSet<>(g.getValue().stringPropertyNames())) {
                if (!allowed.contains(key)) {
                    String home = groupOf(key);
                    throw new ConfigException("Unknown setting '" + key + "' in property group '" + g.getKey() + "'"
                            + (home == null ? "" : ": it belongs in property group '" + home + "'"));
                }
                String value = g.getValue().getProperty(key).trim();
                if (value.isEmpty()) continue;
                if (flat.put(key, value) != null) {
                    throw new ConfigException("Setting '" + key + "' is given in more than one property group");
                }
            }
        }
        return flat;
    }

    static String groupOf(String key) {
        for (Map.Entry<String, List<String>> g : GROUPS.entrySet()) {
            if (g.getValue().contains(key)) return g.getKey();
        }
        return null;
    }

    public static Set<String> allKeys() {
        Set<String> keys = new TreeSet<>();
        GROUPS.values().forEach(keys::addAll);
        return keys;
    }
}
