package org.zkml4j.backend.sumcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.pcs.Claim;
import org.zkml4j.backend.pcs.Commitment;
import org.zkml4j.backend.transcript.Transcript;

/**
 * The masks of several {@link ZkSumcheck}s of one proof, committed together in ONE commitment and
 * opened once — instead of one commitment and one opening per sumcheck. The plan (each sumcheck's
 * number of variables and degree, in the order of use) is public; the prover samples and commits
 * every mask before the first sumcheck, so each mask is fixed before its ρ as in the standalone
 * protocol. Each sumcheck then takes the next mask ({@link #prove} / {@link #verify}), and its
 * u_i claims on the shared commitment accumulate in {@link #claims()} for the caller's opening.
 *
 * <p>Not thread-safe: one instance per proof, used in protocol order.
 */
public final class SharedMasks {
    private final int[][] plan;
    private final Mask[] masks;
    private final List<Claim> claims = new ArrayList<>();
    private int next;

    private SharedMasks(int[][] plan, Mask[] masks) {
        this.plan = plan;
        this.masks = masks;
    }

    /**
     * The prover's masks for {@code plan}: entry i = {number of variables, degree} of sumcheck i.
     *
     * @param rng must be cryptographically secure: zero knowledge rests on it
     */
    public static SharedMasks sample(List<int[]> plan, RandomGenerator rng) {
        int[][] p = plan.toArray(new int[0][]);
        Mask[] masks = new Mask[p.length];
        for (int i = 0; i < p.length; i++) {
            masks[i] = Mask.sample(p[i][0], p[i][1], rng);
        }
        return new SharedMasks(p, masks);
    }

    /** The verifier's view of {@code plan}: block layout and claims, no masks. */
    public static SharedMasks expect(List<int[]> plan) {
        return new SharedMasks(plan.toArray(new int[0][]), null);
    }

    /** Every mask block, to commit (prover only). */
    public List<long[]> vectors() {
        List<long[]> out = new ArrayList<>();
        for (Mask m : Objects.requireNonNull(masks, "the verifier has no masks")) {
            out.addAll(m.blocks());
        }
        return out;
    }

    /** @throws InvalidProofException unless {@code c} holds exactly the plan's blocks */
    public void checkLayout(Commitment c) throws InvalidProofException {
        int k = 0;
        for (int[] p : plan) {
            for (int b = 0; b < Mask.blocks(p[0]); b++, k++) {
                if (k >= c.vectorCount() || c.vectorLength(k) != Mask.blockLength(p[0], p[1])) {
                    throw new InvalidProofException("mask commitment does not fit the proof's sumchecks");
                }
            }
        }
        if (k != c.vectorCount()) {
            throw new InvalidProofException("mask commitment does not fit the proof's sumchecks");
        }
    }

    /**
     * Proves Σ instance = {@code claimedSum} with the next mask, hiding the round messages.
     *
     * @throws IllegalArgumentException if the instance does not match the plan or does not sum to
     *     {@code claimedSum}
     */
    public MaskedSumcheckProof.Result prove(SumcheckInstance instance, Ext claimedSum, Transcript transcript) {
        SumcheckShape shape = instance.shape();
        int i = take(shape);
        shape.absorbStatement(transcript, claimedSum, true);
        ZkSumcheck.Masked m = ZkSumcheck.proveMasked(instance, claimedSum, masks[i], transcript);
        claims.addAll(ZkSumcheck.maskClaims(shape, m.reduction().point(), m.maskValues(), blockOf(i)));
        return new MaskedSumcheckProof.Result(
                new MaskedSumcheckProof(m.maskSum(), new SumcheckProof(m.rounds(), m.reduction().finalEvaluations()),
                        m.maskValues()), m.reduction());
    }

    /**
     * Verifies the next sumcheck; its mask claims join {@link #claims()}.
     *
     * @return the point and the final evaluations (to be checked by the caller)
     */
    public Reduction verify(SumcheckShape shape, Ext claimedSum, MaskedSumcheckProof proof, Transcript transcript)
            throws InvalidProofException {
        int i;
        try {
            i = take(shape);
        } catch (IllegalArgumentException e) {
            throw new InvalidProofException(e.getMessage());
        }
        SumcheckProof rounds = proof.rounds();
        SumcheckVerifier.checkSizes(shape, rounds.numRounds(), rounds::roundRef, rounds.finalRef().length);
        if (proof.maskValues().length != Mask.blocks(shape.numVars())) {
            throw new InvalidProofException("malformed proof: wrong number of mask values");
        }
        shape.absorbStatement(transcript, claimedSum, true);
        Reduction red = ZkSumcheck.verifyMasked(shape, claimedSum, proof.maskSum(), rounds, proof.maskValues(),
                transcript);
        claims.addAll(ZkSumcheck.maskClaims(shape, red.point(), proof.maskValues(), blockOf(i)));
        return red;
    }

    /** The claims on the mask commitment made so far (all of them once every sumcheck ran). */
    public List<Claim> claims() {
        if (next != plan.length) {
            throw new IllegalStateException((plan.length - next) + " planned sumchecks did not run");
        }
        return List.copyOf(claims);
    }

    private int take(SumcheckShape shape) {
        if (next == plan.length) {
            throw new IllegalArgumentException("more sumchecks than planned");
        }
        int[] p = plan[next];
        if (shape.numVars() != p[0] || shape.degree() != p[1]) {
            throw new IllegalArgumentException("sumcheck " + next + " has " + shape.numVars() + " variables of degree "
                    + shape.degree() + ", planned " + p[0] + " of degree " + p[1]);
        }
        return next++;
    }

    private int blockOf(int i) {
        int b = 0;
        for (int j = 0; j < i; j++) {
            b += Mask.blocks(plan[j][0]);
        }
        return b;
    }
}
