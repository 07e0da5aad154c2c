package com.vpcflow.monitoring.secrets;

import java.io.Serializable;
import java.util.Map;

/**
 * Where the Datadog API key comes from (see {@link ApiKeySource} for the order). Holds no secret: KMS ciphertexts, a
 * secret ARN and a parameter name are useless without the task's AWS permissions, and a plain key is never a setting
 * (it is read on the task manager from the {@code DD_API_KEY} environment variable or JVM system property).
 *
 * @param kmsEncryptionContext for both KMS sources; empty when the ciphertext was made without one
 * @param region of the KMS key, secret or parameter
 * @param kmsEndpoint override (a VPC endpoint, a test server), or null
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
    public static final String PLAIN_KEY_VARIABLE = ApiKeySource.DD_API_KEY.name();

    public ApiKeySettings {
        kmsEncryptionContext = Map.copyOf(kmsEncryptionContext);
    }

    /** The source that will be used, or null when none is configured. */
    public ApiKeySource source() {
        return ApiKeySource.firstConfigured(this);
    }

    public boolean anyConfigured() {
        return source() != null;
    }

    /** Which source will be used, for log lines and error messages. */
    public String sourceName() {
        ApiKeySource source = source();
        return source == null ? "none" : source.name();
    }

    @Override
    public String toString() {
        return "ApiKeySettings{source=" + sourceName() + ", region=" + region + "}";
    }
}
