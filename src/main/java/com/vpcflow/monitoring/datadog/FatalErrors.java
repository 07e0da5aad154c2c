package com.vpcflow.monitoring.datadog;

import org.apache.flink.runtime.execution.SuppressRestartsException;

/**
 * Errors that no restart can fix (a malformed or refused key, an intake URL that answers 404): wrapped so that Flink
 * fails the job for good instead of restarting it into the same error forever. The message stays the cause's.
 */
final class FatalErrors {
    private FatalErrors() {}

    static SuppressRestartsException endTheJob(Throwable cause) {
        return new SuppressRestartsException(cause);
    }
}
