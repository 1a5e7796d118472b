package org.zkml4j.backend.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;
import org.zkml4j.backend.pcs.Claim;
import org.zkml4j.backend.pcs.Commitment;
import org.zkml4j.backend.pcs.LigeroPcs;
import org.zkml4j.backend.pcs.LinearFunctional;
import org.zkml4j.backend.pcs.OpeningProof;
import org.zkml4j.backend.pcs.PcsParameters;
import org.zkml4j.backend.pcs.ProverData;
import org.zkml4j.backend.poly.Multilinear;
import org.zkml4j.backend.sumcheck.Hiding;
import org.zkml4j.backend.transcript.Transcript;

/**
 * The caller's side of a public-mode dense-layer proof in tests: commit C1 = (X, Z, R) with a real
 * {@link LigeroPcs}, absorb it, prove the layer, open C1 once with the returned claims; and the
 * mirror-image verification.
 */
final class DenseHarness {
    static final String DOMAIN = "zkml4j/dense-test";
    static final LigeroPcs PCS = new LigeroPcs(PcsParameters.DEFAULT);

    private DenseHarness() {}

    /** Everything the caller sends, plus what the test needs to inspect. */
    record Proven(DenseLayerShape shape, List<long[]> c1Vectors, Commitment c1, Hiding.Messages proof,
            List<Claim> claims, OpeningProof c1Opening) {
        Proven withProof(Hiding.Messages p) {
            return new Proven(shape, c1Vectors, c1, p, claims, c1Opening);
        }

        Proven withShape(DenseLayerShape s) {
            return new Proven(s, c1Vectors, c1, proof, claims, c1Opening);
        }
    }

    /** Signed random integers in (−bound, bound). */
    static long[][] signedMatrix(int rows, int cols, int bound, Random rng) {
        long[][] a = new long[rows][cols];
        for (long[] row : a) {
            for (int j = 0; j < cols; j++) {
                row[j] = rng.nextInt(2 * bound - 1) - (bound - 1);
            }
        }
        return a;
    }

    /** A shape with |W| &lt; 2^9, |b| &lt; 2^12, from m₀ × n₀ (padded). */
    static DenseLayerShape randomShape(int batch, int n0, int m0, int shift, Random rng) {
        long[][] w = signedMatrix(m0, n0, 1 << 9, rng);
        long[] b = signedMatrix(1, m0, 1 << 12, rng)[0];
        return DenseLayerShape.fromSigned(batch, w, b, shift);
    }

    /** X with |x| &lt; 2^9 in the first n₀ columns of each row, zero padding beyond. */
    static long[] randomInput(DenseLayerShape shape, int n0, Random rng) {
        int n = shape.inputs();
        long[] x = new long[shape.batch() * n];
        for (int b = 0; b < shape.batch(); b++) {
            for (int j = 0; j < n0; j++) {
                x[b * n + j] = Goldilocks.fromSigned(rng.nextInt(1023) - 511);
            }
        }
        return x;
    }

    /** Honest caller flow with C1 = (X, Z, R). */
    static Proven prove(DenseLayerWitness w, long seed) {
        return prove(w.shape(), List.of(w.xRef(), w.zRef(), w.rRef()), w, seed, false);
    }

    /**
     * Caller flow committing {@code c1Vectors}; with {@code cheat} the witness may violate the
     * relation and the cheating prover proves whatever its tables sum to.
     */
    static Proven prove(DenseLayerShape verifierShape, List<long[]> c1Vectors, DenseLayerWitness w, long seed,
            boolean cheat) {
        SplittableRandom rng = new SplittableRandom(seed);
        ProverData c1 = PCS.commit(c1Vectors, rng);
        Transcript t = transcript(DOMAIN, c1.commitment());
        DenseLayer.ProverResult res = cheat
                ? DenseLayer.proveUnsafe(w.shape(), w.xRef(), w.zRef(), w.rRef(), t, Hiding.NONE)
                : DenseLayer.prove(w.shape(), w.xRef(), w.zRef(), w.rRef(), t, Hiding.NONE);
        OpeningProof opening = PCS.open(c1, res.claims(), t, rng);
        return new Proven(verifierShape, c1Vectors, c1.commitment(), res.proof(), res.claims(), opening);
    }

    static Transcript transcript(String domain, Commitment c1) {
        Transcript t = new Transcript(domain);
        c1.absorbInto(t);
        return t;
    }

    /** The whole caller verification: the layer, then the C1 opening with the returned claims. */
    static List<Claim> verifyAll(Proven p) throws InvalidProofException {
        return verifyAll(p, DOMAIN);
    }

    static List<Claim> verifyAll(Proven p, String domain) throws InvalidProofException {
        Transcript t = transcript(domain, p.c1());
        List<Claim> claims = DenseLayer.verify(p.shape(), p.proof(), t, Hiding.NONE).claims();
        PCS.verify(p.c1(), claims, p.c1Opening(), t);
        return claims;
    }

    static void assertRejected(Proven p, String what) {
        assertThrows(InvalidProofException.class, () -> verifyAll(p), what);
    }

    /** Asserts each claim's value is the MLE of its C1 vector at its point. */
    static void assertClaimsTrue(List<Claim> claims, List<long[]> c1Vectors) {
        for (Claim c : claims) {
            Ext[] point = ((LinearFunctional.MultilinearPoint) c.functional()).point();
            assertEquals(Multilinear.evaluate(c1Vectors.get(c.vector()), point), c.value(), "claim on vector " + c.vector());
        }
    }

    static byte[] bytes(Hiding.Messages p) {
        ProofWriter w = new ProofWriter();
        p.writeTo(w);
        return w.toByteArray();
    }

    static Hiding.Messages readAll(byte[] b, DenseLayerShape shape) throws InvalidProofException {
        ProofReader in = new ProofReader(b);
        Hiding.Messages p = DenseLayer.readProof(in, shape, Hiding.NONE);
        in.expectEnd("dense proof");
        return p;
    }

    /** Reads then verifies everything; every failure must be an InvalidProofException. */
    static void readAndVerify(Proven p, byte[] b) throws InvalidProofException {
        verifyAll(p.withProof(readAll(b, p.shape())));
    }
}
