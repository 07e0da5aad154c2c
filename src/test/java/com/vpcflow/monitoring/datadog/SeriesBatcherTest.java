package com.vpcflow.monitoring.datadog;

import static org.assertj.core.api.Assertions.assertThat;

import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.testing.Bodies;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesBatcherTest {
    private final SeriesRequestEncoder encoder = new SeriesRequestEncoder();

    private static MetricSeries series(int i) {
        return new MetricSeries(
                "aws.vpc.flowlogs.bytes.total",
                MetricSeries.COUNT,
                60,
                new String[] {"interface_id:eni-" + i, "region:us-east-1"},
                1_700_000_040L,
                i * 1.5);
    }

    @Test
    void encodesTheV2SeriesSchema() {
        byte[] body = SeriesRequestEncoder.body(List.of(
                encoder.encodeSeries(series(2)),
                encoder.encodeSeries(new MetricSeries("g", MetricSeries.GAUGE, 0, new String[] {"a:b"}, 5, 0.25))));
        assertThat(new String(body, StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"series\":["
                                + "{\"metric\":\"aws.vpc.flowlogs.bytes.total\",\"type\":1,\"interval\":60,\"points\":[{\"timestamp\":1700000040,\"value\":3}],"
                                + "\"tags\":[\"interface_id:eni-2\",\"region:us-east-1\"]},"
                                + "{\"metric\":\"g\",\"type\":3,\"points\":[{\"timestamp\":5,\"value\":0.25}],\"tags\":[\"a:b\"]}]}");
    }

    @Test
    void splitsByCountAndBySizeAndLosesNothing() throws Exception {
        for (int[] limits : new int[][] {{7, Integer.MAX_VALUE}, {1000, 2000}, {1, 100}}) {
            SeriesBatcher batcher = new SeriesBatcher(limits[0], limits[1]);
            List<byte[]> bodies = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                List<byte[]> body = batcher.add(encoder.encodeSeries(series(i)));
                if (body != null) bodies.add(SeriesRequestEncoder.body(body));
            }
            bodies.add(SeriesRequestEncoder.body(batcher.drain()));
            assertThat(batcher.drain()).isNull();
            List<MetricSeries> all = new ArrayList<>();
            for (byte[] body : bodies) {
                List<MetricSeries> in = Bodies.parse(body);
                assertThat(in.size()).isLessThanOrEqualTo(limits[0]);
                // only a single series too big for any body may exceed the size limit
                if (in.size() > 1) assertThat(body.length).isLessThanOrEqualTo(limits[1]);
                all.addAll(in);
            }
            List<MetricSeries> expected = new ArrayList<>();
            for (int i = 0; i < 100; i++) expected.add(series(i));
            assertThat(all).containsExactlyElementsOf(expected);
        }
    }
}
