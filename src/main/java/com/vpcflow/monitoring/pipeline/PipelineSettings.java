package com.vpcflow.monitoring.pipeline;

import com.vpcflow.monitoring.flowlog.FlowLogFormat;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * What the data flow from payloads to series needs to know: how records are written, how big a payload may grow,
 * the windows and their event-time bounds, and the tags every point carries.
 *
 * @param region the {@code region} tag when the format has no {@code ${region}}
 * @param tags extra {@code key:value} tags on every point
 */
public record PipelineSettings(
        FlowLogFormat logFormat,
        long maxPayloadBytes,
        Duration windowSize,
        Duration allowedLateness,
        Duration maxOutOfOrderness,
        Duration idleTimeout,
        String region,
        List<String> tags)
        implements Serializable {

    public long windowSizeSeconds() {
        return windowSize.toSeconds();
    }
}
