package com.vpcflow.monitoring.stats;

/**
 * What distinguishes series within one (ENI, action) window: every field becomes a tag, so two groups never
 * produce the same (metric, tags). {@code direction} may be null (not known).
 */
public record SeriesGroup(int protocol, String direction, String ip, String account, String region) {}
