package com.vpcflow.monitoring.pipeline;

import com.vpcflow.monitoring.flowlog.IanaProtocols;
import com.vpcflow.monitoring.metrics.MetricNames;
import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.metrics.Tags;
import com.vpcflow.monitoring.stats.FlowStats;
import com.vpcflow.monitoring.stats.GroupStats;
import com.vpcflow.monitoring.stats.SeriesGroup;
import com.vpcflow.monitoring.stats.ValueDistribution;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns one window's {@link FlowStats} into the series of the metric contract. Every point is stamped with the window
 * start and carries all group fields as tags, so (metric, tags, timestamp) is unique per window and key.
 */
public final class FlowStatsToSeries implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long intervalSeconds;
    private final List<String> extraTags;

    public FlowStatsToSeries(long intervalSeconds, List<String> extraTags) {
        this.intervalSeconds = intervalSeconds;
        this.extraTags = List.copyOf(extraTags);
    }

    public void emit(
            String interfaceId, String action, long windowStartSeconds, FlowStats stats, Consumer<MetricSeries> out) {
        for (Map.Entry<SeriesGroup, GroupStats> e : stats.groups().entrySet()) {
            SeriesGroup g = e.getKey();
            GroupStats s = e.getValue();
            Tags tags = new Tags(8 + extraTags.size())
                    .add("interface_id", interfaceId)
                    .add("protocol", IanaProtocols.name(g.protocol()))
                    .add("ip", g.ip())
                    .add("direction", g.direction())
                    .add("action", action)
                    .add("aws_account", g.account())
                    .add("region", g.region())
                    .addAll(extraTags);
            String[] base = tags.sorted();
            if (s.requests() > 0) {
                out.accept(count(MetricNames.ACTION, base, windowStartSeconds, s.requests()));
            }
            for (Map.Entry<String, Long> st : s.statuses().entrySet()) {
                out.accept(count(
                        MetricNames.LOG_STATUS,
                        tags.sortedWith("status", st.getKey()),
                        windowStartSeconds,
                        st.getValue()));
            }
            if (!s.packets().isEmpty()) {
                out.accept(count(
                        MetricNames.PACKETS_TOTAL,
                        base,
                        windowStartSeconds,
                        s.packets().sum()));
            }
            if (!s.bytes().isEmpty()) {
                out.accept(count(
                        MetricNames.BYTES_TOTAL,
                        base,
                        windowStartSeconds,
                        s.bytes().sum()));
            }
            perRequest(MetricNames.DURATION_PER_REQUEST, s.duration(), base, windowStartSeconds, out);
            perRequest(MetricNames.PACKETS_PER_REQUEST, s.packets(), base, windowStartSeconds, out);
            perRequest(MetricNames.BYTES_PER_REQUEST, s.bytes(), base, windowStartSeconds, out);
        }
    }

    private MetricSeries count(String metric, String[] tags, long ts, double value) {
        return new MetricSeries(metric, MetricSeries.COUNT, intervalSeconds, tags, ts, value);
    }

    private static void perRequest(
            String prefix, ValueDistribution d, String[] tags, long ts, Consumer<MetricSeries> out) {
        if (d.isEmpty()) return;
        String[] stats = MetricNames.STATS;
        out.accept(gauge(prefix + stats[0], tags, ts, d.min()));
        double[] quantiles = d.quantiles(MetricNames.QUANTILES);
        for (int i = 0; i < quantiles.length; i++) {
            out.accept(gauge(prefix + stats[i + 1], tags, ts, quantiles[i]));
        }
        out.accept(gauge(prefix + stats[stats.length - 1], tags, ts, d.max()));
    }

    private static MetricSeries gauge(String metric, String[] tags, long ts, double value) {
        return new MetricSeries(metric, MetricSeries.GAUGE, 0, tags, ts, value);
    }
}
