package org.zkml4j.spark;

/**
 * A Spark ML model or pipeline stage that cannot be converted into a {@code ModelGraph}. The message
 * names the stage (index, uid and class) and lists what is supported.
 */
public final class UnsupportedModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnsupportedModelException(String message) {
        super(message);
    }
}
