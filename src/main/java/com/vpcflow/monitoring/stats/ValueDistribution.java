package com.vpcflow.monitoring.stats;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.BinEncodingMode;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.encoding.Input;
import com.datadoghq.sketch.ddsketch.encoding.VarEncodingHelper;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import com.datadoghq.sketch.ddsketch.store.BinAcceptor;
import com.datadoghq.sketch.ddsketch.store.CollapsingLowestDenseStore;
import com.datadoghq.sketch.ddsketch.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Count, sum, exact min and max, and the distribution of non-negative values for nearest-rank quantiles. Values are
 * first kept as they are (up to {@value #MAX_PENDING}); past that they go into a DDSketch (1% relative accuracy, at
 * most {@value #MAX_BINS} bins), so memory is bounded whatever the traffic. Groups with few values, most of them,
 * get exact quantiles and never touch the sketch.
 *
 * <p>Built for RocksDB, where window state is deserialized and serialized on every record: the sketch travels in
 * its binary encoding and is decoded only when a batch of {@value #MAX_PENDING} pending values goes into it, not per
 * record (JMH: {@code WindowStateBenchmark}).
 */
public final class ValueDistribution {
    public static final double RELATIVE_ACCURACY = 0.01;
    /** 2048 bins at 1% cover values from 1 to about 1e17 before the lowest bins collapse. */
    static final int MAX_BINS = 2048;
    /** Values kept exactly before they are folded into the sketch. */
    static final int MAX_PENDING = 128;

    /**
     * Every sketch starts as a copy of this empty one, never changed: one made from scratch computes its mapping's
     * constants (a logarithm, powers) each time, and a sketch is made per group and distribution of every batch.
     */
    private static final DDSketch EMPTY = DDSketches.logarithmicCollapsingLowestDense(RELATIVE_ACCURACY, MAX_BINS);

    /**
     * The bin of each value from 1 to {@value #SMALL_VALUES} - 1, as the sketch's mapping computes it (a logarithm
     * per value): durations and packet counts are nearly always that small, and most records' bytes. 128 KiB once per
     * JVM (bins 0 to 554 fit a short); up to 65,536 rather than 4,096, values of 1 to 8,000 cost 11 ns an add instead
     * of 15 (a throwaway loop of adds).
     */
    private static final int SMALL_VALUES = 1 << 16;

    private static final short[] SMALL_BINS = new short[SMALL_VALUES];

    static {
        for (int v = 1; v < SMALL_VALUES; v++)
            SMALL_BINS[v] = (short) EMPTY.getIndexMapping().index(v);
    }

    private long count;
    private long sum;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    private long[] pending = new long[8];
    private int pendingSize;
    /** The sketch, if values were ever folded into it: decoded, or still in its encoding (or both, equal). */
    private DDSketch sketch;

    private byte[] encoded;

    public void add(long value) {
        count++;
        sum = saturatedAdd(sum, value);
        if (value < min) min = value;
        if (value > max) max = value;
        appendPending(value);
    }

    /** Keeps a value exactly; when {@value #MAX_PENDING} are kept, they go into the sketch first. */
    private void appendPending(long value) {
        if (pendingSize == MAX_PENDING) foldPending();
        if (pendingSize == pending.length) pending = Arrays.copyOf(pending, Math.min(MAX_PENDING, pending.length * 2));
        pending[pendingSize++] = value;
    }

    public void merge(ValueDistribution other) {
        if (other.count == 0) return;
        count += other.count;
        sum = saturatedAdd(sum, other.sum);
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        if (other.hasSketch()) {
            decodedSketch().mergeWith(other.decodedSketch());
            encoded = null;
        }
        for (int i = 0; i < other.pendingSize; i++) appendPending(other.pending[i]);
    }

    public long count() {
        return count;
    }

    public long sum() {
        return sum;
    }

    public long min() {
        return min;
    }

    public long max() {
        return max;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /**
     * The nearest-rank q-quantile (the ceil(q*n)-th smallest value): exact while all values are pending, else from
     * the sketch within 1%, clamped to the exact [min, max].
     */
    public double quantile(double q) {
        return quantiles(q)[0];
    }

    /**
     * {@link #quantile} of each q, selecting their ranks among the pending values (or folding them into the sketch)
     * once for all.
     */
    public double[] quantiles(double... qs) {
        if (count == 0) throw new IllegalStateException("no values");
        double[] out = new double[qs.length];
        if (!hasSketch()) {
            long[] values = Arrays.copyOf(pending, pendingSize);
            int[] ranks = new int[qs.length];
            for (int i = 0; i < qs.length; i++) ranks[i] = (int) nearestRank(qs[i]);
            RankSelection.select(values, pendingSize, ranks);
            for (int i = 0; i < qs.length; i++) out[i] = values[ranks[i]];
            return out;
        }
        double[] sketchQs = new double[qs.length];
        for (int i = 0; i < qs.length; i++) {
            // DDSketch ranks by q*(n-1): ask it for the rank we want, half a rank up to be safe from rounding.
            long k = nearestRank(qs[i]);
            sketchQs[i] = count == 1 ? 0 : Math.min(1.0, (k + 0.5) / (count - 1));
        }
        double[] values = sketch == null ? encodedQuantiles(sketchQs) : null;
        if (values == null) {
            // The pending values go into the sketch here, as the next add would have put them: the same distribution,
            // no copy of the sketch per query (a window's series ask every distribution of every group once).
            if (pendingSize > 0) foldPending();
            values = valuesAtQuantiles(decodedSketch(), sketchQs);
        }
        for (int i = 0; i < qs.length; i++) out[i] = Math.max(min, Math.min(max, values[i]));
        return out;
    }

    /**
     * What {@link DDSketch#getValuesAtQuantiles} answers, in one pass over the bins for all quantiles: the library
     * walks the bins from the lowest for each quantile (and boxes a bin per step), which was a tenth of the window
     * task's time. Same arithmetic: the rank {@code q * (count - 1)}, the first bin whose running count exceeds it,
     * zeros first. Values here are never negative; a sketch with negative values is left to the library.
     */
    static double[] valuesAtQuantiles(DDSketch sketch, double[] qs) {
        if (!sketch.getNegativeValueStore().isEmpty()) return sketch.getValuesAtQuantiles(qs);
        double count = sketch.getCount();
        if (count == 0) throw new java.util.NoSuchElementException();
        int[] order = ascendingOrder(qs);
        double[] ranks = new double[qs.length];
        for (int i = 0; i < qs.length; i++) ranks[i] = qs[order[i]] * (count - 1);
        double[] values = new double[qs.length];
        Store positive = sketch.getPositiveValueStore();
        QuantileWalk walk = new QuantileWalk(ranks, order, values, sketch.getIndexMapping());
        walk.n = count - positive.getTotalCount(); // the zeros: below every positive bin
        while (walk.next < ranks.length && walk.n > ranks[walk.next]) values[order[walk.next++]] = 0;
        positive.forEach(walk);
        if (walk.next < ranks.length) throw new java.util.NoSuchElementException();
        return values;
    }

    /**
     * What {@link #valuesAtQuantiles} answers for the sketch still in its encoding with the pending values folded in,
     * without either: the encoded bins, read as they are, and the pending values' bins, counted into one array over
     * their range and walked. A window's distributions arrive off the wire encoded and are asked once: decoding them
     * into a store and folding the pending values in was a sixth of the windows task's CPU samples; this answers in
     * two thirds of that time (one JVM, both versions, both orders). Leaves the distribution as it was. Null when that
     * fold could collapse bins (the bins would span more than {@value #MAX_BINS}) or values are negative: the caller
     * folds.
     */
    private double[] encodedQuantiles(double[] qs) {
        DDSketch decoded;
        try {
            // only to read the bins: its stores keep them as they are encoded, nothing is added
            decoded = DDSketch.decode(ByteArrayInput.wrap(encoded), EncodedBins::new, EMPTY.getIndexMapping());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EncodedBins positive = (EncodedBins) decoded.getPositiveValueStore();
        EncodedBins negative = (EncodedBins) decoded.getNegativeValueStore();
        if (!positive.readable || !negative.readable || negative.size > 0) return null;
        // what the stores hold adds nothing to the count: it is the encoding's zeros
        double zeros = decoded.getCount();
        int[] own = new int[pendingSize];
        int m = 0;
        int lowest = positive.size > 0 ? positive.index(0) : Integer.MAX_VALUE;
        int highest = positive.size > 0 ? positive.index(positive.size - 1) : Integer.MIN_VALUE;
        for (int i = 0; i < pendingSize; i++) {
            long v = pending[i];
            if (v < 0) return null;
            if (v == 0) {
                zeros++;
                continue;
            }
            int index = binOf(v);
            lowest = Math.min(lowest, index);
            highest = Math.max(highest, index);
            own[m++] = index;
        }
        boolean anyBin = m + positive.size > 0;
        if (anyBin && (long) highest - lowest + 1 > MAX_BINS) return null;
        // every bin of the range, counted: at most MAX_BINS, and no sort of the pending values' bins
        double[] bins = new double[anyBin ? highest - lowest + 1 : 0];
        for (int i = 0; i < positive.size; i++) bins[positive.index(i) - lowest] += positive.counts[i];
        for (int i = 0; i < m; i++) bins[own[i] - lowest]++;
        double total = zeros + positive.total + m;
        if (total == 0) throw new java.util.NoSuchElementException();
        // the walk of valuesAtQuantiles over an array, by hand: through its BinAcceptor it was 3-15% slower (AB
        // harness), and it stops at the last rank
        int[] order = ascendingOrder(qs);
        double[] ranks = new double[qs.length];
        for (int i = 0; i < qs.length; i++) ranks[i] = qs[order[i]] * (total - 1);
        double[] values = new double[qs.length];
        int next = 0;
        double n = zeros;
        while (next < ranks.length && n > ranks[next]) values[order[next++]] = 0;
        IndexMapping mapping = EMPTY.getIndexMapping();
        for (int b = 0; b < bins.length && next < ranks.length; b++) {
            if (bins[b] == 0) continue;
            n += bins[b];
            while (next < ranks.length && n > ranks[next]) values[order[next++]] = mapping.value(lowest + b);
        }
        if (next < ranks.length) throw new java.util.NoSuchElementException();
        return values;
    }

    /**
     * A store that keeps the bins decoded into it as they come, instead of adding them: for {@link #encodedQuantiles}
     * to count. Not readable (the caller then decodes for real) when the bins do not come strictly ascending (their
     * first and last are then not the range) or in an encoding {@link SizedOnceStore} leaves to the library.
     */
    private static final class EncodedBins extends CollapsingLowestDenseStore {
        long[] indexes = new long[0];
        double[] counts = new double[0];
        int size;
        double total;
        boolean readable = true;

        EncodedBins() {
            super(MAX_BINS);
        }

        int index(int i) {
            return (int) indexes[i];
        }

        @Override
        public void decodeAndMergeWith(Input input, BinEncodingMode mode) throws IOException {
            Bins bins = Bins.read(input, mode);
            if (bins == null) {
                readable = false;
                super.decodeAndMergeWith(input, mode); // read past them
                return;
            }
            indexes = Arrays.copyOf(indexes, size + bins.indexes.length);
            counts = Arrays.copyOf(counts, size + bins.indexes.length);
            for (int k = 0; k < bins.indexes.length; k++) {
                long index = bins.indexes[k];
                if (index < Integer.MIN_VALUE
                        || index > Integer.MAX_VALUE
                        || (size > 0 && index <= indexes[size - 1])) {
                    readable = false;
                }
                indexes[size] = index;
                counts[size++] = bins.counts[k];
                total += bins.counts[k];
            }
        }
    }

    /** The quantiles' indices, by quantile (insertion sort: a handful of them). */
    private static int[] ascendingOrder(double[] qs) {
        int[] order = new int[qs.length];
        for (int i = 0; i < qs.length; i++) {
            if (qs[i] < 0 || qs[i] > 1) throw new IllegalArgumentException("The quantile must be between 0 and 1.");
            int j = i;
            for (; j > 0 && qs[order[j - 1]] > qs[i]; j--) order[j] = order[j - 1];
            order[j] = i;
        }
        return order;
    }

    /** The running count over the bins, ascending, answering each rank (in ascending order) where it is exceeded. */
    private static final class QuantileWalk implements BinAcceptor {
        final double[] ranks;
        final int[] order;
        final double[] values;
        final IndexMapping mapping;
        double n;
        int next;

        QuantileWalk(double[] ranks, int[] order, double[] values, IndexMapping mapping) {
            this.ranks = ranks;
            this.order = order;
            this.values = values;
            this.mapping = mapping;
        }

        @Override
        public void accept(int index, double binCount) {
            n += binCount;
            while (next < ranks.length && n > ranks[next]) values[order[next++]] = mapping.value(index);
        }
    }

    /** 0-based index of the nearest-rank q-quantile among the values. */
    private long nearestRank(double q) {
        return Math.max(1, (long) Math.ceil(q * count)) - 1;
    }

    private boolean hasSketch() {
        return sketch != null || encoded != null;
    }

    /** Moves the pending values (at least one) into the sketch. */
    private void foldPending() {
        DDSketch s = decodedSketch();
        // The largest and smallest values go in first: the store then grows to their range at once, not once per
        // new bin at either end (its array grows 64 bins at a time, copied each time). The bins are the same.
        extremesFirst(pending, pendingSize, i -> accept(s, pending[i]));
        pendingSize = 0;
        encoded = null;
    }

    /**
     * Visits the positions of {@code keys[0, n)}: the largest key's, the smallest's, then the others in order. What
     * goes into a store in this order grows its array once, to the range of the two first.
     */
    private static void extremesFirst(long[] keys, int n, IntConsumer visit) {
        if (n == 0) return;
        int largest = 0, smallest = 0;
        for (int i = 1; i < n; i++) {
            if (keys[i] > keys[largest]) largest = i;
            if (keys[i] < keys[smallest]) smallest = i;
        }
        visit.accept(largest);
        if (smallest != largest) visit.accept(smallest);
        for (int i = 0; i < n; i++) {
            if (i != largest && i != smallest) visit.accept(i);
        }
    }

    /** {@code s.accept(v)}; the bin by {@link #binOf}, as every sketch here shares the empty one's mapping. */
    private static void accept(DDSketch s, long v) {
        if (v > 0 && s.getIndexMapping() == EMPTY.getIndexMapping()) {
            s.getPositiveValueStore().add(binOf(v));
        } else {
            s.accept(v);
        }
    }

    /** The bin of a positive value in the empty sketch's mapping: from the table when it is small. */
    private static int binOf(long v) {
        return v < SMALL_VALUES ? SMALL_BINS[(int) v] : EMPTY.getIndexMapping().index(v);
    }

    private DDSketch decodedSketch() {
        if (sketch == null) {
            if (encoded == null) {
                sketch = EMPTY.copy();
            } else {
                try {
                    // with the empty sketch's mapping (the encoding's is checked against it): the table's bins hold
                    sketch =
                            DDSketch.decode(ByteArrayInput.wrap(encoded), SizedOnceStore::new, EMPTY.getIndexMapping());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return sketch;
    }

    /**
     * The sketch's store, decoded with its largest and smallest bins first ({@link #extremesFirst}), as {@link
     * #foldPending} adds its values:
     * the library adds the encoded bins lowest first, and the store's array grows 64 bins at a time, copied each time
     * (a tenth of the window task's time went to that growth and its copies). The same bins and counts.
     */
    static final class SizedOnceStore extends CollapsingLowestDenseStore {
        SizedOnceStore() {
            super(MAX_BINS);
        }

        @Override
        public void decodeAndMergeWith(Input input, BinEncodingMode mode) throws IOException {
            Bins bins = Bins.read(input, mode);
            if (bins == null) {
                super.decodeAndMergeWith(input, mode); // counts of one, not written by DenseStore.encode
                return;
            }
            extremesFirst(
                    bins.indexes, bins.indexes.length, i -> add(Math.toIntExact(bins.indexes[i]), bins.counts[i]));
        }
    }

    /** One encoded block of a store's bins, in the order it holds them. */
    private record Bins(long[] indexes, double[] counts) {
        /** The block that follows, in either encoding {@code DenseStore.encode} writes; null for any other. */
        static Bins read(Input input, BinEncodingMode mode) throws IOException {
            long[] indexes;
            double[] counts;
            switch (mode) {
                case CONTIGUOUS_COUNTS -> {
                    int n = binCount(input);
                    long index = VarEncodingHelper.decodeSignedVarLong(input);
                    long delta = VarEncodingHelper.decodeSignedVarLong(input);
                    indexes = new long[n];
                    counts = new double[n];
                    for (int i = 0; i < n; i++, index += delta) {
                        indexes[i] = index;
                        counts[i] = VarEncodingHelper.decodeVarDouble(input);
                    }
                }
                case INDEX_DELTAS_AND_COUNTS -> {
                    int n = binCount(input);
                    indexes = new long[n];
                    counts = new double[n];
                    long index = 0;
                    for (int i = 0; i < n; i++) {
                        index += VarEncodingHelper.decodeSignedVarLong(input);
                        indexes[i] = index;
                        counts[i] = VarEncodingHelper.decodeVarDouble(input);
                    }
                }
                default -> {
                    return null;
                }
            }
            return new Bins(indexes, counts);
        }

        /**
         * The number of bins that follow: at most {@value #MAX_BINS}, all a store here can span, so corrupt bytes
         * cannot make it allocate more.
         */
        private static int binCount(Input input) throws IOException {
            long n = VarEncodingHelper.decodeUnsignedVarLong(input);
            if (n < 0 || n > MAX_BINS) throw new IOException("a store of " + n + " bins, more than " + MAX_BINS);
            return (int) n;
        }
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    // --- for FlowStatsSerializer ---

    int pendingSize() {
        return pendingSize;
    }

    long pending(int i) {
        return pending[i];
    }

    /** The sketch's encoding (empty when there is none), encoded at most once per change. */
    byte[] sketchBytes() {
        if (!hasSketch()) return new byte[0];
        if (encoded == null) {
            GrowingByteArrayOutput out = GrowingByteArrayOutput.withDefaultInitialCapacity();
            try {
                sketch.encode(out, false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            encoded = out.trimmedCopy();
        }
        return encoded;
    }

    static ValueDistribution restore(long count, long sum, long min, long max, long[] pending, byte[] sketchBytes) {
        ValueDistribution d = new ValueDistribution();
        d.count = count;
        d.sum = sum;
        d.min = min;
        d.max = max;
        d.pending = pending.length == 0 ? new long[8] : pending;
        d.pendingSize = pending.length;
        d.encoded = sketchBytes.length == 0 ? null : sketchBytes; // decoded only if more values have to go in
        return d;
    }

    ValueDistribution copy() {
        return restore(count, sum, min, max, Arrays.copyOf(pending, pendingSize), sketchBytes());
    }
}
