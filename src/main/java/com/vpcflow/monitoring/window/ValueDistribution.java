package com.vpcflow.monitoring.window;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.store.CollapsingLowestDenseStore;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Count, sum, exact min and max, and a DDSketch (1% relative accuracy, at most {@value #MAX_BINS} bins, so memory
 * is bounded whatever the traffic) of non-negative values. Quantiles use the nearest-rank definition.
 */
public final class ValueDistribution {
    public static final double RELATIVE_ACCURACY = 0.01;
    /** 2048 bins at 1% cover values from 1 to about 1e17 before the lowest bins collapse. */
    static final int MAX_BINS = 2048;

    private long count;
    private long sum;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    private final DDSketch sketch;

    public ValueDistribution() {
        this(DDSketches.logarithmicCollapsingLowestDense(RELATIVE_ACCURACY, MAX_BINS));
    }

    private ValueDistribution(DDSketch sketch) {
        this.sketch = sketch;
    }

    public void add(long value) {
        count++;
        sum = saturatedAdd(sum, value);
        if (value < min) min = value;
        if (value > max) max = value;
        sketch.accept(value);
    }

    public void merge(ValueDistribution other) {
        if (other.count == 0) return;
        count += other.count;
        sum = saturatedAdd(sum, other.sum);
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        sketch.mergeWith(other.sketch);
    }

    public long count() { return count; }

    public long sum() { return sum; }

    public long min() { return min; }

    public long max() { return max; }

    public boolean isEmpty() { return count == 0; }

    /**
     * The nearest-rank q-quantile (the ceil(q*n)-th smallest value) within 1%, clamped to the exact [min, max].
     * DDSketch ranks by q*(n-1), so ask it for the rank we want, half a rank up to be safe from rounding.
     */
    public double quantile(double q) {
        if (count == 0) throw new IllegalStateException("no values");
        long k = Math.max(1, (long) Math.ceil(q * count)) - 1; // 0-based nearest rank
        double sketchQ = count == 1 ? 0 : Math.min(1.0, (k + 0.5) / (count - 1));
        double v = sketch.getValueAtQuantile(sketchQ);
        return Math.max(min, Math.min(max, v));
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    byte[] encodeSketch() {
        GrowingByteArrayOutput out = GrowingByteArrayOutput.withDefaultInitialCapacity();
        try {
            sketch.encode(out, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.trimmedCopy();
    }

    static ValueDistribution restore(long count, long sum, long min, long max, byte[] encodedSketch) throws IOException {
        ValueDistribution d = new ValueDistribution(DDSketch.decode(ByteArrayInput.wrap(encodedSketch),
                () -> new CollapsingLowestDenseStore(MAX_BINS)));
        d.count = count;
        d.sum = sum;
        d.min = min;
        d.max = max;
        return d;
    }

    ValueDistribution copy() {
        ValueDistribution d = new ValueDistribution(sketch.copy());
        d.count = count;
        d.sum = sum;
        d.min = min;
        d.max = max;
        return d;
    }
}
