package org.zkml4j.backend.pcs;

import org.zkml4j.backend.io.ProofWriter;

/** A batched opening proof. */
public interface OpeningProof {
    void writeTo(ProofWriter out);

    /** Encoded size in bytes. */
    default int sizeBytes() {
        ProofWriter w = new ProofWriter();
        writeTo(w);
        return w.size();
    }
}
