package org.zkml4j.backend.sumcheck;

import java.util.Objects;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;
import org.zkml4j.backend.transcript.Transcript;

/**
 * How a layer protocol runs — the one switch between a public proof and a zero-knowledge one, so
 * every layer is written once (docs/protocol.md, "One shape for every layer").
 *
 * <ul>
 *   <li>{@link #NONE}: vectors are committed as they are and sumchecks run plainly
 *       ({@link SumcheckProver}).
 *   <li>{@link #masked}: every hidden vector carries a random half selected by a top variable t,
 *       and every sumcheck is masked by the proof's {@link SharedMasks} (Libra); what the proof
 *       reveals is counted by the hiding ledger.
 * </ul>
 */
public sealed interface Hiding permits Hiding.None, Hiding.Masked {
    /** Public proofs. */
    Hiding NONE = new None();

    /** Zero-knowledge proofs masked by {@code masks}. */
    static Hiding masked(SharedMasks masks) {
        return new Masked(Objects.requireNonNull(masks, "masks"));
    }

    /** Whether vectors carry a random half (the top variable t) and sumchecks are masked. */
    boolean hides();

    /** Proves Σ instance = {@code claimedSum} in this mode. */
    Proved prove(SumcheckInstance instance, Ext claimedSum, Transcript transcript);

    /**
     * Verifies a proof of this mode.
     *
     * @throws InvalidProofException naming the failed check, or if the proof is of the other mode
     */
    Reduction verify(SumcheckShape shape, Ext claimedSum, Messages proof, Transcript transcript)
            throws InvalidProofException;

    /** Reads a proof of this mode for {@code shape} in bounded memory. */
    Messages read(ProofReader in, SumcheckShape shape) throws InvalidProofException;

    /** A sumcheck proof of either mode. */
    sealed interface Messages permits SumcheckProof, MaskedSumcheckProof {
        /** Appends the canonical encoding. */
        void writeTo(ProofWriter out);
    }

    /** A proof and the point and final evaluations it reduces to. */
    record Proved(Messages proof, Reduction reduction) {}

    /** Plain sumchecks over vectors as committed. */
    record None() implements Hiding {
        @Override
        public boolean hides() {
            return false;
        }

        @Override
        public Proved prove(SumcheckInstance instance, Ext claimedSum, Transcript transcript) {
            SumcheckProver.Result r = SumcheckProver.prove(instance, claimedSum, transcript);
            return new Proved(r.proof(), r.reduction());
        }

        @Override
        public Reduction verify(SumcheckShape shape, Ext claimedSum, Messages proof, Transcript transcript)
                throws InvalidProofException {
            if (!(proof instanceof SumcheckProof plain)) {
                throw new InvalidProofException("a public proof has plain sumchecks");
            }
            return SumcheckVerifier.verify(shape, claimedSum, plain, transcript);
        }

        @Override
        public Messages read(ProofReader in, SumcheckShape shape) throws InvalidProofException {
            return SumcheckProof.read(in, shape);
        }
    }

    /** Masked sumchecks over doubled vectors. */
    record Masked(SharedMasks masks) implements Hiding {
        @Override
        public boolean hides() {
            return true;
        }

        @Override
        public Proved prove(SumcheckInstance instance, Ext claimedSum, Transcript transcript) {
            MaskedSumcheckProof.Result r = masks.prove(instance, claimedSum, transcript);
            return new Proved(r.proof(), r.reduction());
        }

        @Override
        public Reduction verify(SumcheckShape shape, Ext claimedSum, Messages proof, Transcript transcript)
                throws InvalidProofException {
            if (!(proof instanceof MaskedSumcheckProof masked)) {
                throw new InvalidProofException("a zero-knowledge proof has masked sumchecks");
            }
            return masks.verify(shape, claimedSum, masked, transcript);
        }

        @Override
        public Messages read(ProofReader in, SumcheckShape shape) throws InvalidProofException {
            return MaskedSumcheckProof.read(in, shape);
        }
    }
}
