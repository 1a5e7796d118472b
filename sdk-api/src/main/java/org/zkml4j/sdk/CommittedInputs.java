package org.zkml4j.sdk;

/**
 * Inputs bound to a commitment their owner publishes (COMMITTED input visibility): proofs about
 * them carry {@link #commitment()} instead of the inputs, and a verifier checks that it is the
 * published one. Made by {@link VerifiableModel#commitInputs}; the owner hands the rows and
 * {@link #secret()} to whoever proves, who re-creates the same commitment.
 */
public interface CommittedInputs {
    /** The committed rows. */
    float[][] rows();

    /** The commitment to publish (it reveals nothing about the rows). */
    byte[] commitment();

    /** The secret that, with the rows, re-creates the commitment; keep it as private as the rows. */
    byte[] secret();
}
