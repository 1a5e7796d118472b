package org.zkml4j.backend.pcs;

import org.zkml4j.backend.io.InvalidProofException;

/**
 * A commitment in a proof was made for other security parameters than the verifier's. The
 * parameters depend on the proof's number of openings, so above the commitment scheme this usually
 * means a proof of another kind of statement (another visibility or committed data).
 */
public final class SecurityMismatchException extends InvalidProofException {
    private static final long serialVersionUID = 1L;

    SecurityMismatchException(int made, int required) {
        super("commitment made for " + made + "-bit security, verifier requires " + required);
    }
}
