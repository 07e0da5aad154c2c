package com.vpcflow.monitoring.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Resolves the Datadog API key on the task manager, once per JVM and settings, from the first configured source:
 * {@code KMS_ENCRYPTED_KEYS} (KMS ciphertext of {@code {"api_key":…,"app_key":…}}), {@code DD_KMS_API_KEY} (KMS
 * ciphertext of the bare key; with the encryption context, then without), {@code DD_API_KEY_SECRET_ARN} (Secrets
 * Manager), {@code DD_API_KEY_SSM_NAME} (SSM Parameter Store, decrypted), or a plain {@code DD_API_KEY}. AWS clients
 * use the default credential chain (the task's role on MSF).
 */
public final class ApiKeyResolver {
    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyResolver.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<ApiKeySettings, ApiKey> CACHE = new ConcurrentHashMap<>();

    private final ApiKeySettings settings;
    private final Function<String, String> environment;

    public ApiKeyResolver(ApiKeySettings settings, Function<String, String> environment) {
        this.settings = settings;
        this.environment = environment;
    }

    /** The key from the process environment or, for local runs and tests, a JVM system property of the same name. */
    public static ApiKey resolveCached(ApiKeySettings settings) {
        return CACHE.computeIfAbsent(settings, s -> new ApiKeyResolver(
                        s, name -> System.getenv(name) != null ? System.getenv(name) : System.getProperty(name))
                .resolve());
    }

    public ApiKey resolve() {
        ApiKeySource source = settings.source();
        if (source == null) throw new ApiKeyException("No Datadog API key source is configured");
        String name = source.name();
        ApiKey key;
        try {
            key = switch (source) {
                case KMS_ENCRYPTED_KEYS -> fromEncryptedKeys(name);
                case DD_KMS_API_KEY -> fromKmsApiKey(name);
                case DD_API_KEY_SECRET_ARN -> fromSecretsManager(name);
                case DD_API_KEY_SSM_NAME -> fromSsm(name);
                case DD_API_KEY -> checked(environment.apply(ApiKeySettings.PLAIN_KEY_VARIABLE), name);
            };
        } catch (SdkException e) {
            throw new ApiKeyException(
                    "Could not read the Datadog API key from " + name + ": " + describe(e), transientFailure(e));
        }
        LOG.info("Datadog API key resolved from {}", name);
        return key;
    }

    private ApiKey fromEncryptedKeys(String source) {
        Map<String, String> context = settings.kmsEncryptionContext();
        byte[] plaintext;
        try {
            plaintext = decrypt(ciphertext(settings.kmsEncryptedKeys(), source), context);
        } catch (InvalidCiphertextException e) {
            throw undecryptable(source, context);
        }
        try {
            JsonNode keys = JSON.readTree(plaintext);
            JsonNode apiKey = keys == null ? null : keys.get("api_key");
            if (apiKey == null || !apiKey.isTextual()) {
                throw new ApiKeyException(
                        "The plaintext of " + source + " is not a JSON object with an \"api_key\" string");
            }
            return checked(apiKey.asText(), source);
        } catch (IOException e) {
            throw new ApiKeyException(
                    "The plaintext of " + source + " is not JSON: expected {\"api_key\":\"…\",\"app_key\":\"…\"}");
        }
    }

    /** With the encryption context if one is given, then without, as the replaced script did. */
    private ApiKey fromKmsApiKey(String source) {
        byte[] blob = ciphertext(settings.kmsApiKey(), source);
        Map<String, String> context = settings.kmsEncryptionContext();
        byte[] plaintext;
        try {
            plaintext = decrypt(blob, context);
        } catch (InvalidCiphertextException withContext) {
            if (context.isEmpty()) throw undecryptable(source, context);
            try {
                plaintext = decrypt(blob, Map.of());
            } catch (InvalidCiphertextException without) {
                throw new ApiKeyException(
                        "KMS could not decrypt " + source + " with the encryption context given, nor without "
                                + "one (InvalidCiphertextException): check --kms-encryption-context and that the ciphertext is for this key");
            }
        }
        return checked(new String(plaintext, StandardCharsets.UTF_8), source);
    }

    private static byte[] ciphertext(String base64, String source) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new ApiKeyException(
                    source + " is not base64: it should be the CiphertextBlob that aws kms encrypt prints");
        }
    }

    private byte[] decrypt(byte[] blob, Map<String, String> context) {
        try (KmsClient kms = client(KmsClient.builder(), settings.kmsEndpoint())) {
            DecryptRequest.Builder request = DecryptRequest.builder().ciphertextBlob(SdkBytes.fromByteArray(blob));
            if (!context.isEmpty()) request.encryptionContext(context);
            return kms.decrypt(request.build()).plaintext().asByteArray();
        }
    }

    private static ApiKeyException undecryptable(String source, Map<String, String> context) {
        return new ApiKeyException("KMS could not decrypt " + source + " (InvalidCiphertextException)"
                + (context.isEmpty()
                        ? ": if the key was encrypted with an encryption context, give it with --kms-encryption-context"
                        : ": the encryption context given does not match the one it was encrypted with"));
    }

    private ApiKey fromSecretsManager(String source) {
        try (SecretsManagerClient sm = client(SecretsManagerClient.builder(), settings.secretsManagerEndpoint())) {
            String secret =
                    sm.getSecretValue(b -> b.secretId(settings.secretArn())).secretString();
            if (secret != null && secret.trim().startsWith("{")) {
                try {
                    JsonNode apiKey = JSON.readTree(secret).get("api_key");
                    if (apiKey != null && apiKey.isTextual()) return checked(apiKey.asText(), source);
                } catch (IOException ignored) {
                    // not JSON after all: the secret is the key itself
                }
                throw new ApiKeyException(
                        "The secret of " + source + " is a JSON object without an \"api_key\" string");
            }
            return checked(secret, source);
        }
    }

    private ApiKey fromSsm(String source) {
        try (SsmClient ssm = client(SsmClient.builder(), settings.ssmEndpoint())) {
            return checked(
                    ssm.getParameter(b -> b.name(settings.ssmParameterName()).withDecryption(true))
                            .parameter()
                            .value(),
                    source);
        }
    }

    /** A short-lived client: the settings' region, the URL-connection HTTP client, the endpoint override if any. */
    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, String endpoint) {
        builder.region(Region.of(settings.region())).httpClientBuilder(UrlConnectionHttpClient.builder());
        if (endpoint != null) builder.endpointOverride(URI.create(endpoint));
        return builder.build();
    }

    private static ApiKey checked(String key, String source) {
        String k = key == null ? "" : key.trim();
        if (k.isEmpty()) throw new ApiKeyException("The Datadog API key from " + source + " is empty");
        if (!k.matches("[A-Za-z0-9]{16,64}")) {
            throw new ApiKeyException(
                    "The value from " + source + " does not look like a Datadog API key (16-64 letters and digits)");
        }
        return new ApiKey(k, source);
    }

    /**
     * Throttling, a service error (5xx) or no answer at all can pass; anything else the service said (access denied,
     * not found, a disabled key, a bad ciphertext) stays as it is until someone changes the configuration.
     */
    static boolean transientFailure(SdkException e) {
        if (e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException ase) {
            return ase.isThrottlingException() || ase.statusCode() >= 500;
        }
        return true; // a client-side failure: the endpoint could not be reached, timed out, or the credentials lookup
    }

    /** The AWS error code and message (they never contain the ciphertext or plaintext), else the exception class. */
    private static String describe(SdkException e) {
        if (e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException ase
                && ase.awsErrorDetails() != null) {
            return ase.awsErrorDetails().errorCode() + ": "
                    + ase.awsErrorDetails().errorMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
