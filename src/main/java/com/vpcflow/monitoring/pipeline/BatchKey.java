package com.vpcflow.monitoring.pipeline;

/** What a batch holds the records of: one (ENI, action) key in one tumbling window, aligned as the windows are. */
record BatchKey(String interfaceId, String action, long windowStart) {
    /** The start (epoch seconds) of the window that holds {@code start}: windows start at multiples of their size. */
    static long windowStart(long start, long windowSizeSeconds) {
        return start - Math.floorMod(start, windowSizeSeconds);
    }

    static BatchKey of(FlowBatch b, long windowSizeSeconds) {
        return new BatchKey(b.interfaceId, b.action, windowStart(b.start, windowSizeSeconds));
    }
}
