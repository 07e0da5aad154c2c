package com.vpcflow.monitoring.payload;

/** One CloudWatch Logs event of a subscription payload: its {@code message} is one flow-log record. */
public record LogEvent(String id, long timestamp, String message) {}
