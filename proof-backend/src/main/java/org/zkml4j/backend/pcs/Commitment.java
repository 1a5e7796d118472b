package org.zkml4j.backend.pcs;

import org.zkml4j.backend.io.ProofWriter;
import org.zkml4j.backend.transcript.Transcript;

/** What the verifier holds of a commitment: a root and the public shape of what was committed. */
public interface Commitment {
    /** Length of committed vector {@code i}. */
    int vectorLength(int i);

    /** Number of committed vectors. */
    int vectorCount();

    /** Absorbs the whole commitment (root and shape) into the transcript. */
    void absorbInto(Transcript transcript);

    void writeTo(ProofWriter out);
}
