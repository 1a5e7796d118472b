package org.zkml4j.backend.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
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
import org.zkml4j.backend.transcript.Transcript;

/**
 * The caller's side of a LogUp proof in tests: commit C1 (witness columns, then multiplicities),
 * absorb it, prove the lookup, open C1 once with the returned claims; and the mirror-image
 * verification.
 */
final class LogUpHarness {
    static final String DOMAIN = "zkml4j/logup-test";
    static final LigeroPcs PCS = new LigeroPcs(PcsParameters.DEFAULT);

    private LogUpHarness() {}

    /** Everything the caller sends, plus what the test needs to inspect. */
    record Proven(LogUpShape shape, List<long[]> c1Vectors, Commitment c1, LogUpProof proof, List<Claim> claims,
                  OpeningProof c1Opening) {}

    /** Honest caller flow with C1 = witness columns then m (the contiguous layout). */
    static Proven prove(LogUpShape shape, long[][] witness, long[] m, long seed) {
        return prove(shape, c1Of(witness, m), new LogUpInstance(shape, witness, m), seed, null);
    }

    static List<long[]> c1Of(long[][] witness, long[] m) {
        List<long[]> v = new ArrayList<>(Arrays.asList(witness));
        v.add(m);
        return v;
    }

    /** Caller flow committing {@code c1Vectors} (which may differ from the instance: a cheat). */
    static Proven prove(LogUpShape shape, List<long[]> c1Vectors, LogUpInstance instance, long seed,
            LogUp.Deviation deviation) {
        SplittableRandom rng = new SplittableRandom(seed);
        ProverData c1 = PCS.commit(c1Vectors, rng);
        Transcript t = transcript(c1.commitment());
        LogUp.ProverResult res = LogUp.prove(instance, t, PCS, rng, deviation);
        OpeningProof opening = PCS.open(c1, res.claims(), t, rng);
        return new Proven(shape, c1Vectors, c1.commitment(), res.proof(), res.claims(), opening);
    }

    static Transcript transcript(Commitment c1) {
        Transcript t = new Transcript(DOMAIN);
        c1.absorbInto(t);
        return t;
    }

    /** The LogUp verification alone (after absorbing C1). */
    static List<Claim> verifyLookup(Proven p, LogUpProof proof) throws InvalidProofException {
        return LogUp.verify(p.shape(), proof, transcript(p.c1()), PCS);
    }

    /** The whole caller verification: LogUp, then the C1 opening with the returned claims. */
    static List<Claim> verifyAll(Proven p) throws InvalidProofException {
        Transcript t = transcript(p.c1());
        List<Claim> claims = LogUp.verify(p.shape(), p.proof(), t, PCS);
        PCS.verify(p.c1(), claims, p.c1Opening(), t);
        return claims;
    }

    /** Asserts that each claim's value is the MLE of its C1 vector at its point. */
    static void assertClaimsTrue(List<Claim> claims, List<long[]> c1Vectors) {
        for (Claim c : claims) {
            Ext[] point = ((LinearFunctional.MultilinearPoint) c.functional()).point();
            assertEquals(Multilinear.evaluate(c1Vectors.get(c.vector()), point), c.value(), "claim on vector " + c.vector());
        }
    }

    static byte[] bytes(LogUpProof p) {
        ProofWriter w = new ProofWriter();
        p.writeTo(w);
        return w.toByteArray();
    }

    static LogUpProof readAll(byte[] b, LogUpShape shape) throws InvalidProofException {
        ProofReader in = new ProofReader(b);
        LogUpProof p = LogUp.readProof(in, shape, PCS);
        in.expectEnd("LogUp proof");
        return p;
    }

    /** Reads then verifies the lookup; every failure must be an InvalidProofException. */
    static void readAndVerify(Proven p, byte[] b) throws InvalidProofException {
        verifyLookup(p, readAll(b, p.shape()));
    }

    /**
     * A table of w columns with {@code rows} (unpadded) rows of small signed values, every row
     * distinct except row 1, which repeats row 0 (when rows ≥ 3).
     */
    static LookupTable table(int w, int rows, Random rng) {
        long[][] cols = new long[w][rows];
        java.util.Set<List<Long>> seen = new java.util.HashSet<>();
        for (int i = 0; i < rows; i++) {
            while (true) {
                List<Long> row = new ArrayList<>();
                for (int k = 0; k < w; k++) {
                    row.add(Goldilocks.fromSigned(rng.nextInt(1 << 20) - (1 << 19)));
                }
                if (seen.add(row)) {
                    for (int k = 0; k < w; k++) {
                        cols[k][i] = row.get(k);
                    }
                    break;
                }
            }
        }
        if (rows >= 3) {
            for (int k = 0; k < w; k++) {
                cols[k][1] = cols[k][0];
            }
        }
        return LookupTable.of(cols);
    }

    /**
     * 2^n witness rows drawn from the first half of the table's given rows and its last given row
     * (so the second half is unused, rows repeat when 2^n is large, and the last row's padding
     * copies exist but are never counted).
     */
    static long[][] witness(LookupTable table, int n, Random rng) {
        int given = table.unpaddedRows();
        int half = Math.max(1, given / 2);
        long[][] w = new long[table.width()][1 << n];
        for (int x = 0; x < 1 << n; x++) {
            int row = x == 0 || rng.nextInt(8) == 0 ? given - 1 : rng.nextInt(half);
            for (int k = 0; k < w.length; k++) {
                w[k][x] = table.get(row, k);
            }
        }
        return w;
    }
}
