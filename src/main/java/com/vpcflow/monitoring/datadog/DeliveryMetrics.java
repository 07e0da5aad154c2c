package com.vpcflow.monitoring.datadog;

import com.vpcflow.monitoring.observability.ProgressCounter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The writer's Flink metrics, group {@code datadog}: {@code requestsSent}, {@code seriesSent}, {@code bytesSent},
 * {@code retries}, {@code droppedSeries}, {@code failures} per {@code status}, {@code requestLatencyMillis}. Updated
 * from HTTP client threads, hence thread-safe counters.
 */
final class DeliveryMetrics {
    private final MetricGroup group;
    private final Counter requestsSent, seriesSent, bytesSent, retries, droppedSeries, bodies;
    private final Histogram latencyMillis;
    private final Map<Integer, Counter> failuresByStatus = new ConcurrentHashMap<>();

    DeliveryMetrics(MetricGroup parent) {
        group = parent.addGroup("datadog");
        requestsSent = group.counter("requestsSent", new ThreadSafeSimpleCounter());
        seriesSent = group.counter("seriesSent", new ThreadSafeSimpleCounter());
        bytesSent = group.counter("bytesSent", new ThreadSafeSimpleCounter());
        retries = group.counter("retries", new ThreadSafeSimpleCounter());
        droppedSeries = group.counter("droppedSeries", new ThreadSafeSimpleCounter());
        latencyMillis = group.histogram("requestLatencyMillis", new DescriptiveStatisticsHistogram(1000));
        bodies = new ProgressCounter(ProgressCounter.Kind.BODIES);
    }

    void sent(int compressedBytes) {
        requestsSent.inc();
        bytesSent.inc(compressedBytes);
    }

    void answered(long latencyMs) {
        latencyMillis.update(latencyMs);
    }

    void delivered(int series) {
        seriesSent.inc(series);
        bodies.inc();
    }

    void failed(int status) {
        failuresByStatus
                .computeIfAbsent(status, s -> group.addGroup(
                                "status", s == ResponsePolicy.NO_RESPONSE ? "no_response" : Integer.toString(s))
                        .counter("failures", new ThreadSafeSimpleCounter()))
                .inc();
    }

    void retrying(int series) {
        retries.inc(series);
    }

    void dropped(int series) {
        droppedSeries.inc(series);
    }
}
