package com.vpcflow.monitoring.datadog;

import static org.assertj.core.api.Assertions.assertThat;

import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.testing.Bodies;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
            List<byte[]> bodies = new ArrayList<>();
            SeriesBatcher batcher =
                    new SeriesBatcher(limits[0], limits[1], (body, length) -> bodies.add(Arrays.copyOf(body, length)));
            for (int i = 0; i < 100; i++) {
                int length = encoder.encode(series(i));
                batcher.add(encoder.encoded(), length);
            }
            batcher.drain();
            int written = bodies.size();
            batcher.drain();
            assertThat(bodies).hasSize(written);
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

    /** Thirty series whose objects are all as long: a body holds as many as its limits allow, not fewer. */
    @Test
    void fillsEachBodyToItsLimits() throws Exception {
        List<byte[]> fragments = new ArrayList<>();
        for (int i = 10; i < 40; i++) {
            fragments.add(encoder.encodeSeries(new MetricSeries(
                    "m", MetricSeries.COUNT, 60, new String[] {"interface_id:eni-" + i}, 1_700_000_040L, i)));
        }
        int length = fragments.get(0).length;
        assertThat(fragments).allSatisfy(f -> assertThat(f).hasSize(length));
        long threeFit = SeriesRequestEncoder.bodySize(3L * length, 3);
        // limits -> series per body: by count (4), by size exactly (3), one byte short of three (2)
        for (long[] limits : new long[][] {{4, Long.MAX_VALUE, 4}, {1000, threeFit, 3}, {1000, threeFit - 1, 2}}) {
            List<byte[]> bodies = new ArrayList<>();
            SeriesBatcher batcher =
                    new SeriesBatcher((int) limits[0], limits[1], (body, n) -> bodies.add(Arrays.copyOf(body, n)));
            for (byte[] f : fragments) batcher.add(f, f.length);
            batcher.drain();
            int perBody = (int) limits[2];
            assertThat(bodies).hasSize((30 + perBody - 1) / perBody);
            for (int b = 0; b < bodies.size(); b++) {
                List<byte[]> expected = fragments.subList(b * perBody, Math.min(30, (b + 1) * perBody));
                assertThat(bodies.get(b)).isEqualTo(SeriesRequestEncoder.body(expected));
            }
        }
    }
}
