package com.vpcflow.monitoring.pipeline;

import com.vpcflow.monitoring.flowlog.FlowRecord;
import com.vpcflow.monitoring.stats.Grouping;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Folds one payload's records into one {@link FlowBatch} per (ENI, action, window), aligned as the windows are. */
public final class PayloadBatches {
    private PayloadBatches() {}

    private record Key(String interfaceId, String action, long windowStart) {}

    public static Collection<FlowBatch> of(List<FlowRecord> records, long windowSizeSeconds, Grouping grouping) {
        Map<Key, FlowBatch> batches = new HashMap<>(4);
        for (FlowRecord r : records) {
            long windowStart = r.start - Math.floorMod(r.start, windowSizeSeconds);
            FlowBatch b = batches.computeIfAbsent(
                    new Key(r.interfaceId, r.action, windowStart), k -> new FlowBatch(k.interfaceId(), k.action()));
            b.stats.add(r, grouping);
            b.records++;
            b.start = Math.max(b.start, r.start);
        }
        return batches.values();
    }
}
