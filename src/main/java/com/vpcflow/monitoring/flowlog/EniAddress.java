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
        // Counters are int[1], not boxed: most counts pass Integer's cache. A payload is normally one ENI, so its
        // counts are looked up again only when the ENI changes.
        Map<String, Map<String, int[]>> seen = new HashMap<>(4);
        String eni = null;
        Map<String, int[]> counts = null;
        for (FlowRecord r : records) {
            if (!r.interfaceId.equals(eni)) {
                eni = r.interfaceId;
                counts = seen.computeIfAbsent(eni, k -> new HashMap<>());
            }
            count(counts, r.srcAddr);
            count(counts, r.dstAddr);
        }
        Map<String, String> ipByEni = new HashMap<>(seen.size() * 2);
        seen.forEach((e, c) -> ipByEni.put(e, mostFrequent(c)));
        for (FlowRecord r : records) {
            r.ip = ipByEni.get(r.interfaceId);
            r.direction = direction(r);
        }
    }

    private static void count(Map<String, int[]> counts, String address) {
        if (address == null) return;
        int[] c = counts.get(address);
        if (c == null) counts.put(address, new int[] {1});
        else c[0]++;
    }

    private static String mostFrequent(Map<String, int[]> counts) {
        String best = null;
        int bestCount = 1; // an address seen once tells nothing
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            int c = e.getValue()[0];
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
