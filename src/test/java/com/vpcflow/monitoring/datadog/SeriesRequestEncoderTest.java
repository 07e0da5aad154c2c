package com.vpcflow.monitoring.datadog;

import static org.assertj.core.api.Assertions.assertThat;

import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.testing.DatadogIntake;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One encoder writes series after series with one generator: each fragment is exactly its series, nothing between. */
class SeriesRequestEncoderTest {
    @Test
    void consecutiveSeriesAreEachExactlyTheirJson() throws Exception {
        SeriesRequestEncoder encoder = new SeriesRequestEncoder();
        byte[] a = encoder.encodeSeries(new MetricSeries(
                "aws.vpc.flowlogs.action",
                1,
                60,
                new String[] {"interface_id:eni-1", "action:ACCEPT"},
                1700000040L,
                3));
        byte[] b = encoder.encodeSeries(new MetricSeries(
                "aws.vpc.flowlogs.bytes.per_request.p99", 3, 0, new String[] {"say:\"hi\""}, 1700000100L, 12.5));
        assertThat(new String(a, StandardCharsets.UTF_8))
                .isEqualTo("{\"metric\":\"aws.vpc.flowlogs.action\",\"type\":1,\"interval\":60,"
                        + "\"points\":[{\"timestamp\":1700000040,\"value\":3}],"
                        + "\"tags\":[\"interface_id:eni-1\",\"action:ACCEPT\"]}");
        assertThat(new String(b, StandardCharsets.UTF_8))
                .isEqualTo("{\"metric\":\"aws.vpc.flowlogs.bytes.per_request.p99\",\"type\":3,"
                        + "\"points\":[{\"timestamp\":1700000100,\"value\":12.5}],\"tags\":[\"say:\\\"hi\\\"\"]}");
        // the gzip body inflates to the fragments joined in one series document
        byte[] body = DatadogIntake.gunzip(SeriesRequestEncoder.gzipBody(List.of(a, b)));
        assertThat(new String(body, StandardCharsets.UTF_8))
                .isEqualTo("{\"series\":[" + new String(a, StandardCharsets.UTF_8) + ","
                        + new String(b, StandardCharsets.UTF_8) + "]}");
    }
}
