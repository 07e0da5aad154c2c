package com.vpcflow.monitoring.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * A real S3-compatible server for tests: s3rver (npm, pinned in {@code src/test/s3rver}), objects in a temporary
 * directory, plain HTTP on a free loopback port, path-style addressing. Installed with {@code npm ci} on first use.
 * It knows one key pair, {@code S3RVER}/{@code S3RVER}; {@link #configureJobCredentials()} hands it to the job
 * through the AWS SDK's default chain (system properties), as a user's environment would.
 */
public final class LocalS3 implements AutoCloseable {
    public static final String KEY = "S3RVER";
    private static final Path HOME = Path.of("src/test/s3rver").toAbsolutePath();

    private final Process process;
    private final int port;
    private final S3Client client;

    private LocalS3(Process process, int port) {
        this.process = process;
        this.port = port;
        this.client = S3Client.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                // s3rver stores and hashes the body as sent: no aws-chunked framing, and no MD5 check on its ETag
                .serviceConfiguration(S3Configuration.builder()
                        .chunkedEncodingEnabled(false)
                        .checksumValidationEnabled(false)
                        .build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    public static LocalS3 start() throws IOException, InterruptedException {
        NodeServers.install(HOME, "node_modules/s3rver/package.json", "s3rver");
        int port = NodeServers.freeLoopbackPort();
        Path data = Files.createTempDirectory("s3rver");
        Process p = NodeServers.start(
                List.of("node", HOME.resolve("server.js").toString(), Integer.toString(port), data.toString()),
                port,
                "s3rver");
        return new LocalS3(p, port);
    }

    /** The job's side: the default credential chain finds the server's key pair in system properties. */
    public static void configureJobCredentials() {
        System.setProperty("aws.accessKeyId", KEY);
        System.setProperty("aws.secretKey", KEY);
        System.setProperty("aws.secretAccessKey", KEY);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public void createBucket(String bucket) {
        client.createBucket(b -> b.bucket(bucket));
    }

    public void put(String bucket, String key, byte[] data) {
        client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(data));
    }

    /** A flow-log object as VPC Flow Logs writes one: gzip text, these lines (a header first, if any). */
    public void putGzipLines(String bucket, String key, List<String> lines) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        put(bucket, key, bytes.toByteArray());
    }

    @Override
    public void close() throws InterruptedException {
        client.close();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
