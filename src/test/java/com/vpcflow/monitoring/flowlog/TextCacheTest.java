package com.vpcflow.monitoring.flowlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cache gives the text's string whatever it held before: one string for a repeated value, never a wrong one. */
class TextCacheTest {
    @Test
    void aRepeatedValueIsOneStringAndEveryValueIsItsText() {
        TextCache cache = new TextCache();
        byte[] line = "eni-1 10.0.0.1 eni-1".getBytes(StandardCharsets.UTF_8);
        String first = cache.get(line, 0, 5);
        assertThat(first).isEqualTo("eni-1");
        assertThat(cache.get(line, 15, 20)).isSameAs(first);
        assertThat(cache.get(line, 6, 14)).isEqualTo("10.0.0.1");
    }

    /** Ten times as many values as slots, in two passes: collisions evict, and nothing comes back wrong. */
    @Test
    void manyMoreValuesThanSlotsAreStillEachTheirOwnText() {
        TextCache cache = new TextCache();
        Map<String, Integer> seen = new HashMap<>();
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < 10 * TextCache.SLOTS; i++) {
                String value = "172.31." + (i >> 8) + "." + (i & 255);
                byte[] text = ("x " + value + " y").getBytes(StandardCharsets.UTF_8);
                assertThat(cache.get(text, 2, 2 + value.length())).isEqualTo(value);
                seen.merge(value, 1, Integer::sum);
            }
        }
        assertThat(seen).hasSize(10 * TextCache.SLOTS);
        // two strings of one slot, in turn: each evicts the other, and each comes back as itself
        byte[] a = "eni-0".getBytes(StandardCharsets.UTF_8);
        int slot = TextCache.slot(TextCache.hash(a, 0, a.length));
        byte[] b = null;
        for (int i = 1; b == null; i++) {
            byte[] candidate = ("eni-" + i).getBytes(StandardCharsets.UTF_8);
            if (TextCache.slot(TextCache.hash(candidate, 0, candidate.length)) == slot) b = candidate;
        }
        for (int i = 0; i < 3; i++) {
            assertThat(cache.get(a, 0, a.length)).isEqualTo("eni-0");
            assertThat(cache.get(b, 0, b.length)).isEqualTo(new String(b, StandardCharsets.UTF_8));
        }
    }
}
