package com.vpcflow.monitoring.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vpcflow.monitoring.config.JobConfig;
import com.vpcflow.monitoring.testing.AwsTestClients;
import com.vpcflow.monitoring.testing.LocalAwsSecrets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each key source, with the real AWS SDK clients against a local endpoint that speaks KMS, Secrets Manager and SSM. */
class ApiKeyResolverTest {
    static final String KEY = "0123456789abcdef0123456789abcdef";
    static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:datadog-api-key-AbCdEf";
    static LocalAwsSecrets aws;

    @BeforeAll
    static void start() throws Exception {
        aws = new LocalAwsSecrets();
        AwsTestClients.setDummyCredentials();
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    private ApiKeySettings settings(Map<String, String> env, String... flags) {
        List<String> args = new ArrayList<>(List.of(
                "--region",
                "us-east-1",
                "--kms-endpoint",
                aws.url(),
                "--secretsmanager-endpoint",
                aws.url(),
                "--ssm-endpoint",
                aws.url()));
        args.addAll(List.of(flags));
        return JobConfig.fromArgs(args.toArray(String[]::new), env).datadog().apiKey();
    }

    private ApiKey resolve(Map<String, String> env, String... flags) {
        return new ApiKeyResolver(settings(env, flags), env::get).resolve();
    }

    @Test
    void kmsEncryptedKeysWithAnEncryptionContext() {
        String blob = AwsTestClients.kmsEncrypt(
                aws, "{\"api_key\":\"" + KEY + "\",\"app_key\":\"ffff\"}", Map.of("app", "vpc-flow"));
        ApiKey key = resolve(Map.of("KMS_ENCRYPTED_KEYS", blob), "--kms-encryption-context", "app=vpc-flow");
        assertThat(key.headerValue()).isEqualTo(KEY);
        assertThat(key.source()).isEqualTo("KMS_ENCRYPTED_KEYS");
        assertThat(key.toString()).doesNotContain(KEY);
        // the alias used by the replaced script's property, given as a flag
        assertThat(resolve(Map.of(), "--kmsEncryptedKeys", blob, "--kms-encryption-context", "app=vpc-flow")
                        .headerValue())
                .isEqualTo(KEY);
    }

    @Test
    void aWrongOrMissingEncryptionContextFailsClearlyWithoutSecrets() {
        String blob = AwsTestClients.kmsEncrypt(aws, "{\"api_key\":\"" + KEY + "\"}", Map.of("app", "vpc-flow"));
        assertThatThrownBy(() -> resolve(Map.of("KMS_ENCRYPTED_KEYS", blob), "--kms-encryption-context", "app=other"))
                .isInstanceOf(ApiKeyException.class)
                .hasMessageContaining("KMS_ENCRYPTED_KEYS")
                .hasMessageContaining("InvalidCiphertextException")
                .hasMessageContaining("encryption context")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(blob).doesNotContain(KEY));
        assertThatThrownBy(() -> resolve(Map.of("KMS_ENCRYPTED_KEYS", blob)))
                .hasMessageContaining("give it with --kms-encryption-context");
        assertThatThrownBy(() -> resolve(Map.of("KMS_ENCRYPTED_KEYS", "not base64!")))
                .hasMessageContaining("is not base64");
    }

    @Test
    void ddKmsApiKeyTriesTheContextThenWithout() {
        String withContext = AwsTestClients.kmsEncrypt(aws, KEY, Map.of("LambdaFunctionName", "vpc-flow"));
        assertThat(resolve(
                                Map.of("DD_KMS_API_KEY", withContext),
                                "--kms-encryption-context",
                                "LambdaFunctionName=vpc-flow")
                        .headerValue())
                .isEqualTo(KEY);
        String withoutContext = AwsTestClients.kmsEncrypt(aws, KEY, Map.of());
        assertThat(resolve(
                                Map.of("DD_KMS_API_KEY", withoutContext),
                                "--kms-encryption-context",
                                "LambdaFunctionName=vpc-flow")
                        .headerValue())
                .isEqualTo(KEY);
        assertThatThrownBy(() -> resolve(
                        Map.of("DD_KMS_API_KEY", withContext), "--kms-encryption-context", "LambdaFunctionName=other"))
                .hasMessageContaining("nor without one");
        // not base64 is said as such, not as a decryption failure
        assertThatThrownBy(() -> resolve(
                        Map.of("DD_KMS_API_KEY", "not base64!"),
                        "--kms-encryption-context",
                        "LambdaFunctionName=vpc-flow"))
                .hasMessage(
                        "DD_KMS_API_KEY is not base64: it should be the CiphertextBlob that aws kms encrypt prints");
    }

