package com.vpcflow.monitoring.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Plain bytes are exactly printable ASCII other than '"' and '\\', whatever their place in a word. */
class JsonTextTest {
    static boolean plain(int value) {
        return value >= 0x20 && value < 0x80 && value != '"' && value != '\\';
    }

    /** Eight bytes as {@link JsonText#word} reads them: {@code value} at {@code at}, {@code elsewhere} around it. */
    static long wordWith(int at, int value, char elsewhere) {
        long word = 0;
        for (int i = 0; i < 8; i++) word |= (long) (i == at ? value : elsewhere) << (8 * i);
        return word;
    }

    @Test
    void aWordIsPlainExactlyWhenEachOfItsBytesIs() {
        for (int at = 0; at < 8; at++) {
            for (int value = 0; value < 256; value++) {
                long word = wordWith(at, value, 'a');
                assertThat(JsonText.isPlain(word))
                        .as("byte %d = 0x%x", at, value)
                        .isEqualTo(plain(value));
            }
        }
        assertThat(JsonText.isPlain(0x1f1f1f1f1f1f1f1fL)).isFalse();
        assertThat(JsonText.isPlain(0x2020202020202020L)).isTrue();
    }

    /** Arrays of every length up to 20, with each byte value at each place (the word loop and the tail). */
    @Test
    void anArrayIsPlainExactlyWhenEachOfItsBytesIs() {
        for (int length = 0; length <= 20; length++) {
            byte[] b = "abcdefghijklmnopqrst".substring(0, length).getBytes(StandardCharsets.US_ASCII);
            assertThat(JsonText.isPlain(b)).isTrue();
            for (int at = 0; at < length; at++) {
                for (int value = 0; value < 256; value++) {
                    byte[] c = b.clone();
                    c[at] = (byte) value;
                    assertThat(JsonText.isPlain(c))
                            .as("%d bytes, 0x%x at %d", length, value, at)
                            .isEqualTo(plain(value));
                }
            }
        }
    }
}
