package org.zkml4j.groth16;

/** A snarkjs JSON file that cannot be read; the one-line message names the file and the JSON path. */
public final class SnarkjsFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public SnarkjsFormatException(String message) {
        super(message);
    }
}
