package com.vpcflow.monitoring.config;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the Datadog API key comes from, as the script this job replaces read it. Holds no secret: KMS ciphertexts,
 * a secret ARN and a parameter name are useless without the task's AWS permissions, and a plain key is never a
 * setting (it is read on the task manager from the {@code DD_API_KEY} environment variable or JVM system property).
 * Sources are tried in this order; the first one configured is the one used.
 */
public record ApiKeySettings(
        String kmsEncryptedKeys,
        String kmsApiKey,
        Map<String, String> kmsEncryptionContext,
        String secretArn,
        String ssmParameterName,
        boolean plainKeyFromEnvironment,
        String region,
        String kmsEndpoint,
        String secretsManagerEndpoint,
        String ssmEndpoint)
        implements Serializable {

    /** Name of the environment variable (or JVM system property) holding a plain key, for local use. */
    public static final String PLAIN_KEY_VARIABLE = "DD_API_KEY";

    public boolean anyConfigured() {
        return kmsEncryptedKeys != null || kmsApiKey != null || secretArn != null || ssmParameterName != null
                || plainKeyFromEnvironment;
    }

    /** Which source will be used, for log lines and error messages. */
    public String sourceName() {
        if (kmsEncryptedKeys != null) return "KMS_ENCRYPTED_KEYS";
        if (kmsApiKey != null) return "DD_KMS_API_KEY";
        if (secretArn != null) return "DD_API_KEY_SECRET_ARN";
        if (ssmParameterName != null) return "DD_API_KEY_SSM_NAME";
        if (plainKeyFromEnvironment) return PLAIN_KEY_VARIABLE;
        return "none";
    }

    static ApiKeySettings from(ConfigReader r, Map<String, String> env, String region) {
        String encryptedKeys = r.aliased(env, "kms-encrypted-keys", "KMS_ENCRYPTED_KEYS", "kmsEncryptedKeys");
        String kmsApiKey = r.aliased(env, "dd-kms-api-key", "DD_KMS_API_KEY");
        String secretArn = r.aliased(env, "dd-api-key-secret-arn", "DD_API_KEY_SECRET_ARN");
        String ssmName = r.aliased(env, "dd-api-key-ssm-name", "DD_API_KEY_SSM_NAME");
        if (secretArn != null && !secretArn.matches("arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:.+")) {
            throw ConfigException.invalid("dd-api-key-secret-arn", "a Secrets Manager secret ARN", secretArn);
        }
        Map<String, String> context = parseContext(r.aliased(env, "kms-encryption-context", "KMS_ENCRYPTION_CONTEXT"));
        boolean plain = env.containsKey(PLAIN_KEY_VARIABLE);
        return new ApiKeySettings(encryptedKeys, kmsApiKey, context, secretArn, ssmName, plain, region,
                r.url("kms-endpoint"), r.url("secretsmanager-endpoint"), r.url("ssm-endpoint"));
    }

    static Map<String, String> parseContext(String text) {
        Map<String, String> context = new LinkedHashMap<>();
        if (text == null || text.isBlank()) return context;
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw ConfigException.invalid("kms-encryption-context", "comma-separated key=value pairs", pair.trim());
            }
            context.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return context;
    }

    @Override
    public String toString() {
        return "ApiKeySettings{source=" + sourceName() + ", region=" + region + "}";
    }
}
