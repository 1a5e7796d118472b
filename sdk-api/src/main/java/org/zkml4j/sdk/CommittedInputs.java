package org.zkml4j.sdk;

/**
 * Inputs bound to a commitment their owner publishes (COMMITTED input visibility): proofs about
 * them carry {@link #commitment()} instead of the inputs, and a verifier checks that it is the
 * published one. Made by {@link VerifiableModel#commitInputs}; the owner hands the rows,
 * {@link #secret()} and {@link #nextSlot()} to whoever proves, who re-creates the same commitment.
 *
 * <p>The commitment hides the rows for a budget of proofs, each opening it at a fresh slot; two
 * proofs that open one slot leak the rows. So the slot counter lives with the secret: whoever
 * persists them reserves a slot, persists the moved counter, and only then proves.
 *
 * <pre>{@code
 * CommittedInputs inputs = model.commitInputs(rows, secret, savedNextSlot);
 * CommittedInputs once = inputs.reserveProof();      // throws once the budget is spent
 * persist(inputs.secret(), inputs.nextSlot());       // before proving: a crash never reuses the slot
 * VerifiedPrediction p = model.predictCommitted(once, nonce);
 * }</pre>
 */
public interface CommittedInputs {
    /** The committed rows. */
    float[][] rows();

    /** The commitment to publish (it reveals nothing about the rows). */
    byte[] commitment();

    /** The secret that, with the rows, re-creates the commitment; keep it as private as the rows. */
    byte[] secret();

    /** The first opening slot no proof has used or reserved: persist it with {@link #secret()}. */
    int nextSlot();

    /**
     * These inputs for exactly one proof, at a slot taken now (reservations may prove in any order);
     * this object's {@link #nextSlot()} moves past it.
     *
     * @throws IllegalStateException once the commitment's budget is spent
     */
    CommittedInputs reserveProof();
}
