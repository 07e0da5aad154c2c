package com.vpcflow.monitoring.pipeline;

import com.vpcflow.monitoring.metrics.MetricNames;
import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.metrics.PerRequestStat;
import com.vpcflow.monitoring.metrics.Tags;
import com.vpcflow.monitoring.stats.FlowStats;
import com.vpcflow.monitoring.stats.GroupStats;
import com.vpcflow.monitoring.stats.PeerKey;
import com.vpcflow.monitoring.stats.SeriesGroup;
import com.vpcflow.monitoring.stats.TopPeers;
import com.vpcflow.monitoring.stats.ValueDistribution;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns one window's {@link FlowStats} into the series of the metric contract. Every point is stamped with the window
 * start and carries the key and every dimension of its group as tags, so (metric, tags, timestamp) is unique per
 * window and key. With {@code maxGroupsPerKey} above 0, only that many groups (most bytes first) get series of their
 * own; the rest are folded into one group whose dimensions read {@code other}, so totals stay exact.
 */
public final class FlowStatsToSeries implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long intervalSeconds;
    private final List<String> extraTags;
    private final List<PerRequestStat> perRequest;
    private final double[] quantiles;
    private final int maxGroupsPerKey;
    private final int topPeers;
    private transient Map<String, Map<PerRequestStat, String>> metricNames;

    public FlowStatsToSeries(long intervalSeconds, List<String> extraTags) {
        this(intervalSeconds, extraTags, PerRequestStat.DEFAULT, 0, 0);
    }

    public FlowStatsToSeries(
            long intervalSeconds,
            List<String> extraTags,
            List<PerRequestStat> perRequest,
            int maxGroupsPerKey,
            int topPeers) {
        this.intervalSeconds = intervalSeconds;
        this.extraTags = List.copyOf(extraTags);
        this.perRequest = List.copyOf(perRequest);
        this.quantiles = perRequest.stream()
                .filter(s -> s.quantile() > 0)
                .mapToDouble(PerRequestStat::quantile)
                .toArray();
        this.maxGroupsPerKey = maxGroupsPerKey;
        this.topPeers = topPeers;
    }

    public void emit(
            String interfaceId, String action, long windowStartSeconds, FlowStats stats, Consumer<MetricSeries> out) {
        String[] dimensions = stats.dimensions();
        Map<SeriesGroup, GroupStats> groups = stats.groups();
        if (maxGroupsPerKey > 0 && groups.size() > maxGroupsPerKey) {
            int folded = groups.size() - maxGroupsPerKey;
            groups = fold(groups, dimensions, interfaceId, action);
            out.accept(count(
                    MetricNames.GROUPS_FOLDED, keyTags(interfaceId, action, 0).sorted(), windowStartSeconds, folded));
        }
        for (Map.Entry<SeriesGroup, GroupStats> e : groups.entrySet()) {
            Tags tags = groupTags(interfaceId, action, dimensions, e.getKey());
            groupSeries(tags, e.getValue(), windowStartSeconds, out);
        }
        if (topPeers > 0 && stats.peers() != null) {
            peerSeries(interfaceId, action, stats.peers(), windowStartSeconds, out);
        }
    }

    private Tags keyTags(String interfaceId, String action, int more) {
        return new Tags(2 + more + extraTags.size() + 1)
                .add("interface_id", interfaceId)
                .add("action", action)
                .addAll(extraTags);
    }

    private Tags groupTags(String interfaceId, String action, String[] dimensions, SeriesGroup g) {
        Tags tags = keyTags(interfaceId, action, dimensions.length);
        for (int i = 0; i < dimensions.length; i++) tags.add(dimensions[i], g.value(i));
        return tags;
    }

    /**
     * The {@code maxGroupsPerKey} groups with the most bytes (ties: more records, then the sorted tag string, so a
     * replay keeps the same ones), and one {@code other} group holding the rest.
     */
    private Map<SeriesGroup, GroupStats> fold(
            Map<SeriesGroup, GroupStats> groups, String[] dimensions, String interfaceId, String action) {
        List<Map.Entry<SeriesGroup, GroupStats>> ranked = new ArrayList<>(groups.entrySet());
        Map<SeriesGroup, String> tagText = new java.util.HashMap<>();
        for (Map.Entry<SeriesGroup, GroupStats> e : ranked) {
            tagText.put(
                    e.getKey(),
                    String.join(
                            ",",
                            groupTags(interfaceId, action, dimensions, e.getKey())
                                    .sorted()));
        }
        ranked.sort(Comparator.<Map.Entry<SeriesGroup, GroupStats>>comparingLong(
                        e -> -e.getValue().bytes().sum())
                .thenComparingLong(e -> -e.getValue().records())
                .thenComparing(e -> tagText.get(e.getKey())));
        Map<SeriesGroup, GroupStats> kept = new LinkedHashMap<>();
        GroupStats other = new GroupStats();
        for (int i = 0; i < ranked.size(); i++) {
            if (i < maxGroupsPerKey)
                kept.put(ranked.get(i).getKey(), ranked.get(i).getValue());
            else other.merge(ranked.get(i).getValue());
        }
        kept.merge(SeriesGroup.other(dimensions.length), other, (a, b) -> {
            GroupStats merged = new GroupStats();
            merged.merge(a);
            merged.merge(b);
            return merged;
        });
        return kept;
    }

    private void groupSeries(Tags tags, GroupStats s, long ts, Consumer<MetricSeries> out) {
        String[] base = tags.sorted();
        if (s.requests() > 0) out.accept(count(MetricNames.ACTION, base, ts, s.requests()));
        for (Map.Entry<String, Long> st : s.statuses().entrySet()) {
            out.accept(count(MetricNames.LOG_STATUS, tags.sortedWith("status", st.getKey()), ts, st.getValue()));
        }
        if (!s.packets().isEmpty())
            out.accept(count(MetricNames.PACKETS_TOTAL, base, ts, s.packets().sum()));
        if (!s.bytes().isEmpty())
            out.accept(count(MetricNames.BYTES_TOTAL, base, ts, s.bytes().sum()));
        perRequest(MetricNames.DURATION_PER_REQUEST, s.duration(), base, ts, out);
        perRequest(MetricNames.PACKETS_PER_REQUEST, s.packets(), base, ts, out);
        perRequest(MetricNames.BYTES_PER_REQUEST, s.bytes(), base, ts, out);
    }

    private void peerSeries(String interfaceId, String action, TopPeers peers, long ts, Consumer<MetricSeries> out) {
        for (Map.Entry<String, TopPeers.Counts> e : peers.top(topPeers)) {
            PeerKey peer = PeerKey.parse(e.getKey());
            String[] tags = keyTags(interfaceId, action, 4)
                    .add("peer_ip", peer.ip())
                    .add("direction", peer.direction())
                    .add("aws_account", peer.account())
                    .add("region", peer.region())
                    .sorted();
            out.accept(count(MetricNames.TOP_PEERS_BYTES, tags, ts, e.getValue().bytes()));
            out.accept(
                    count(MetricNames.TOP_PEERS_PACKETS, tags, ts, e.getValue().packets()));
            out.accept(
                    count(MetricNames.TOP_PEERS_RECORDS, tags, ts, e.getValue().records()));
        }
    }

    private MetricSeries count(String metric, String[] tags, long ts, double value) {
        return new MetricSeries(metric, MetricSeries.COUNT, intervalSeconds, tags, ts, value);
    }

    /** {@code prefix + stat.suffix()}, made once: this runs for every gauge of every window. */
    private String metricName(String prefix, PerRequestStat stat) {
        if (metricNames == null) metricNames = new java.util.HashMap<>();
        return metricNames
                .computeIfAbsent(prefix, p -> new java.util.EnumMap<>(PerRequestStat.class))
                .computeIfAbsent(stat, s -> prefix + s.suffix());
    }

    private void perRequest(String prefix, ValueDistribution d, String[] tags, long ts, Consumer<MetricSeries> out) {
        if (d.isEmpty() || perRequest.isEmpty()) return;
        double[] q = quantiles.length == 0 ? quantiles : d.quantiles(quantiles);
        int next = 0;
        for (PerRequestStat stat : perRequest) {
            double value =
                    switch (stat) {
                        case MIN -> d.min();
                        case MAX -> d.max();
                        case AVG -> (double) d.sum() / d.count();
                        default -> q[next++];
                    };
            out.accept(new MetricSeries(metricName(prefix, stat), MetricSeries.GAUGE, 0, tags, ts, value));
        }
    }
}
