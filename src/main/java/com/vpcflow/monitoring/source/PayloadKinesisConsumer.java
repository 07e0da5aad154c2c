package com.vpcflow.monitoring.source;

import com.vpcflow.monitoring.payload.RawPayload;
import java.util.List;
import java.util.Properties;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.kinesis.shaded.com.amazonaws.services.kinesis.model.ResourceNotFoundException;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.streaming.connectors.kinesis.FlinkKinesisConsumer;
import org.apache.flink.streaming.connectors.kinesis.internals.KinesisDataFetcher;
import org.apache.flink.streaming.connectors.kinesis.serialization.KinesisDeserializationSchema;
import org.apache.flink.util.ExceptionUtils;

/**
 * The Kinesis consumer, but a stream that does not exist ends the job with one clear message instead of restarting it
 * into the same error forever; every other failure (throttling past the connector's retries, a network error)
 * restarts it as usual; and a subtask that reads nothing while its shards report data waiting says so in a WARN line
 * ({@link WatchedKinesisFetcher}).
 */
@SuppressWarnings("deprecation")
final class PayloadKinesisConsumer extends FlinkKinesisConsumer<RawPayload> {
    private static final long serialVersionUID = 1L;

    /** The connector's shaded AWS SDK v1 reads this (unshaded: {@code com.amazonaws.sdk.disableCbor}). */
    static final String DISABLE_CBOR = "org.apache.flink.kinesis.shaded.com.amazonaws.sdk.disableCbor";

    private final String stream;
    private final String region;
    private final String endpoint;

    PayloadKinesisConsumer(String stream, String region, String endpoint, Properties properties) {
        super(stream, new KinesisPayloadSchema(), properties);
        this.stream = stream;
        this.region = region;
        this.endpoint = endpoint;
    }

    /**
     * Whether the endpoint is a local Kinesis (kinesalite, LocalStack): this machine or a private address. Their CBOR
     * record data cannot be read by the connector's SDK, which then reads nothing and says nothing; JSON works.
     */
    static boolean isLocal(String endpoint) {
        if (endpoint == null) return false;
        String host;
        try {
            host = java.net.URI.create(endpoint).getHost();
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (host == null) return false;
        if (host.equals("localhost")) return true;
        if (!host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+]?")) return false; // literal addresses only: no DNS lookups
        try {
            java.net.InetAddress a =
                    java.net.InetAddress.getByName(host.replace("[", "").replace("]", ""));
            return a.isLoopbackAddress() || a.isSiteLocalAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    @Override
    protected KinesisDataFetcher<RawPayload> createFetcher(
            List<String> streams,
            SourceContext<RawPayload> context,
            RuntimeContext runtimeContext,
            Properties properties,
            KinesisDeserializationSchema<RawPayload> schema) {
        return new WatchedKinesisFetcher(
                streams,
                context,
                runtimeContext,
                properties,
                schema,
                getShardAssigner(),
                getPeriodicWatermarkAssigner(),
                getWatermarkTracker(),
                SilentShardsWatch.DEFAULT_SILENCE_MILLIS);
    }

    @Override
    public void run(SourceContext<RawPayload> ctx) throws Exception {
        if (isLocal(endpoint) && System.getProperty(DISABLE_CBOR) == null) {
            System.setProperty(DISABLE_CBOR, "true"); // before the connector builds its client, in this task's JVM
        }
        try {
            super.run(ctx);
        } catch (Exception e) {
            if (ExceptionUtils.findThrowable(e, ResourceNotFoundException.class).isPresent()) {
                throw new SuppressRestartsException(new IllegalStateException(
                        "Kinesis stream '" + stream + "' does not exist in region " + region
                                + ": check --stream and --region",
                        e));
            }
            throw e;
        }
    }
}
