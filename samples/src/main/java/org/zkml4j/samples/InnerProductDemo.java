package org.zkml4j.samples;

import java.io.PrintStream;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;
import org.zkml4j.backend.pcs.Claim;
import org.zkml4j.backend.pcs.Commitment;
import org.zkml4j.backend.pcs.LigeroPcs;
import org.zkml4j.backend.pcs.OpeningProof;
import org.zkml4j.backend.pcs.PcsParameters;
import org.zkml4j.backend.pcs.ProverData;
import org.zkml4j.backend.poly.Multilinear;
import org.zkml4j.backend.random.AesCtrRandom;
import org.zkml4j.backend.sumcheck.Reduction;
import org.zkml4j.backend.sumcheck.SumcheckInstance;
import org.zkml4j.backend.sumcheck.SumcheckShape;
import org.zkml4j.backend.sumcheck.ZkSumcheck;
import org.zkml4j.backend.sumcheck.ZkSumcheckProof;
import org.zkml4j.backend.transcript.Transcript;

/**
 * The proving core end to end: a prover commits to a hidden vector w (think: a layer's weights),
 * and proves that its inner product with a public vector x is y — a zero-knowledge sumcheck for
 * Σ_i w_i·x_i = y, then one batched opening of the commitment at the sumcheck's final point. The
 * verifier checks the proof from (commitment, x, y) alone, and rejects tampered statements and bytes.
 *
 * <pre>{@code
 * InnerProductDemo.Proof proof = InnerProductDemo.prove(w, x, y, AesCtrRandom.create());
 * InnerProductDemo.verify(proof.commitment(), x, y, proof.bytes()); // throws InvalidProofException
 * }</pre>
 */
public final class InnerProductDemo {
    static final String DOMAIN = "zkml4j/samples/inner-product/v1";
    static final PcsParameters PARAMS = PcsParameters.DEFAULT;

    private InnerProductDemo() {}

    /** A commitment to w and the proof bytes for y = ⟨w, x⟩. */
    public record Proof(Commitment commitment, byte[] bytes) {}

    /** Commits to {@code w} and proves ⟨w, x⟩ = y. Lengths: equal powers of two. */
    public static Proof prove(long[] w, long[] x, long y, RandomGenerator rng) {
        LigeroPcs pcs = new LigeroPcs(PARAMS);
        ProverData committed = pcs.commit(List.of(w), rng);
        Transcript t = statement(committed.commitment(), x, y);
        SumcheckInstance.Builder b = SumcheckInstance.builder();
        int wi = b.addBaseTable(w);
        int xi = b.addBaseTable(x);
        SumcheckInstance instance = b.addTerm(Ext.ONE, wi, xi).build();
        ZkSumcheck.ProverResult sum = new ZkSumcheck(pcs).prove(instance, Ext.base(y), t, rng);
        Ext wAtR = sum.finalEvaluations()[wi];
        OpeningProof opening = pcs.open(committed, List.of(Claim.multilinear(0, sum.point(), wAtR)), t, rng);
        ProofWriter out = new ProofWriter();
        sum.proof().writeTo(out);
        opening.writeTo(out);
        return new Proof(committed.commitment(), out.toByteArray());
    }

