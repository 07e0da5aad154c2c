package com.vpcflow.monitoring.flowlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cache gives the text's string whatever it held before: one string for a repeated value, never a wrong one. */
class TextCacheTest {
    @Test
    void aRepeatedValueIsOneStringAndEveryValueIsItsText() {
        TextCache cache = new TextCache();
        char[] line = "eni-1 10.0.0.1 eni-1".toCharArray();
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
                char[] text = ("x " + value + " y").toCharArray();
                assertThat(cache.get(text, 2, 2 + value.length())).isEqualTo(value);
                seen.merge(value, 1, Integer::sum);
            }
        }
        assertThat(seen).hasSize(10 * TextCache.SLOTS);
        // strings whose hashes collide ("Aa" and "BB") share a slot
        assertThat(cache.get("Aa".toCharArray(), 0, 2)).isEqualTo("Aa");
        assertThat(cache.get("BB".toCharArray(), 0, 2)).isEqualTo("BB");
        assertThat(cache.get("Aa".toCharArray(), 0, 2)).isEqualTo("Aa");
    }
}
