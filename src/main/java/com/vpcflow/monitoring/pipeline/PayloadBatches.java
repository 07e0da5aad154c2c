package com.vpcflow.monitoring.pipeline;

import com.vpcflow.monitoring.flowlog.FlowRecord;
import com.vpcflow.monitoring.stats.Grouping;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Folds one payload's records into one {@link FlowBatch} per (ENI, action, window), aligned as the windows are. */
public final class PayloadBatches {
    /**
     * Batches looked up by the identity of their ENI and action strings (one string each per payload, from the
     * parser's cache) before the map by value: most records go to one of a payload's few batches.
     */
    private static final int RECENT = 4;

    private PayloadBatches() {}

    public static Collection<FlowBatch> of(List<FlowRecord> records, long windowSizeSeconds, Grouping grouping) {
        Map<BatchKey, FlowBatch> batches = new HashMap<>(4);
        FlowBatch[] recent = new FlowBatch[RECENT];
        long[] recentWindows = new long[RECENT];
        int next = 0;
        for (FlowRecord r : records) {
            long windowStart = BatchKey.windowStart(r.start, windowSizeSeconds);
            FlowBatch b = null;
            for (int i = 0; i < RECENT && recent[i] != null; i++) {
                FlowBatch c = recent[i];
                if (c.interfaceId == r.interfaceId && c.action == r.action && recentWindows[i] == windowStart) {
                    b = c;
                    break;
                }
            }
            if (b == null) {
                b = batches.computeIfAbsent(
                        new BatchKey(r.interfaceId, r.action, windowStart),
                        k -> new FlowBatch(k.interfaceId(), k.action()));
                recent[next] = b;
                recentWindows[next] = windowStart;
                next = (next + 1) % RECENT;
            }
            b.stats().add(r, grouping);
            b.records++;
            b.start = Math.max(b.start, r.start);
        }
        return batches.values();
    }
}
