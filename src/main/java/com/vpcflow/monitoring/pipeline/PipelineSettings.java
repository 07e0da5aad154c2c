package com.vpcflow.monitoring.pipeline;

import com.vpcflow.monitoring.flowlog.FlowLogFormat;
import com.vpcflow.monitoring.flowlog.TimeRange;
import com.vpcflow.monitoring.metrics.PerRequestStat;
import com.vpcflow.monitoring.stats.Dimensions;
import com.vpcflow.monitoring.stats.Grouping;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * What the data flow from payloads to series needs to know: how records are written, how big a payload may grow,
 * the windows and their event-time bounds, how a window's records are grouped, and what each window emits.
 *
 * @param region the {@code region} tag when the format has no {@code ${region}}
 * @param tags extra {@code key:value} tags on every point
 * @param dimensions the tags that split a window's series (see {@link Dimensions}), checked against the format
 * @param perRequestStats the per_request gauges; empty: none
 * @param maxGroupsPerKey groups with series of their own per (interface, action, window); 0: all
 * @param topPeers remote addresses reported per (interface, action, window); 0: off
 * @param topPeersCapacity counters of the peer summary (exact while no more peers than that)
 * @param maxFuture how far ahead of the wall clock a record's {@code start} may be
 * @param range the records asked for, by {@code start}; the others are dropped (counted, not skipped)
 */
public record PipelineSettings(
        FlowLogFormat logFormat,
        long maxPayloadBytes,
        Duration windowSize,
        Duration allowedLateness,
        Duration maxOutOfOrderness,
        Duration idleTimeout,
        String region,
        List<String> tags,
        Dimensions dimensions,
        List<PerRequestStat> perRequestStats,
        int maxGroupsPerKey,
        int topPeers,
        int topPeersCapacity,
        Duration maxFuture,
        TimeRange range)
        implements Serializable {

    /** Datadog refuses points more than ten minutes ahead; records further ahead than that are refused here. */
    public static final Duration DEFAULT_MAX_FUTURE = Duration.ofMinutes(10);

    /** Today's output: the default dimensions and gauges, no folding, no top peers. */
    public PipelineSettings(
            FlowLogFormat logFormat,
            long maxPayloadBytes,
            Duration windowSize,
            Duration allowedLateness,
            Duration maxOutOfOrderness,
            Duration idleTimeout,
            String region,
            List<String> tags) {
        this(
                logFormat,
                maxPayloadBytes,
                windowSize,
                allowedLateness,
                maxOutOfOrderness,
                idleTimeout,
                region,
                tags,
                Dimensions.of(Dimensions.DEFAULT, logFormat),
                PerRequestStat.DEFAULT,
                0,
                0,
                0,
                DEFAULT_MAX_FUTURE,
                TimeRange.ALL);
    }

    public long windowSizeSeconds() {
        return windowSize.toSeconds();
    }

    /** How the decode operator folds records into batches. */
    public Grouping grouping() {
        return new Grouping(dimensions, topPeers > 0 ? topPeersCapacity : 0);
    }

    /** What a fired window emits. */
    public FlowStatsToSeries series() {
        return new FlowStatsToSeries(windowSizeSeconds(), tags, perRequestStats, maxGroupsPerKey, topPeers);
    }
}
