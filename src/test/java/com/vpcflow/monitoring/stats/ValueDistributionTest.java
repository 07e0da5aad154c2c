package com.vpcflow.monitoring.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.BinEncodingMode;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.encoding.VarEncodingHelper;
import com.datadoghq.sketch.ddsketch.store.CollapsingLowestDenseStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ValueDistributionTest {

    /** The ceil(q*n)-th smallest value: the nearest-rank definition. */
    static long nearestRank(long[] sorted, double q) {
        int rank = (int) Math.max(1, Math.ceil(q * sorted.length));
        return sorted[rank - 1];
    }

    @Test
    void smallKnownSetsGiveTheNearestRankValues() {
        ValueDistribution d = new ValueDistribution();
        for (long v = 1; v <= 20; v++) d.add(v);
        assertThat(d.min()).isEqualTo(1);
        assertThat(d.max()).isEqualTo(20);
        assertThat(d.sum()).isEqualTo(210);
        assertThat(d.count()).isEqualTo(20);
        assertThat(d.quantile(0.5)).isCloseTo(10, within(0.1));
        assertThat(d.quantile(0.9)).isCloseTo(18, within(0.18));
        assertThat(d.quantile(0.95)).isCloseTo(19, within(0.19));
        assertThat(d.quantile(0.99)).isCloseTo(20, within(0.2));

        ValueDistribution five = new ValueDistribution();
        for (long v : new long[] {100, 200, 300, 400, 500}) five.add(v);
        // nearest rank of p90 over 5 values is the 5th (500), where "lower" interpolation would give the 4th
        assertThat(five.quantile(0.9)).isCloseTo(500, within(5.0));
        assertThat(five.quantile(0.5)).isCloseTo(300, within(3.0));
    }

    @Test
    void singleValuesAndZerosAreExact() {
        ValueDistribution one = new ValueDistribution();
        one.add(42);
        for (double q : new double[] {0.5, 0.9, 0.99})
            assertThat(one.quantile(q)).isEqualTo(42);
        ValueDistribution zeros = new ValueDistribution();
        zeros.add(0);
        zeros.add(0);
        zeros.add(7);
        assertThat(zeros.quantile(0.5)).isEqualTo(0);
        assertThat(zeros.min()).isEqualTo(0);
    }

    @Test
    void randomDataStaysWithinOnePercentOfNearestRank() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + rnd.nextInt(3000);
            long[] values = new long[n];
            ValueDistribution d = new ValueDistribution();
            for (int i = 0; i < n; i++) {
                values[i] = rnd.nextInt(10) == 0 ? rnd.nextLong(10_000_000_000L) : rnd.nextInt(2000);
                d.add(values[i]);
            }
            Arrays.sort(values);
            for (double q : new double[] {0.5, 0.9, 0.95, 0.99}) {
                long exact = nearestRank(values, q);
                assertThat(d.quantile(q)).as("n=%d q=%s", n, q).isCloseTo(exact, within(exact * 0.01 + 1e-9));
            }
            assertThat(d.min()).isEqualTo(values[0]);
            assertThat(d.max()).isEqualTo(values[n - 1]);
        }
    }

    @Test
    void mergingEqualsAddingEverythingToOne() {
        ValueDistribution a = new ValueDistribution();
        ValueDistribution b = new ValueDistribution();
        ValueDistribution all = new ValueDistribution();
        for (long v = 0; v < 1000; v++) {
            (v % 3 == 0 ? a : b).add(v * v);
            all.add(v * v);
        }
        a.merge(b);
        assertThat(a.count()).isEqualTo(all.count());
        assertThat(a.sum()).isEqualTo(all.sum());
        for (double q : new double[] {0.5, 0.9, 0.95, 0.99})
            assertThat(a.quantile(q)).isEqualTo(all.quantile(q));
    }

    @Test
    void sumsSaturateInsteadOfOverflowing() {
        ValueDistribution d = new ValueDistribution();
        d.add(Long.MAX_VALUE);
        d.add(5);
        assertThat(d.sum()).isEqualTo(Long.MAX_VALUE);
    }

    /**
     * The one-pass walk over the bins answers what the library's per-quantile walk answers, exactly: zeros, one bin,
     * wide and narrow spreads, collapsed lowest bins, quantiles unsorted and repeated, 0 and 1.
     */
    @Test
    void oneWalkOverTheBinsAnswersWhatTheLibraryAnswers() {
        SplittableRandom rnd = new SplittableRandom(11);
        double[] qs = {0.99, 0.5, 0, 0.9, 0.5, 1, 0.75, 0.95, 0.001};
        for (int round = 0; round < 200; round++) {
            DDSketch s = DDSketches.logarithmicCollapsingLowestDense(
                    ValueDistribution.RELATIVE_ACCURACY, round % 10 == 0 ? 16 : ValueDistribution.MAX_BINS);
            int n = 1 + rnd.nextInt(round % 4 == 0 ? 3 : 5000);
            long spread = round % 3 == 0 ? 10 : round % 3 == 1 ? 100_000 : Long.MAX_VALUE / 4;
            for (int i = 0; i < n; i++) s.accept(rnd.nextInt(5) == 0 ? 0 : rnd.nextLong(spread));
            double[] expected = s.getValuesAtQuantiles(qs);
            assertThat(ValueDistribution.valuesAtQuantiles(s, qs)).containsExactly(expected);
        }
        DDSketch zeros = DDSketches.logarithmicCollapsingLowestDense(ValueDistribution.RELATIVE_ACCURACY, 2048);
        for (int i = 0; i < 7; i++) zeros.accept(0);
        assertThat(ValueDistribution.valuesAtQuantiles(zeros, qs)).containsOnly(0.0);
    }

    /**
     * The sketch a distribution builds (from a fresh copy of one empty sketch, small values' bins from a table, the
     * pending values' extremes first, sketches off the wire merged from their encoding) holds the bins the library
     * builds from the same values added one by one: compared by encoding, with values small and large, zeros, and
     * one distribution restored from its encoding in between.
     */
    @Test
    void theSketchHoldsTheBinsTheLibraryGivesTheSameValues() {
        SplittableRandom rnd = new SplittableRandom(23);
        for (int round = 0; round < 100; round++) {
            DDSketch library = DDSketches.logarithmicCollapsingLowestDense(
                    ValueDistribution.RELATIVE_ACCURACY, ValueDistribution.MAX_BINS);
            ValueDistribution d = new ValueDistribution();
            ValueDistribution other = new ValueDistribution();
            int n = ValueDistribution.MAX_PENDING + 1 + rnd.nextInt(3000);
            for (int i = 0; i < n; i++) {
                long v =
                        switch (rnd.nextInt(4)) {
                            case 0 -> rnd.nextInt(66_000); // the small-value table and past its end
                            case 1 -> rnd.nextLong(1, 100_000_000);
                            case 2 -> 0;
                            default -> rnd.nextLong(Long.MAX_VALUE / 4);
                        };
                library.accept(v);
                (i % 2 == 0 ? d : other).add(v);
            }
            ValueDistribution wire = ValueDistribution.restore(
                    other.count(), other.sum(), other.min(), other.max(), pending(other), other.sketchBytes());
            d.merge(wire);
            d.quantiles(0.5); // folds what is pending
            ValueDistribution reference =
                    ValueDistribution.restore(d.count(), d.sum(), d.min(), d.max(), new long[0], encode(library));
            assertThat(d.sketchBytes()).as("round " + round).isEqualTo(reference.sketchBytes());
        }
    }

    /**
     * A distribution off the wire (its sketch still encoded, values pending beside it) answers exactly what the same
     * distribution with its sketch decoded answers by folding the pending values in, and is left as it was: values
     * small and large, zeros, sketches encoded densely and sparsely, with and without pending values. Where the bins
     * would span more than a store can hold (pending values below the lowest bins a sketch of values from 1 to past
     * 10^18 kept), folding collapses the lowest ones, and the query folds as before.
     */
    @Test
    void aSketchStillEncodedAnswersWhatFoldingThePendingValuesIntoItAnswers() {
        SplittableRandom rnd = new SplittableRandom(31);
        double[] qs = {0.5, 0.9, 0.95, 0.99, 0, 1, 0.25};
        int walked = 0, folded = 0;
        for (int round = 0; round < 400; round++) {
            boolean wide = round % 10 == 9;
            boolean sparse = round % 10 == 8;
            ValueDistribution d = new ValueDistribution();
            int n = ValueDistribution.MAX_PENDING + 1 + rnd.nextInt(round % 3 == 0 ? 3 : 2000);
            for (int i = 0; i < n; i++) {
                long v =
                        switch (sparse ? 3 : rnd.nextInt(wide ? 5 : 4)) {
                            case 0 -> rnd.nextInt(66_000); // the small-value table and past its end
                            case 1 -> 0;
                            case 2 -> rnd.nextLong(1, 100_000_000);
                            case 3 -> rnd.nextInt(4) == 0 ? 1 : rnd.nextLong(1, 1_000_000_000_000_000L);
                            default -> rnd.nextLong(Long.MAX_VALUE / 2, Long.MAX_VALUE);
                        };
                d.add(v);
            }
            byte[] sketch = d.sketchBytes();
            long[] pending = pending(d);
            ValueDistribution wire = ValueDistribution.restore(d.count(), d.sum(), d.min(), d.max(), pending, sketch);
            double[] expected = d.quantiles(qs); // decoded: folds what is pending, then walks
            assertThat(wire.quantiles(qs)).as("round " + round).containsExactly(expected);
            boolean unchanged = wire.sketchBytes() == sketch && Arrays.equals(pending(wire), pending);
            if (unchanged) walked++;
            else folded++;
            if (!wide)
                assertThat(unchanged).as("round " + round + ": unchanged").isTrue();
        }
        // some wide rounds left pending values below the bins the sketch kept: those fold
        assertThat(walked).isGreaterThanOrEqualTo(360);
        assertThat(folded).isPositive();
        // no pending value: the encoded bins alone; and only zeros in the sketch
        ValueDistribution onlySketch = new ValueDistribution();
        for (int i = 0; i < ValueDistribution.MAX_PENDING; i++) onlySketch.add(i % 3 == 0 ? 0 : 1000 + i);
        onlySketch.add(5); // folds all of them but this one
        ValueDistribution zeros = new ValueDistribution();
        for (int i = 0; i <= ValueDistribution.MAX_PENDING; i++) zeros.add(0);
        for (ValueDistribution d : List.of(onlySketch, zeros)) {
            ValueDistribution wire =
                    ValueDistribution.restore(d.count(), d.sum(), d.min(), d.max(), new long[0], encodeFolded(d));
            assertThat(wire.quantiles(qs)).containsExactly(d.quantiles(qs));
        }
    }

    /** The sketch of {@code d} with its pending values folded in (a query folds them), encoded. */
    private static byte[] encodeFolded(ValueDistribution d) {
        d.quantiles(0.5);
        return d.sketchBytes();
    }

    /** Every value the small-value table holds, and a few past its end, in the bins the library gives them. */
    @Test
    void everyValueOfTheTableGoesInTheLibrarysBin() {
        DDSketch library = DDSketches.logarithmicCollapsingLowestDense(
                ValueDistribution.RELATIVE_ACCURACY, ValueDistribution.MAX_BINS);
        ValueDistribution d = new ValueDistribution();
        for (long v = 0; v <= 66_000; v++) {
            library.accept(v);
            d.add(v);
        }
        d.quantiles(0.5); // folds what is pending
        ValueDistribution reference =
                ValueDistribution.restore(d.count(), d.sum(), d.min(), d.max(), new long[0], encode(library));
        assertThat(d.sketchBytes()).isEqualTo(reference.sketchBytes());
    }

    /**
     * The store decoded largest and smallest bin first holds what the library's decoding holds, for stores the library
     * encodes densely (neighbouring bins) and sparsely (a few bins far apart), decoded alone and merged into bins
     * already there; and a bin count no store here can have is refused before anything is allocated for it.
     */
    @Test
    void theStoreDecodedExtremesFirstHoldsTheLibrarysBins() throws Exception {
        SplittableRandom rnd = new SplittableRandom(29);
        var mapping = DDSketches.logarithmicCollapsingLowestDense(
                        ValueDistribution.RELATIVE_ACCURACY, ValueDistribution.MAX_BINS)
                .getIndexMapping();
        for (int round = 0; round < 200; round++) {
            boolean dense = round % 2 == 0;
            byte[] first = encode(randomSketch(rnd, dense));
            byte[] second = encode(randomSketch(rnd, !dense));
            DDSketch library = DDSketch.decode(
                    ByteArrayInput.wrap(first),
                    () -> new CollapsingLowestDenseStore(ValueDistribution.MAX_BINS),
                    mapping);
            DDSketch ours = DDSketch.decode(ByteArrayInput.wrap(first), ValueDistribution.SizedOnceStore::new, mapping);
            assertThat(bins(ours)).as("round " + round).isEqualTo(bins(library));
            assertThat(bins(ours)).isNotEmpty();
            library.decodeAndMergeWith(ByteArrayInput.wrap(second));
            ours.decodeAndMergeWith(ByteArrayInput.wrap(second));
            assertThat(bins(ours)).as("round " + round + ", merged").isEqualTo(bins(library));
            assertThat(encode(ours)).isEqualTo(encode(library));
        }
        // a dense store's header claiming one bin more than a store can span: refused
        var out = GrowingByteArrayOutput.withDefaultInitialCapacity();
        VarEncodingHelper.encodeUnsignedVarLong(out, ValueDistribution.MAX_BINS + 1);
        assertThatThrownBy(() -> new ValueDistribution.SizedOnceStore()
                        .decodeAndMergeWith(ByteArrayInput.wrap(out.trimmedCopy()), BinEncodingMode.CONTIGUOUS_COUNTS))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("2049 bins");
    }

    /** Neighbouring values (dense) or a few far apart (sparse), some repeated. */
    private static DDSketch randomSketch(SplittableRandom rnd, boolean dense) {
        DDSketch s = DDSketches.logarithmicCollapsingLowestDense(
                ValueDistribution.RELATIVE_ACCURACY, ValueDistribution.MAX_BINS);
        int n = 1 + rnd.nextInt(dense ? 400 : 12);
        long base = rnd.nextLong(1, 1_000_000);
        for (int i = 0; i < n; i++) {
            long v = dense ? base + rnd.nextInt(20_000) : rnd.nextLong(1, Long.MAX_VALUE / 4);
            for (int k = rnd.nextInt(3); k >= 0; k--) s.accept(v);
        }
        return s;
    }

    /** index=count of every non-empty bin, ascending. */
    private static List<String> bins(DDSketch s) {
        List<String> bins = new ArrayList<>();
        s.getPositiveValueStore().forEach((index, count) -> bins.add(index + "=" + count));
        return bins;
    }

    private static long[] pending(ValueDistribution d) {
        long[] p = new long[d.pendingSize()];
        for (int i = 0; i < p.length; i++) p[i] = d.pending(i);
        return p;
    }

    private static byte[] encode(DDSketch s) {
        var out = GrowingByteArrayOutput.withDefaultInitialCapacity();
        try {
            s.encode(out, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.trimmedCopy();
    }
}
