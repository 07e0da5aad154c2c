package com.vpcflow.monitoring.datadog;

import java.time.Duration;

/** Status, body and the server's retry hint ({@code Retry-After} or {@code X-RateLimit-Reset}), if any. */
record IntakeResponse(int status, String body, Duration retryAfter) {}
