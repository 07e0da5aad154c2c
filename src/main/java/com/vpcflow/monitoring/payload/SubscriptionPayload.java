package com.vpcflow.monitoring.payload;

import java.util.List;

/** A decoded CloudWatch Logs subscription payload. One log stream, so normally one ENI. */
public record SubscriptionPayload(
        String messageType,
        String owner,
        String logGroup,
        String logStream,
        List<String> subscriptionFilters,
        List<LogEvent> logEvents) {

    public static final String DATA_MESSAGE = "DATA_MESSAGE";
    public static final String CONTROL_MESSAGE = "CONTROL_MESSAGE";

    public boolean isControlMessage() {
        return CONTROL_MESSAGE.equals(messageType);
    }
}
