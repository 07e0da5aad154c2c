package com.vpcflow.monitoring.stats;

import com.vpcflow.monitoring.flowlog.FlowRecord;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * The window accumulator of one (ENI, action) key: {@link GroupStats} per {@link SeriesGroup}. Raw records are never
 * kept; state size grows with distinct groups, and each group's sketches are bounded. Serialized by
 * {@link FlowStatsSerializer}.
 */
@TypeInfo(FlowStatsTypeInfoFactory.class)
public final class FlowStats {
    final Map<SeriesGroup, GroupStats> groups = new HashMap<>(4);

    public void add(FlowRecord r) {
        SeriesGroup g = new SeriesGroup(r.protocol, r.direction, r.ip, r.accountId, r.region);
        groups.computeIfAbsent(g, k -> new GroupStats()).add(r);
    }

    public FlowStats merge(FlowStats other) {
        other.groups.forEach((g, s) -> groups.merge(g, s, (a, b) -> {
            a.merge(b);
            return a;
        }));
        return this;
    }

    public Map<SeriesGroup, GroupStats> groups() {
        return groups;
    }
}
