package com.vpcflow.monitoring.flowlog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides each ENI's own address and each record's direction over one payload (one log stream, normally one ENI):
 * the ENI's {@code ip} is the address seen most often in its records (source or destination), if seen more than
 * once (ties: the smallest string), else {@code unknown}. Direction comes from {@code flow-direction} when the
 * format has it, else from which side of the record holds the ENI's address.
 */
public final class EniAddress {
    public static final String UNKNOWN = "unknown";
    public static final String INBOUND = "inbound";
    public static final String OUTBOUND = "outbound";

    private EniAddress() {}

    public static void resolve(List<FlowRecord> records) {
        Map<String, Map<String, Integer>> seen = new HashMap<>(4);
        for (FlowRecord r : records) {
            Map<String, Integer> counts = seen.computeIfAbsent(r.interfaceId, k -> new HashMap<>());
            if (r.srcAddr != null) counts.merge(r.srcAddr, 1, Integer::sum);
            if (r.dstAddr != null) counts.merge(r.dstAddr, 1, Integer::sum);
        }
        Map<String, String> ipByEni = new HashMap<>(seen.size() * 2);
        seen.forEach((eni, counts) -> ipByEni.put(eni, mostFrequent(counts)));
        for (FlowRecord r : records) {
            r.ip = ipByEni.get(r.interfaceId);
            r.direction = direction(r);
        }
    }

    private static String mostFrequent(Map<String, Integer> counts) {
        String best = null;
        int bestCount = 1; // an address seen once tells nothing
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            int c = e.getValue();
            if (c > bestCount || (c == bestCount && best != null && e.getKey().compareTo(best) < 0)) {
                best = e.getKey();
                bestCount = c;
            }
        }
        return best == null ? UNKNOWN : best;
    }

    private static String direction(FlowRecord r) {
        if (r.flowDirection != null) {
            switch (r.flowDirection) {
                case "ingress":
                    return INBOUND;
                case "egress":
                    return OUTBOUND;
                default:
                    return null;
            }
        }
        if (UNKNOWN.equals(r.ip)) return null;
        if (r.ip.equals(r.dstAddr)) return INBOUND;
        if (r.ip.equals(r.srcAddr)) return OUTBOUND;
        return null;
    }
}
