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
    void leadingDigitsCountUpToTheFirstByteThatIsNotOne() {
        // every value of the first byte that is not a digit, after every count of digits, with any bytes above it
        SplittableRandom rnd = new SplittableRandom(3);
        for (int digits = 0; digits <= 8; digits++) {
            for (int value = 0; value < 256; value++) {
                if (digits < 8 && value >= '0' && value <= '9') continue;
                byte[] b = new byte[8];
                for (int i = 0; i < 8; i++) b[i] = (byte) (i < digits ? '0' + rnd.nextInt(10) : rnd.nextInt(256));
                if (digits < 8) b[digits] = (byte) value;
                assertThat(AsciiDigits.leadingDigits(JsonText.word(b, 0)))
                        .as("%d digits, then 0x%x", digits, value)
                        .isEqualTo(digits);
            }
        }
        assertThat(AsciiDigits.leadingDigits(word("443 5937"))).isEqualTo(3);
        assertThat(AsciiDigits.leadingDigits(word("17000000"))).isEqualTo(8);
        assertThat(AsciiDigits.leadingDigits(word("/:09 0 0"))).isZero(); // '/' and ':' border the digits
    }

    @Test
    void fewerDigitsMovedToTheWordsTopReadAsTheirValue() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            int digits = 1 + rnd.nextInt(7);
            String s = Long.toString(rnd.nextLong((long) Math.pow(10, digits)));
            long word = word(String.format("%-8s", s + " "));
            int n = AsciiDigits.leadingDigits(word);
            assertThat(n).as(s).isEqualTo(s.length());
            assertThat(AsciiDigits.valueOf(word << (8 * (8 - n)))).as(s).isEqualTo(Long.parseLong(s));
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
