package com.vpcflow.monitoring.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VarintsTest {
    private static byte[] encode(long... values) {
        byte[] b = new byte[Varints.MAX_BYTES * values.length];
        int n = 0;
        for (long v : values) n = Varints.put(b, n, v);
        return Arrays.copyOf(b, n);
    }

    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) out[i] = (byte) b[i];
        return out;
    }

    /** Hand-computed: zig-zag maps 0, -1, 1, -2, ... to 0, 1, 2, 3, ..., then 7 bits per byte, low bits first. */
    @Test
    void encodesAsProtobufSint64() {
        assertThat(encode(0)).isEqualTo(bytes(0x00));
        assertThat(encode(-1)).isEqualTo(bytes(0x01));
        assertThat(encode(1)).isEqualTo(bytes(0x02));
        assertThat(encode(63)).isEqualTo(bytes(0x7E));
        assertThat(encode(-64)).isEqualTo(bytes(0x7F));
        assertThat(encode(64)).isEqualTo(bytes(0x80, 0x01));
        assertThat(encode(1460)).isEqualTo(bytes(0xE8, 0x16)); // 2920 = 0b1011011101000
        assertThat(encode(Long.MAX_VALUE)).isEqualTo(bytes(0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01));
        assertThat(encode(Long.MIN_VALUE)).isEqualTo(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01));
    }

    @Test
    void readsBackWhatItWrote() throws IOException {
        SplittableRandom rnd = new SplittableRandom(7);
        long[] values = new long[2000];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (i % 4) {
                case 0 -> rnd.nextLong();
                case 1 -> rnd.nextInt(200);
                case 2 -> -rnd.nextInt(1 << 20);
                default -> rnd.nextLong() >> rnd.nextInt(64);
            };
        }
        values[0] = Long.MIN_VALUE;
        values[1] = Long.MAX_VALUE;
        Varints.Reader r = new Varints.Reader(encode(values));
        for (long v : values) assertThat(r.next()).isEqualTo(v);
        assertThat(r.atEnd()).isTrue();
    }

    @Test
    void refusesATruncatedOrOverlongValue() {
        assertThatThrownBy(() -> new Varints.Reader(bytes(0x80, 0x80)).next())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("past the end");
        byte[] overlong = new byte[11];
        Arrays.fill(overlong, (byte) 0x80);
        assertThatThrownBy(() -> new Varints.Reader(overlong).next())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("longer than 10 bytes");
    }
}
