package com.vpcflow.monitoring.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RankSelectionTest {
    /** Hand-checked: 9 values with repeats; ranks asked out of order, one twice. */
    @Test
    void placesTheAskedRanksAsASortWould() {
        long[] values = {40, 7, 7, 1500, 0, 7, 99, 40, 3};
        // sorted: 0 3 7 7 7 40 40 99 1500
        RankSelection.select(values, values.length, new int[] {8, 4, 0, 4, 6});
        assertThat(values[0]).isZero();
        assertThat(values[4]).isEqualTo(7);
        assertThat(values[6]).isEqualTo(40);
        assertThat(values[8]).isEqualTo(1500);
    }

    /**
     * Against a full sort, on every shape a window's values take or a partition could trip on: random, few distinct
     * values, sorted, reversed, all equal, organ pipe; lengths from 1 past the small-range cut-off to beyond the
     * pending values' bound; the ranks a window asks (median, p90, p95, p99 by nearest rank) and random ones. The
     * values themselves are only moved: the selected array sorted is the input sorted.
     */
    @Test
    void agreesWithSortingOnEveryShape() {
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 1; n <= 300; n++) {
            for (int shape = 0; shape < 6; shape++) {
                long[] values = values(shape, n, random);
                long[] sorted = values.clone();
                Arrays.sort(sorted);
                int[][] rankSets = {
                    {rank(0.5, n), rank(0.9, n), rank(0.95, n), rank(0.99, n)},
                    random.ints(1 + random.nextInt(6), 0, n).toArray(),
                    {0, n - 1},
                };
                for (int[] ranks : rankSets) {
                    long[] selected = values.clone();
                    RankSelection.select(selected, n, ranks);
                    for (int r : ranks) {
                        assertThat(selected[r])
                                .as("shape %d, n %d, rank %d", shape, n, r)
                                .isEqualTo(sorted[r]);
                    }
                    Arrays.sort(selected);
                    assertThat(selected).isEqualTo(sorted);
                }
            }
        }
    }

    /** Only the first {@code n} values are the input: what lies past them is neither read nor moved. */
    @Test
    void leavesValuesPastTheCountAlone() {
        long[] values = new long[40];
        for (int i = 0; i < 40; i++) values[i] = 40 - i;
        RankSelection.select(values, 30, new int[] {0, 15, 29});
        assertThat(values[0]).isEqualTo(11);
        assertThat(values[15]).isEqualTo(26);
        assertThat(values[29]).isEqualTo(40);
        for (int i = 30; i < 40; i++) assertThat(values[i]).isEqualTo(40 - i);
    }

    @Test
    void refusesARankOutsideTheValues() {
        assertThatThrownBy(() -> RankSelection.select(new long[] {1, 2, 3}, 3, new int[] {3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rank 3 of 3 values");
        assertThatThrownBy(() -> RankSelection.select(new long[] {1, 2, 3}, 2, new int[] {-1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static int rank(double q, int n) {
        return (int) Math.max(1, (long) Math.ceil(q * n)) - 1;
    }

    private static long[] values(int shape, int n, SplittableRandom random) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (shape) {
                case 0 -> random.nextLong(1, 1L << 40);
                case 1 -> random.nextInt(3); // few distinct values: long runs of equal ones
                case 2 -> i;
                case 3 -> n - i;
                case 4 -> 60;
                default -> Math.min(i, n - i); // organ pipe
            };
        }
        return v;
    }
}
