package org.zkml4j.backend.pcs;

import java.util.List;
import java.util.random.RandomGenerator;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.transcript.Transcript;

/**
 * A hiding commitment to vectors of base-field elements, opened at linear functionals
 * (multilinear evaluations, weighted sums) with one batched proof per commitment.
 *
 * <p>The verifier's view ({@link Commitment}, {@link OpeningProof}) is separate from what only the
 * prover keeps ({@link ProverData}). The caller absorbs the statement into the transcript first;
 * {@link #open} and {@link #verify} absorb the commitment, the claims and every prover message
 * before the challenge that follows it.
 *
 * <pre>{@code
 * PolynomialCommitment pcs = new LigeroCommitment(PcsParameters.DEFAULT);
 * ProverData data = pcs.commit(List.of(vector), rng);
 * List<Claim> claims = List.of(Claim.multilinear(0, point, value));
 * OpeningProof proof = pcs.open(data, claims, new Transcript("demo"), rng);
 * pcs.verify(data.commitment(), claims, proof, new Transcript("demo")); // throws if invalid
 * }</pre>
 */
public interface PolynomialCommitment {
    /** Commits to {@code vectors}; each must have a power-of-two length of canonical elements. */
    ProverData commit(List<long[]> vectors, RandomGenerator rng);

    /** Proves every claim (their values must be true) in one batched opening. */
    OpeningProof open(ProverData data, List<Claim> claims, Transcript transcript, RandomGenerator rng);

    /**
     * Checks the opening; returns normally only if every claim holds for the committed vectors.
     *
     * @throws InvalidProofException naming the failed check
     */
    void verify(Commitment commitment, List<Claim> claims, OpeningProof proof, Transcript transcript)
            throws InvalidProofException;

    /** Reads an opening proof for {@code claims} against {@code commitment}, in bounded memory. */
    OpeningProof readProof(ProofReader in, Commitment commitment, List<Claim> claims) throws InvalidProofException;

    /** Reads a commitment in bounded memory. */
    Commitment readCommitment(ProofReader in) throws InvalidProofException;
}
