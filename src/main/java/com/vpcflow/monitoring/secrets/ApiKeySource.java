package com.vpcflow.monitoring.secrets;

import java.util.function.Function;

/**
 * Where the Datadog API key can come from, in the order they are tried: the first one configured is the one used.
 * Each name is the environment variable the script this job replaces read it from. Resolution
 * ({@link ApiKeyResolver}), naming in logs and errors, and "is any configured" all go through this one list.
 */
public enum ApiKeySource {
    /** Base64 KMS ciphertext of {@code {"api_key":"…","app_key":"…"}}. */
    KMS_ENCRYPTED_KEYS(ApiKeySettings::kmsEncryptedKeys),
    /** Base64 KMS ciphertext of the bare key (decrypted with the encryption context, then without). */
    DD_KMS_API_KEY(ApiKeySettings::kmsApiKey),
    /** A Secrets Manager secret ARN: the key, or {@code {"api_key":"…"}}. */
    DD_API_KEY_SECRET_ARN(ApiKeySettings::secretArn),
    /** An SSM SecureString parameter name. */
    DD_API_KEY_SSM_NAME(ApiKeySettings::ssmParameterName),
    /** The key in plain text, from the task manager's environment (local use only; never a setting). */
    DD_API_KEY(s -> s.plainKeyFromEnvironment() ? "environment" : null);

    private final Function<ApiKeySettings, String> configured;

    ApiKeySource(Function<ApiKeySettings, String> configured) {
        this.configured = configured;
    }

    /** The first source these settings configure, or null when none is. */
    public static ApiKeySource firstConfigured(ApiKeySettings settings) {
        for (ApiKeySource source : values()) {
            if (source.configured.apply(settings) != null) return source;
        }
        return null;
    }
}