    /**
     * Verifies a proof that the committed vector's inner product with {@code x} is {@code y}.
     *
     * @throws InvalidProofException with the reason, if the proof is malformed or false
     */
    public static void verify(Commitment commitment, long[] x, long y, byte[] proofBytes) throws InvalidProofException {
        LigeroPcs pcs = new LigeroPcs(PARAMS);
        ZkSumcheck zk = new ZkSumcheck(pcs);
        int n = Integer.numberOfTrailingZeros(x.length);
        if (x.length != commitment.vectorLength(0) || Integer.bitCount(x.length) != 1) {
            throw new InvalidProofException("public vector length does not match the commitment");
        }
        SumcheckShape shape = SumcheckShape.of(n, 2, new SumcheckShape.Term(Ext.ONE, new int[] {0, 1}));
        ProofReader in = new ProofReader(proofBytes);
        ZkSumcheckProof sumProof = zk.readProof(in, shape);
        Transcript t = statement(commitment, x, y);
        Reduction r = zk.verify(shape, Ext.base(y), sumProof, t);
        if (!r.finalEvaluations()[1].equals(Multilinear.evaluate(x, r.point()))) {
            throw new InvalidProofException("final evaluation of the public vector is wrong");
        }
        List<Claim> claims = List.of(Claim.multilinear(0, r.point(), r.finalEvaluations()[0]));
        OpeningProof opening = pcs.readProof(in, commitment, claims);
        in.expectEnd("proof");
        pcs.verify(commitment, claims, opening, t);
    }

    /** The statement, absorbed before any prover message: commitment, public vector, claimed value. */
    private static Transcript statement(Commitment commitment, long[] x, long y) {
        Transcript t = new Transcript(DOMAIN);
        commitment.absorbInto(t);
        t.absorbFields("statement/x", x);
        t.absorbFields("statement/y", new long[] {y});
        return t;
    }

    /** Runs the demo on 2^logN random elements, printing timings, sizes and the tamper checks. */
    public static void run(int logN, PrintStream out) throws InvalidProofException {
        SplittableRandom data = new SplittableRandom(2026);
        long[] w = new long[1 << logN];
        long[] x = new long[1 << logN];
        long y = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = Ext.randomBase(data);
            x[i] = Ext.randomBase(data);
            y = Goldilocks.add(y, Goldilocks.mul(w[i], x[i]));
        }
        RandomGenerator rng = AesCtrRandom.create();
        out.printf("zkml4j proving core: hidden w, public x, claim y = <w, x> over 2^%d elements%n", logN);
        out.printf("soundness: %.1f bits (docs/soundness.md)%n", new LigeroPcs(PARAMS).soundnessBits(w.length));
        for (int round = 1; round <= 3; round++) { // first rounds warm the JIT up
            long t0 = System.nanoTime();
            Proof proof = prove(w, x, y, rng);
            long t1 = System.nanoTime();
            verify(proof.commitment(), x, y, proof.bytes());
            long t2 = System.nanoTime();
            out.printf("run %d: prove %.0f ms (commit + ZK sumcheck + opening), verify %.1f ms"
                    + " (mostly hashing and evaluating the public x), proof %,d bytes%n",
                    round, (t1 - t0) / 1e6, (t2 - t1) / 1e6, proof.bytes().length);
            if (round == 3) {
                tamperChecks(proof, x, y, out);
            }
        }
    }

    private static void tamperChecks(Proof proof, long[] x, long y, PrintStream out) {
        expectRejected("claim y + 1", () -> verify(proof.commitment(), x, Goldilocks.add(y, 1), proof.bytes()), out);
        long[] otherX = x.clone();
        otherX[0] = Goldilocks.add(otherX[0], 1);
        expectRejected("public x changed in one entry", () -> verify(proof.commitment(), otherX, y, proof.bytes()), out);
        byte[] flipped = proof.bytes().clone();
        flipped[flipped.length / 2] ^= 1;
        expectRejected("one proof bit flipped", () -> verify(proof.commitment(), x, y, flipped), out);
        byte[] truncated = java.util.Arrays.copyOf(proof.bytes(), proof.bytes().length - 1);
        expectRejected("proof truncated", () -> verify(proof.commitment(), x, y, truncated), out);
    }

    private interface Check {
        void run() throws InvalidProofException;
    }

    private static void expectRejected(String what, Check check, PrintStream out) {
        try {
            check.run();
            throw new IllegalStateException("accepted a false proof: " + what);
        } catch (InvalidProofException e) {
            out.printf("tampered (%s): rejected — %s%n", what, e.getMessage());
        }
    }
}
