package com.vpcflow.monitoring.stats;

import com.vpcflow.monitoring.flowlog.EniAddress;
import com.vpcflow.monitoring.flowlog.FlowRecord;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * The window accumulator of one (ENI, action) key: {@link GroupStats} per {@link SeriesGroup} of the dimensions it
 * was built with, and optionally the key's {@link TopPeers}. Raw records are never kept. Bounds: one entry per
 * distinct group seen in the window (as many as the dimensions' distinct values; {@code --max-groups-per-key} bounds
 * what is emitted, not what is held), each group's distributions bounded ({@link ValueDistribution}), the peers
 * bounded by their capacity. Serialized by {@link FlowStatsSerializer}.
 */
@TypeInfo(FlowStatsTypeInfoFactory.class)
public final class FlowStats {
    private static final String[] NONE = new String[0];

    /** The dimension names of the groups' values. */
    String[] dimensions = NONE;

    final Map<SeriesGroup, GroupStats> groups = new HashMap<>(4);
    /** Null when top peers are off. */
    TopPeers peers;

    /**
     * The groups {@link #add} put records in last, by their values' identity: the parser, the address and the derived
     * tags give a payload's repeated values as one string each, so a record of one of these groups (nearly all) is
     * added without a {@link SeriesGroup} built and hashed for it. At most {@value #RECENT}; not state (a copy or a
     * restored accumulator starts without).
     */
    private static final int RECENT = 8;

    private String[][] recentValues;
    private GroupStats[] recentStats;
    private int recentNext;
    /** The record's values, before it is known whether its group is a recent one. */
    private String[] scratch;

    public void add(FlowRecord r, Grouping grouping) {
        Dimensions dims = grouping.dimensions();
        if (groups.isEmpty()) dimensions = dims.names();
        if (scratch == null || scratch.length != dims.size()) {
            scratch = new String[dims.size()];
            recentValues = new String[RECENT][];
            recentStats = new GroupStats[RECENT];
        }
        dims.valuesInto(r, scratch);
        GroupStats group = recent(scratch);
        if (group == null) {
            String[] values = scratch.clone();
            group = groups.computeIfAbsent(new SeriesGroup(values), k -> new GroupStats());
            recentValues[recentNext] = values;
            recentStats[recentNext] = group;
            recentNext = (recentNext + 1) % RECENT;
        }
        group.add(r);
        if (grouping.peerCapacity() > 0) {
            String peer = peerOf(r);
            if (peer != null) {
                if (peers == null) peers = new TopPeers(grouping.peerCapacity());
                peers.add(peer, r.bytes, r.packets);
            }
        }
    }

    private GroupStats recent(String[] values) {
        for (int i = 0; i < RECENT; i++) {
            String[] candidate = recentValues[i];
            if (candidate == null) return null;
            if (sameStrings(candidate, values)) return recentStats[i];
        }
        return null;
    }

    /** The same strings, not equal ones: a miss only costs a lookup by value. */
    private static boolean sameStrings(String[] a, String[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) return false;
        }
        return true;
    }

    /**
     * The summary key of the record's remote address: the address that is not the ENI's own (by {@code
     * flow-direction} when the format has it), with the direction, account and region it is reported under; null when
     * the record does not tell.
     */
    static String peerOf(FlowRecord r) {
        String peer;
        if ("ingress".equals(r.flowDirection)) peer = r.srcAddr;
        else if ("egress".equals(r.flowDirection)) peer = r.dstAddr;
        else if (r.ip == null || EniAddress.UNKNOWN.equals(r.ip)) peer = null;
        else if (r.ip.equals(r.srcAddr)) peer = r.dstAddr;
        else if (r.ip.equals(r.dstAddr)) peer = r.srcAddr;
        else peer = null;
        if (peer == null) return null;
        return PeerKey.of(peer, r.direction, r.accountId, r.region);
    }

    /**
     * Adds another accumulator. Windows open across an upgrade that changed the dimensions keep the ones they
     * started with: groups of other dimensions are projected onto them by name (a dimension they lack reads as no tag).
     */
    public FlowStats merge(FlowStats other) {
        if (groups.isEmpty()) dimensions = other.dimensions;
        boolean same = Arrays.equals(dimensions, other.dimensions);
        other.groups.forEach((g, s) -> groups.merge(same ? g : project(g, other.dimensions), s, (a, b) -> {
            a.merge(b);
            return a;
        }));
        if (other.peers != null) {
            if (peers == null) peers = new TopPeers(other.peers.capacity());
            peers.merge(other.peers);
        }
        return this;
    }

    private SeriesGroup project(SeriesGroup g, String[] from) {
        String[] values = new String[dimensions.length];
        for (int i = 0; i < dimensions.length; i++) {
            int j = Arrays.asList(from).indexOf(dimensions[i]);
            values[i] = j < 0 ? null : g.value(j);
        }
        return new SeriesGroup(values);
    }

    public String[] dimensions() {
        return dimensions;
    }

    public Map<SeriesGroup, GroupStats> groups() {
        return groups;
    }

    /** The top peers, or null when they are off. */
    public TopPeers peers() {
        return peers;
    }
}
