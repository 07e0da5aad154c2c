package com.vpcflow.monitoring.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which endpoints are a local Kinesis, whose CBOR the connector cannot read (KinesisSourceJobTest runs without it). */
class PayloadKinesisConsumerTest {

    @ParameterizedTest(name = "{0} -> local={1}")
    @CsvSource({
        "http://127.0.0.1:4567, true",
        "http://localhost:4566, true",
        "http://10.0.3.7:4567, true",
        "http://192.168.1.20:4566, true",
        "http://[::1]:4567, true",
        "https://kinesis.eu-west-1.amazonaws.com, false",
        "https://vpce-0123-abcd.kinesis.eu-west-1.vpce.amazonaws.com, false",
        "https://52.94.1.1, false",
    })
    void aLoopbackOrPrivateAddressIsALocalKinesis(String endpoint, boolean local) {
        assertThat(PayloadKinesisConsumer.isLocal(endpoint)).isEqualTo(local);
    }
}
