package com.vpcflow.monitoring.stats;

import java.io.Serializable;

/**
 * How records are aggregated within a window: split by {@code dimensions}, and, when {@code peerCapacity} is above
 * 0, their remote addresses summarized in a {@link TopPeers} of that capacity.
 */
public record Grouping(Dimensions dimensions, int peerCapacity) implements Serializable {}
