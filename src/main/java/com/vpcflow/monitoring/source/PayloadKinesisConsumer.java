package com.vpcflow.monitoring.source;

import com.vpcflow.monitoring.payload.RawPayload;
import java.util.Properties;
import org.apache.flink.kinesis.shaded.com.amazonaws.services.kinesis.model.ResourceNotFoundException;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.streaming.connectors.kinesis.FlinkKinesisConsumer;
import org.apache.flink.util.ExceptionUtils;

/**
 * The Kinesis consumer, but a stream that does not exist ends the job with one clear message instead of restarting it
 * into the same error forever; every other failure (throttling past the connector's retries, a network error)
 * restarts it as usual.
 */
@SuppressWarnings("deprecation")
final class PayloadKinesisConsumer extends FlinkKinesisConsumer<RawPayload> {
    private static final long serialVersionUID = 1L;

    private final String stream;
    private final String region;

    PayloadKinesisConsumer(String stream, String region, Properties properties) {
        super(stream, new KinesisPayloadSchema(), properties);
        this.stream = stream;
        this.region = region;
    }

    @Override
    public void run(SourceContext<RawPayload> ctx) throws Exception {
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
