package com.vpcflow.monitoring.stats;

import java.util.Arrays;

/**
 * Puts the values of a few ranks where a sort would put them, without sorting the rest: a window's exact quantiles
 * ask four ranks (median, p90, p95, p99) of at most {@value ValueDistribution#MAX_PENDING} values, and sorting them
 * all was a tenth of the windows task's CPU. Quickselect on every side that holds a requested rank, three-way
 * partitions (durations and packet counts repeat a lot: a run of equal values is placed in one pass), small ranges
 * insertion-sorted. Worst case quadratic in {@code n}, which its callers bound.
 */
final class RankSelection {
    /** Ranges this short are sorted outright: fewer compares than partitioning them. */
    private static final int SMALL = 16;

    private RankSelection() {}

    /**
     * Reorders {@code values[0, n)} so that {@code values[r]} is the r-th smallest (0-based) for every r in {@code
     * ranks} (any order, each in {@code [0, n)}); the other positions hold the other values in no particular order.
     */
    static void select(long[] values, int n, int[] ranks) {
        int[] sorted = ranks.clone();
        Arrays.sort(sorted);
        for (int r : sorted) {
            if (r < 0 || r >= n) throw new IllegalArgumentException("rank " + r + " of " + n + " values");
        }
        select(values, 0, n, sorted, 0, sorted.length);
    }

    /** Places {@code ranks[rFrom, rTo)}, ascending and all within {@code [from, to)}, in {@code values[from, to)}. */
    private static void select(long[] values, int from, int to, int[] ranks, int rFrom, int rTo) {
        while (rFrom < rTo) {
            if (to - from <= SMALL) {
                insertionSort(values, from, to);
                return;
            }
            long pivot = medianOfThree(values[from], values[(from + to) >>> 1], values[to - 1]);
            // [from, lt) < pivot, [lt, i) == pivot, (gt, to) > pivot, [i, gt] not yet seen
            int lt = from, i = from, gt = to - 1;
            while (i <= gt) {
                long v = values[i];
                if (v < pivot) swap(values, lt++, i++);
                else if (v > pivot) swap(values, i, gt--);
                else i++;
            }
            int below = rFrom;
            while (below < rTo && ranks[below] < lt) below++;
            int above = below;
            while (above < rTo && ranks[above] <= gt) above++; // ranks in [lt, gt] hold the pivot: placed
            // the side with fewer ranks recursively, the other in the loop
            if (below - rFrom < rTo - above) {
                select(values, from, lt, ranks, rFrom, below);
                from = gt + 1;
                rFrom = above;
            } else {
                select(values, gt + 1, to, ranks, above, rTo);
                to = lt;
                rTo = below;
            }
        }
    }

    private static long medianOfThree(long a, long b, long c) {
        return a < b ? (b < c ? b : Math.max(a, c)) : (a < c ? a : Math.max(b, c));
    }

    private static void insertionSort(long[] values, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            long v = values[i];
            int j = i;
            for (; j > from && values[j - 1] > v; j--) values[j] = values[j - 1];
            values[j] = v;
        }
    }

    private static void swap(long[] values, int i, int j) {
        long t = values[i];
        values[i] = values[j];
        values[j] = t;
    }
}
