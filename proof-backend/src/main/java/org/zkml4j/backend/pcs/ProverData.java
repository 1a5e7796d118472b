package org.zkml4j.backend.pcs;

/** What only the prover keeps after committing: the encoded data, masks and Merkle tree. */
public interface ProverData {
    /** The public part, sent to the verifier. */
    Commitment commitment();
}
