package com.vpcflow.monitoring.datadog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class BodyEncodingTest {
    /** Series-like fragments: repeated names and tags, varying values, so that levels make a difference. */
    private static List<byte[]> fragments(int n) {
        SplittableRandom rnd = new SplittableRandom(3);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(
                    ("{\"metric\":\"aws.vpc.flowlogs.bytes.total\",\"type\":1,\"interval\":60,\"points\":[{\"timestamp\":"
                                    + (1_700_000_040L + 60 * rnd.nextInt(100)) + ",\"value\":" + rnd.nextInt(1_000_000)
                                    + "}],\"tags\":[\"interface_id:eni-" + Integer.toHexString(rnd.nextInt(64))
                                    + "\",\"region:us-east-1\"]}")
                            .getBytes(StandardCharsets.US_ASCII));
        }
        return out;
    }

    private static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    @Test
    void eachEncodingDecodesToExactlyTheBody() throws IOException {
        for (int n : new int[] {1, 3, 1000}) {
            List<byte[]> f = fragments(n);
            byte[] body = SeriesRequestEncoder.body(f);
            byte[] zstd = BodyEncoding.ZSTD1.encode(f, 6);
            assertThat(Arrays.copyOf(zstd, 4)).containsExactly(0x28, 0xB5, 0x2F, 0xFD); // zstd frame magic
            assertThat(read(new ZstdInputStream(new ByteArrayInputStream(zstd))))
                    .isEqualTo(body);
            byte[] gzip = BodyEncoding.GZIP.encode(f, 6);
            assertThat(read(new GZIPInputStream(new ByteArrayInputStream(gzip))))
                    .isEqualTo(body);
        }
    }

    @Test
    void gzipTakesItsLevelAndZstdIgnoresIt() {
        List<byte[]> f = fragments(1000);
        assertThat(BodyEncoding.GZIP.encode(f, 1).length).isGreaterThan(BodyEncoding.GZIP.encode(f, 9).length);
        assertThat(BodyEncoding.ZSTD1.encode(f, 1)).isEqualTo(BodyEncoding.ZSTD1.encode(f, 9));
    }

    @Test
    void anEncodingThatCannotRunHereEndsTheJobNamingTheSetting() {
        assertThatCode(BodyEncoding.ZSTD1::checkUsable).doesNotThrowAnyException();
        assertThatThrownBy(() -> BodyEncoding.ZSTD1.checkUsable(() -> {
                    throw new UnsatisfiedLinkError("no zstd-jni-1.6.0-1 in java.library.path");
                }))
                .isInstanceOf(DatadogFatalException.class)
                .hasMessage("--datadog-compression zstd1 cannot run on this machine (java.lang.UnsatisfiedLinkError:"
                        + " no zstd-jni-1.6.0-1 in java.library.path); use --datadog-compression gzip");
    }

    @Test
    void headersAreDatadogsContentEncodings() {
        assertThat(BodyEncoding.GZIP.header()).isEqualTo("gzip");
        assertThat(BodyEncoding.ZSTD1.header()).isEqualTo("zstd1");
    }
}
