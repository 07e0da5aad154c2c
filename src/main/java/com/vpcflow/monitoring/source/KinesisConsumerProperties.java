package com.vpcflow.monitoring.source;

import java.util.Properties;
import org.apache.flink.streaming.connectors.kinesis.config.AWSConfigConstants;
import org.apache.flink.streaming.connectors.kinesis.config.ConsumerConfigConstants;

/** {@link KinesisSettings} as the {@code FlinkKinesisConsumer}'s properties. */
public final class KinesisConsumerProperties {
    private KinesisConsumerProperties() {}

    public static Properties of(KinesisSettings k) {
        Properties p = new Properties();
        p.setProperty(AWSConfigConstants.AWS_REGION, k.region());
        // The default provider chain: the execution role on MSF, env/system properties/profile elsewhere.
        p.setProperty(AWSConfigConstants.AWS_CREDENTIALS_PROVIDER, "AUTO");
        if (k.endpoint() != null) {
            p.setProperty(AWSConfigConstants.AWS_ENDPOINT, k.endpoint());
        }
        p.setProperty(
                ConsumerConfigConstants.STREAM_INITIAL_POSITION,
                k.initialPosition().name());
        if (k.initialTimestamp() != null) {
            p.setProperty(
                    ConsumerConfigConstants.STREAM_INITIAL_TIMESTAMP,
                    Double.toString(k.initialTimestamp().toEpochMilli() / 1000.0));
        }
        if (k.efoConsumer() != null) {
            p.setProperty(
                    ConsumerConfigConstants.RECORD_PUBLISHER_TYPE,
                    ConsumerConfigConstants.RecordPublisherType.EFO.name());
            p.setProperty(ConsumerConfigConstants.EFO_CONSUMER_NAME, k.efoConsumer());
        } else {
            p.setProperty(
                    ConsumerConfigConstants.SHARD_GETRECORDS_INTERVAL_MILLIS,
                    Long.toString(k.getRecordsInterval().toMillis()));
            p.setProperty(ConsumerConfigConstants.SHARD_GETRECORDS_MAX, Integer.toString(k.getRecordsMax()));
        }
        p.setProperty(
                ConsumerConfigConstants.SHARD_DISCOVERY_INTERVAL_MILLIS,
                Long.toString(k.shardDiscoveryInterval().toMillis()));
        return p;
    }
}
