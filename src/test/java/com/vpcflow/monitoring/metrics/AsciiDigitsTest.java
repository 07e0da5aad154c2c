package com.vpcflow.monitoring.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Eight digits in a word: recognised exactly when each byte is one, and read as Long.parseLong reads them. */
class AsciiDigitsTest {
    private static long word(String eight) {
        return JsonText.word(eight.getBytes(StandardCharsets.ISO_8859_1), 0);
    }

    @Test
    void aWordIsDigitsExactlyWhenEachOfItsBytesIs() {
        for (int at = 0; at < 8; at++) {
            for (int value = 0; value < 256; value++) {
                long word = JsonTextTest.wordWith(at, value, '7');
                assertThat(AsciiDigits.allDigits(word))
                        .as("byte %d = 0x%x", at, value)
                        .isEqualTo(value >= '0' && value <= '9');
            }
        }
    }

    @Test
    void eightDigitsReadAsTheirValue() {
        for (String s : new String[] {"00000000", "99999999", "12345678", "10000000", "00000001", "17000000"}) {
            assertThat(AsciiDigits.valueOf(word(s))).as(s).isEqualTo(Long.parseLong(s));
        }
        SplittableRandom rnd = new SplittableRandom(8);
        for (int i = 0; i < 100_000; i++) {
            String s = String.format("%08d", rnd.nextLong(100_000_000L));
            assertThat(AsciiDigits.valueOf(word(s))).as(s).isEqualTo(Long.parseLong(s));
        }
    }
}
