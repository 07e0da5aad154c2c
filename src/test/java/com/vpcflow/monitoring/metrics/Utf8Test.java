package com.vpcflow.monitoring.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {
    /** Every char, lone surrogates included, comes back as itself: what an escape decoded is kept whatever it is. */
    @Test
    void everyCharEncodedOnItsOwnReadsBackAsItself() {
        StringBuilder all = new StringBuilder();
        for (int c = 0; c <= 0xffff; c++) all.append((char) c);
        String s = all.toString();
        byte[] b = Utf8.bytes(s);
        assertThat(Utf8.string(b, 0, b.length)).isEqualTo(s);
        assertThat(b.length).isEqualTo(0x80 + 2 * (0x800 - 0x80) + 3 * (0x10000 - 0x800));
    }

    /** Bytes as the payload held them (here Java's own encoder): the same text, four-byte sequences as pairs. */
    @Test
    void standardUtf8ReadsAsJavaReadsIt() {
        String s = "caf\u00e9 \u65e5\u672c \ud83d\ude00 eni-1 10.0.0.1";
        byte[] b = ("x" + s + "y").getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8.string(b, 1, b.length - 1)).isEqualTo(s);
        assertThat(Utf8.length('a')).isEqualTo(1);
        assertThat(Utf8.length('\u00e9')).isEqualTo(2);
        assertThat(Utf8.length('\ud83d')).isEqualTo(3);
    }

    /** Bytes no valid sequence starts with, or a sequence cut off, read as U+FFFD, byte by byte, never a failure. */
    @Test
    void brokenSequencesReadAsReplacementChars() {
        byte[] b = {'a', (byte) 0xff, 'b', (byte) 0xc3, 'c', (byte) 0xe6, (byte) 0x97};
        assertThat(Utf8.string(b, 0, b.length)).isEqualTo("a\ufffdb\ufffdc\ufffd\ufffd");
    }
}
