package com.vpcflow.monitoring.testing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/** What a user does with the AWS CLI before deploying ({@code aws kms encrypt}), done with the real SDK client. */
public final class AwsTestClients {
    private AwsTestClients() {}

    /** The job's own clients use the default provider chain: these system properties, locally. */
    public static void setDummyCredentials() {
        System.setProperty("aws.accessKeyId", "test-key");
        System.setProperty("aws.secretAccessKey", "test-secret");
        System.setProperty("aws.secretKey", "test-secret");
    }

    /** {@code aws kms encrypt --plaintext …} and its base64 CiphertextBlob. */
    public static String kmsEncrypt(LocalAwsSecrets aws, String plaintext, Map<String, String> context) {
        try (KmsClient kms = KmsClient.builder()
                .endpointOverride(URI.create(aws.url()))
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("test-key", "test-secret")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            byte[] blob = kms.encrypt(b -> b.keyId(LocalAwsSecrets.KEY_ID)
                            .encryptionContext(context)
                            .plaintext(SdkBytes.fromString(plaintext, StandardCharsets.UTF_8)))
                    .ciphertextBlob()
                    .asByteArray();
            return Base64.getEncoder().encodeToString(blob);
        }
    }
}