    @Test
    void secretsManagerHoldsTheKeyOrAJsonObjectWithIt() {
        aws.putSecret(SECRET_ARN, KEY);
        assertThat(resolve(Map.of("DD_API_KEY_SECRET_ARN", SECRET_ARN)).headerValue())
                .isEqualTo(KEY);
        String jsonArn = SECRET_ARN + "-json";
        aws.putSecret(jsonArn, "{\"api_key\":\"" + KEY + "\"}");
        assertThat(resolve(Map.of(), "--dd-api-key-secret-arn", jsonArn).headerValue())
                .isEqualTo(KEY);
        assertThatThrownBy(() -> resolve(Map.of(), "--dd-api-key-secret-arn", SECRET_ARN + "-missing"))
                .hasMessageContaining("DD_API_KEY_SECRET_ARN")
                .hasMessageContaining("ResourceNotFoundException");
    }

    @Test
    void ssmParameterIsReadDecrypted() {
        aws.putSecureParameter("/datadog/api-key", KEY);
        assertThat(resolve(Map.of("DD_API_KEY_SSM_NAME", "/datadog/api-key")).headerValue())
                .isEqualTo(KEY);
        assertThat(aws.calls()).contains("AmazonSSM.GetParameter");
    }

    @Test
    void aPlainKeyFromTheEnvironmentAndTheOrderOfSources() {
        assertThat(resolve(Map.of("DD_API_KEY", KEY)).headerValue()).isEqualTo(KEY);
        aws.putSecret(SECRET_ARN, "fedcba9876543210fedcba9876543210");
        // a secret ARN comes before a plain key
        assertThat(resolve(Map.of("DD_API_KEY", KEY, "DD_API_KEY_SECRET_ARN", SECRET_ARN))
                        .headerValue())
                .isEqualTo("fedcba9876543210fedcba9876543210");
        assertThatThrownBy(() -> resolve(Map.of("DD_API_KEY", "not a key")))
                .hasMessageContaining("does not look like a Datadog API key")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not a key"));
    }

    @Test
    void settingsCarryNoSecret() throws Exception {
        ApiKeySettings s = settings(Map.of("DD_API_KEY", KEY));
        assertThat(s.plainKeyFromEnvironment()).isTrue();
        assertThat(s.toString()).doesNotContain(KEY);
        byte[] serialized = org.apache.flink.util.InstantiationUtil.serializeObject(s);
        assertThat(new String(serialized, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(KEY);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "HTTP {0} {1} -> transient={2}")
    @org.junit.jupiter.params.provider.CsvSource({
        "400, InvalidCiphertextException, false",
        "400, AccessDeniedException, false",
        "403, AccessDeniedException, false",
        "400, ResourceNotFoundException, false",
        "400, DisabledException, false",
        "400, ThrottlingException, true",
        "429, TooManyRequestsException, true",
        "500, KMSInternalException, true",
        "503, ServiceUnavailable, true",
    })
    void whatTheAwsServiceSaidDecidesWhetherARestartCanHelp(int status, String code, boolean transientFailure) {
        software.amazon.awssdk.awscore.exception.AwsServiceException e =
                software.amazon.awssdk.awscore.exception.AwsServiceException.builder()
                        .statusCode(status)
                        .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                                .errorCode(code)
                                .errorMessage("m")
                                .build())
                        .build();
        assertThat(ApiKeyResolver.transientFailure(e)).isEqualTo(transientFailure);
        // no answer at all (endpoint unreachable): a restart may get through
        assertThat(ApiKeyResolver.transientFailure(
                        software.amazon.awssdk.core.exception.SdkClientException.create("x")))
                .isTrue();
    }
}
