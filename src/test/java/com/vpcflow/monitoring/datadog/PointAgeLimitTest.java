package com.vpcflow.monitoring.datadog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.Test;

/** Datadog's one-hour age limit: which points it would drop, counted, and reported at most once a minute. */
class PointAgeLimitTest {
    static final long NOW = 1_800_000_000_000L; // ms

    @Test
    void countsPointsMoreThanAnHourOldAndReportsAtMostOnceAMinute() {
        SimpleCounter counter = new SimpleCounter();
        PointAgeLimit limit = new PointAgeLimit(Duration.ofHours(1), counter, NOW);
        long now = NOW / 1000;
        assertThat(limit.tooOld(now, NOW)).isFalse();
        assertThat(limit.tooOld(now - 3600, NOW)).as("exactly an hour: kept").isFalse();
        assertThat(limit.tooOld(now - 3601, NOW)).isTrue();
        assertThat(limit.due(NOW, false)).as("the first is reported at once").isEqualTo(1L);
        assertThat(limit.tooOld(1_700_000_040L, NOW + 1_000)).isTrue();
        assertThat(limit.tooOld(1_700_000_100L, NOW + 2_000)).isTrue();
        assertThat(limit.due(NOW + 59_999, false)).as("within the minute").isNull();
        assertThat(limit.due(NOW + 60_000, false)).isEqualTo(2L);
        assertThat(limit.due(NOW + 200_000, false)).as("nothing new").isNull();
        assertThat(counter.getCount()).isEqualTo(3);
        assertThat(limit.total()).isEqualTo(3);
    }

    /** Against a clock that says how often it is read: only for points its last reading does not prove too old. */
    @Test
    void readsTheClockOnlyWhereItsLastReadingDoesNotDecide() {
        SimpleCounter counter = new SimpleCounter();
        PointAgeLimit limit = new PointAgeLimit(Duration.ofHours(1), counter, NOW);
        long[] clock = {NOW};
        int[] reads = {0};
        java.util.function.LongSupplier reading = () -> {
            reads[0]++;
            return clock[0];
        };
        long now = NOW / 1000;
        assertThat(limit.tooOld(now - 4000, reading))
                .as("the first point reads the clock")
                .isTrue();
        assertThat(reads[0]).isEqualTo(1);
        assertThat(limit.tooOld(now - 3601, reading)).isTrue();
        assertThat(limit.tooOld(1_700_000_040L, reading)).isTrue();
        assertThat(reads[0]).as("older than the last reading's cutoff: no read").isEqualTo(1);
        assertThat(limit.tooOld(now - 3600, reading))
                .as("exactly an hour: kept")
                .isFalse();
        assertThat(reads[0]).isEqualTo(2);
        clock[0] = NOW + 10_000; // ten seconds later the same point is too old: a read tells
        assertThat(limit.tooOld(now - 3600, reading)).isTrue();
        assertThat(reads[0]).isEqualTo(3);
        assertThat(limit.tooOld(now - 3605, reading))
                .as("proven by the new reading")
                .isTrue();
        assertThat(reads[0]).isEqualTo(3);
        assertThat(limit.tooOld(now, reading)).isFalse();
        assertThat(reads[0]).isEqualTo(4);
        assertThat(counter.getCount()).isEqualTo(5);
    }
}
