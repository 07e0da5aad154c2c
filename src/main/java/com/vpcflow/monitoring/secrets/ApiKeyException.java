package com.vpcflow.monitoring.secrets;

/**
 * The key could not be resolved. The message names the source and the reason, never a ciphertext or a key. Most
 * causes are for good (a malformed key, a refused decryption, a missing secret); {@link #retryable()} marks the ones
 * a later try can get past (the AWS service throttled, failed or could not be reached).
 */
public final class ApiKeyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public ApiKeyException(String message) {
        this(message, false);
    }

    public ApiKeyException(String message, boolean retryable) {
        super(message, null, false, false);
        this.retryable = retryable;
    }

    /** Whether resolving again later may succeed. */
    public boolean retryable() {
        return retryable;
    }
}
