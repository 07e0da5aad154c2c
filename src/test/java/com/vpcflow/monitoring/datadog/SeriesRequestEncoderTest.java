package com.vpcflow.monitoring.datadog;

import static org.assertj.core.api.Assertions.assertThat;

import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.testing.DatadogIntake;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One encoder writes series after series: each fragment is exactly its series, nothing between, and byte for byte
 * what Jackson's generator writes for it (strings with quotes, control characters, non-ASCII text; every kind of
 * value).
 */
class SeriesRequestEncoderTest {
    static List<MetricSeries> awkward() {
        String[] texts = {
            "plain:ascii",
            "say:\"hi\" back\\slash",
            "ctl:\u0000\u0001\b\t\n\u000b\f\r\u001f\u007f",
            "utf8:caf\u00e9 \u65e5\u672c \ud83d\ude00 end",
            "",
            "/slash/"
        };
        double[] values = {
            0,
            -0.0,
            3,
            -7,
            12.5,
            1e-7,
            1.0E20,
            9.007199254740991E15,
            9.007199254740992E15,
            -1.5e300,
            Double.MIN_VALUE,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            27.940046110297
        };
        List<MetricSeries> all = new java.util.ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            all.add(new MetricSeries(
                    texts[i % texts.length],
                    i % 2 == 0 ? MetricSeries.COUNT : MetricSeries.GAUGE,
                    i % 3 == 0 ? 0 : 60,
                    texts,
                    1_700_000_040L + i,
                    values[i]));
        }
        all.add(new MetricSeries("m", 1, 60, new String[0], 0, 1));
        // integers at the edges of their digit counts and of long, in every field written as one
        long[] edges = {9, 10, 99, 100, 999_999_999, 1_000_000_000, 4_503_599_627_370_495L, Long.MAX_VALUE};
        for (long e : edges) {
            all.add(new MetricSeries("edge", (int) (e % 4), e, new String[] {"a:b"}, e, e < 1L << 53 ? e : 1));
            all.add(new MetricSeries("edge", -1, 60, new String[] {"a:b"}, -e, e < 1L << 53 ? -e : -1));
        }
        all.add(new MetricSeries("edge", 1, 60, new String[] {"a:b"}, Long.MIN_VALUE, -(double) (1L << 52)));
        return all;
    }

    /** Every level gives the same body; the fastest a bigger one than the smallest, for the same series. */
    @Test
    void theGzipLevelChangesTheBytesSentNotTheBody() throws Exception {
        SeriesRequestEncoder encoder = new SeriesRequestEncoder();
        List<byte[]> fragments = new java.util.ArrayList<>();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        for (int i = 0; i < 2000; i++) {
            fragments.add(encoder.encodeSeries(new MetricSeries(
                    "aws.vpc.flowlogs.bytes.total",
                    1,
                    60,
                    new String[] {"interface_id:eni-" + rnd.nextInt(50), "action:ACCEPT", "ip:10.0.0." + rnd.nextInt(9)
                    },
                    1_700_000_040L + 60 * rnd.nextInt(5),
                    rnd.nextInt(1_000_000))));
        }
        byte[] body = SeriesRequestEncoder.body(fragments);
        byte[] fastest = SeriesRequestEncoder.gzipBody(fragments, 1);
        byte[] smallest = SeriesRequestEncoder.gzipBody(fragments, 9);
        assertThat(DatadogIntake.gunzip(fastest)).isEqualTo(body);
        assertThat(DatadogIntake.gunzip(smallest)).isEqualTo(body);
        assertThat(DatadogIntake.gunzip(SeriesRequestEncoder.gzipBody(fragments)))
                .isEqualTo(body);
        assertThat(fastest.length).isGreaterThan(smallest.length);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("awkward")
    void aFragmentIsWhatJacksonWritesForTheSeries(MetricSeries s) throws Exception {
        SeriesRequestEncoder encoder = new SeriesRequestEncoder();
        encoder.encodeSeries(new MetricSeries("before", 1, 60, new String[] {"a:b"}, 1, 1.5));
        assertThat(new String(encoder.encodeSeries(s), StandardCharsets.UTF_8)).isEqualTo(jackson(s));
    }

    /** One encoder for all of them, as a writer uses it: tag lists repeat from series to series, or change. */
    @Test
    void seriesAfterSeriesAreWhatJacksonWrites() throws Exception {
        SeriesRequestEncoder encoder = new SeriesRequestEncoder();
        List<MetricSeries> all = new java.util.ArrayList<>(awkward());
        String[] shared = {"action:ACCEPT", "interface_id:eni-1"};
        all.add(new MetricSeries("a", 1, 60, shared, 1, 1));
        all.add(new MetricSeries("b", 1, 60, shared, 1, 2));
        all.add(new MetricSeries("c", 1, 60, new String[] {"action:ACCEPT", "interface_id:eni-1"}, 1, 3));
        all.add(new MetricSeries("d", 1, 60, new String[] {"action:ACCEPT"}, 1, 4));
        all.add(new MetricSeries("e", 1, 60, new String[] {"action:ACCEPT", "interface_id:eni-1", "x:y"}, 1, 5));
        for (MetricSeries s : all) {
            assertThat(new String(encoder.encodeSeries(s), StandardCharsets.UTF_8))
                    .isEqualTo(jackson(s));
        }
        // the same array, changed by its owner after its series was written
        MetricSeries again = new MetricSeries("f", 1, 60, shared, 1, 6);
        encoder.encodeSeries(again);
        shared[1] = "interface_id:eni-2";
        assertThat(new String(encoder.encodeSeries(again), StandardCharsets.UTF_8))
                .isEqualTo(jackson(again))
                .contains("eni-2");
    }

    /**
     * The bytes from the type to the value are kept per type and copied while the interval and timestamp repeat: a
     * change of any one of the three writes them again.
     */
    @Test
    void aSeriesWhoseTypeIntervalOrTimestampChangesIsWrittenWithItsOwn() throws Exception {
        SeriesRequestEncoder encoder = new SeriesRequestEncoder();
        String[] tags = {"a:b"};
        long t = 1_700_000_040L;
        List<MetricSeries> all = List.of(
                new MetricSeries("a", MetricSeries.COUNT, 60, tags, t, 1),
                new MetricSeries("b", MetricSeries.COUNT, 60, tags, t, 2),
                new MetricSeries("c", MetricSeries.GAUGE, 60, tags, t, 2.5),
                new MetricSeries("d", MetricSeries.COUNT, 60, tags, t, 3),
                new MetricSeries("e", MetricSeries.COUNT, 60, tags, t + 60, 4),
                new MetricSeries("f", MetricSeries.COUNT, 0, tags, t + 60, 5),
                new MetricSeries("g", MetricSeries.COUNT, 60, tags, t + 60, 6),
                new MetricSeries("h", MetricSeries.COUNT, 120, tags, t + 60, 7),
                new MetricSeries("i", MetricSeries.GAUGE, 60, tags, t + 60, 8),
                new MetricSeries("j", 7, 60, tags, t + 60, 9),
                new MetricSeries("k", 7, 60, tags, t + 120, 10),
                new MetricSeries("l", MetricSeries.GAUGE, 60, tags, t + 120, 11));
        for (MetricSeries s : all) {
            assertThat(new String(encoder.encodeSeries(s), StandardCharsets.UTF_8))
                    .isEqualTo(jackson(s));
        }
        assertThat(new String(encoder.encodeSeries(all.get(4)), StandardCharsets.UTF_8))
                .isEqualTo("{\"metric\":\"e\",\"type\":1,\"interval\":60,\"points\":[{\"timestamp\":1700000100,"
                        + "\"value\":4}],\"tags\":[\"a:b\"]}");
    }

    /** The series as Jackson's generator writes it, with its default features. */
    static String jackson(MetricSeries s) throws java.io.IOException {
        java.io.StringWriter out = new java.io.StringWriter();
        try (com.fasterxml.jackson.core.JsonGenerator g =
                new com.fasterxml.jackson.core.JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("metric", s.metric);
            g.writeNumberField("type", s.type);
            if (s.interval > 0) g.writeNumberField("interval", s.interval);
            g.writeArrayFieldStart("points");
            g.writeStartObject();
            g.writeNumberField("timestamp", s.timestamp);
            g.writeFieldName("value");
            if (s.value == Math.rint(s.value) && Math.abs(s.value) < 9.007199254740992E15) {
                g.writeNumber((long) s.value);
            } else {
                g.writeNumber(s.value);
            }
            g.writeEndObject();
            g.writeEndArray();
            g.writeArrayFieldStart("tags");
            for (String t : s.tags) g.writeString(t);
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toString();
    }

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
