package org.zkml4j.compiler;

/**
 * Bytes given to {@link CompiledCircuit#read(byte[])} are not a valid canonical circuit encoding.
 * The message says which field was malformed or inconsistent.
 */
public final class CircuitFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message what was malformed */
    public CircuitFormatException(String message) {
        super(message);
    }
}
