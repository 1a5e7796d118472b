package org.zkml4j.sdk;

/**
 * The verdict on a proof: valid, or invalid with the reason (which check failed, or what was
 * malformed). Never carries witness values.
 *
 * @param valid whether the proof is valid for the statement and key
 * @param reason empty when valid
 */
public record VerificationResult(boolean valid, String reason) {
    public static final VerificationResult VALID = new VerificationResult(true, "");

    /** An invalid verdict. */
    public static VerificationResult invalid(String reason) {
        return new VerificationResult(false, reason);
    }
}
