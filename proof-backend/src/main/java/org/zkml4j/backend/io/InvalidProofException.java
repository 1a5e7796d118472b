package org.zkml4j.backend.io;

/**
 * A proof was rejected: it is malformed, or a verification check failed. The message says which
 * check, never a witness value.
 */
public class InvalidProofException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidProofException(String reason) {
        super(reason);
    }
}
