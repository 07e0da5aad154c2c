package com.vpcflow.monitoring.source;

import com.vpcflow.monitoring.payload.RawPayload;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.connectors.kinesis.serialization.KinesisDeserializationSchema;

/**
 * Hands each Kinesis record's bytes (one gzip subscription payload) on undecoded, with stream, shard and sequence
 * number as its origin, so a bad record is counted and logged by the decoder without ever failing the source.
 */
public final class KinesisPayloadSchema implements KinesisDeserializationSchema<RawPayload> {
    private static final long serialVersionUID = 1L;

    @Override
    public RawPayload deserialize(
            byte[] data,
            String partitionKey,
            String sequenceNumber,
            long approxArrivalTimestamp,
            String stream,
            String shardId) {
        return new RawPayload(RawPayload.Encoding.GZIP_JSON, data, stream + "/" + shardId + "/" + sequenceNumber);
    }

    @Override
    public TypeInformation<RawPayload> getProducedType() {
        return TypeInformation.of(RawPayload.class);
    }
}
