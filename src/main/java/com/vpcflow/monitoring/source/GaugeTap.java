package com.vpcflow.monitoring.source;

import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.metrics.CharacterFilter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.MetricGroup;

/**
 * A metric group that registers everything in the group it wraps and also hands one named gauge to the job: the
 * connector keeps its per-shard figures in gauges only, and this is how the job reads one without reflection.
 */
final class GaugeTap implements MetricGroup {
    private final MetricGroup group;
    private final String name;
    private final Consumer<Gauge<?>> tap;

    GaugeTap(MetricGroup group, String name, Consumer<Gauge<?>> tap) {
        this.group = group;
        this.name = name;
        this.tap = tap;
    }

    @Override
    public <T, G extends Gauge<T>> G gauge(String gaugeName, G gauge) {
        if (gaugeName.equals(name)) tap.accept(gauge);
        return group.gauge(gaugeName, gauge);
    }

    @Override
    public Counter counter(String counterName) {
        return group.counter(counterName);
    }

    @Override
    public <C extends Counter> C counter(String counterName, C counter) {
        return group.counter(counterName, counter);
    }

    @Override
    public <H extends Histogram> H histogram(String histogramName, H histogram) {
        return group.histogram(histogramName, histogram);
    }

    @Override
    public <M extends Meter> M meter(String meterName, M meter) {
        return group.meter(meterName, meter);
    }

    @Override
    public MetricGroup addGroup(String groupName) {
        return group.addGroup(groupName);
    }

    @Override
    public MetricGroup addGroup(String key, String value) {
        return group.addGroup(key, value);
    }

    @Override
    public String[] getScopeComponents() {
        return group.getScopeComponents();
    }

    @Override
    public Map<String, String> getAllVariables() {
        return group.getAllVariables();
    }

    @Override
    public String getMetricIdentifier(String metricName) {
        return group.getMetricIdentifier(metricName);
    }

    @Override
    public String getMetricIdentifier(String metricName, CharacterFilter filter) {
        return group.getMetricIdentifier(metricName, filter);
    }
}
