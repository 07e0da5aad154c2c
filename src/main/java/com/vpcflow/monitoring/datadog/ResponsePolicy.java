package com.vpcflow.monitoring.datadog;

/**
 * What becomes of a batch after one delivery attempt, decided by the intake's answer alone. Pure: the table in
 * {@code ResponsePolicyTest} is the contract (Datadog documents 202, 400, 403, 408, 413 and 429 for
 * {@code POST /api/v2/series}).
 */
final class ResponsePolicy {
    /** The status given to an attempt that got no answer (connection refused or dropped, timeout). */
    static final int NO_RESPONSE = -1;

    /** What to do with the batch. */
    enum Action {
        /** Accepted. */
        DONE,
        /** Too large for the intake (413): split in halves and send each. */
        SPLIT,
        /** A passing failure (no answer, 408, 429, 5xx): send again after a backoff, within the retry time. */
        RETRY,
        /** The intake refused the content (400): retrying cannot help; log, count, go on. */
        DROP,
        /** The key was refused (401, 403): fail the job, saying so. */
        FAIL_KEY_REJECTED,
        /** Any other answer (404 from a wrong URL, 405, ...): a configuration error; fail the job. */
        FAIL
    }

    private ResponsePolicy() {}

    static Action classify(int status) {
        if (status >= 200 && status < 300) return Action.DONE;
        if (status == 413) return Action.SPLIT;
        if (status == NO_RESPONSE || status == 408 || status == 429 || status >= 500) return Action.RETRY;
        if (status == 400) return Action.DROP;
        if (status == 401 || status == 403) return Action.FAIL_KEY_REJECTED;
        return Action.FAIL;
    }

    /** The answer of the key check ({@code GET /api/v1/validate}) that means the key is refused. */
    static boolean keyRejected(int validateStatus) {
        return classify(validateStatus) == Action.FAIL_KEY_REJECTED;
    }
}
