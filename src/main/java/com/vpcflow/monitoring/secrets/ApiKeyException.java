package com.vpcflow.monitoring.secrets;

/** The key could not be resolved. The message names the source and the reason, never a ciphertext or a key. */
public final class ApiKeyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ApiKeyException(String message) {
        super(message, null, false, false);
    }
}
