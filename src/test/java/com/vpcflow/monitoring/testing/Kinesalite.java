package com.vpcflow.monitoring.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * A real Kinesis API server for tests: kinesalite (npm, pinned in {@code src/test/kinesalite}), in memory, plain
 * HTTP on a free loopback port. Installed with {@code npm ci} on first use; a missing {@code node} fails the test
 * with what to install. Also gives an AWS SDK v2 {@link KinesisClient} pointed at it.
 */
public final class Kinesalite implements AutoCloseable {
    public static final String REGION = "us-east-1";
    private static final Path HOME = Path.of("src/test/kinesalite").toAbsolutePath();

    private final Process process;
    private final int port;
    private final KinesisClient client;

    private Kinesalite(Process process, int port) {
        // kinesalite stores blobs sent as CBOR in a form its GetRecords cannot return: write JSON, as the job reads it.
        System.setProperty("aws.cborEnabled", "false");
        this.process = process;
        this.port = port;
        this.client = KinesisClient.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.of(REGION))
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("test-key", "test-secret")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    public static Kinesalite start() throws IOException, InterruptedException {
        NodeServers.install(HOME, "node_modules/kinesalite/cli.js", "kinesalite");
        int port = NodeServers.freeLoopbackPort();
        Process p = NodeServers.start(
                List.of(
                        "node",
                        HOME.resolve("server.js").toString(),
                        "--port",
                        Integer.toString(port),
                        "--host",
                        "127.0.0.1",
                        "--createStreamMs",
                        "0",
                        "--deleteStreamMs",
                        "0",
                        "--updateStreamMs",
                        "0",
                        "--shardLimit",
                        "100"),
                port,
                "kinesalite");
        return new Kinesalite(p, port);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public KinesisClient client() {
        return client;
    }

    public void createStream(String name, int shards) throws InterruptedException {
        client.createStream(b -> b.streamName(name).shardCount(shards));
        waitActive(name);
    }

    public void waitActive(String name) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (client.describeStream(b -> b.streamName(name))
                            .streamDescription()
                            .streamStatus()
                    == StreamStatus.ACTIVE) return;
            Thread.sleep(100);
        }
        throw new IllegalStateException("stream " + name + " never became active");
    }

    public List<Shard> shards(String name) {
        return client.listShards(b -> b.streamName(name)).shards();
    }

    /** One record, as CloudWatch Logs writes one subscription payload; the hash key picks the shard. */
    public PutRecordResponse put(String stream, byte[] data, String partitionKey, String explicitHashKey) {
        PutRecordRequest.Builder b = PutRecordRequest.builder()
                .streamName(stream)
                .partitionKey(partitionKey)
                .data(SdkBytes.fromByteArray(data));
        if (explicitHashKey != null) b.explicitHashKey(explicitHashKey);
        return client.putRecord(b.build());
    }

    /**
     * What a JVM running the job needs to talk to kinesalite: credentials for the default provider chain (SDK v1 and
     * v2 system properties; kinesalite ignores them), and JSON instead of CBOR for the connector's shaded SDK v1,
     * whose CBOR decoder cannot read kinesalite's record data (outside tests: env {@code AWS_CBOR_DISABLE=1}).
     */
    public static void configureJobClients() {
        // no CBOR switch: the job turns CBOR off by itself for a local endpoint (PayloadKinesisConsumer)
        System.setProperty("aws.accessKeyId", "test-key");
        System.setProperty("aws.secretKey", "test-secret");
        System.setProperty("aws.secretAccessKey", "test-secret");
    }

    @Override
    public void close() throws InterruptedException {
        client.close();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
