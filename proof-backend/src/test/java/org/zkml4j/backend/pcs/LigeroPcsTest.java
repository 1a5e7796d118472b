package org.zkml4j.backend.pcs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;
import org.zkml4j.backend.poly.Multilinear;
import org.zkml4j.backend.transcript.Transcript;

class LigeroPcsTest {
    static final String DOMAIN = "zkml4j/test/pcs";
    final LigeroPcs pcs = new LigeroPcs(PcsParameters.DEFAULT);
    final SplittableRandom rng = new SplittableRandom(1234);

    long[] randomVector(int n) {
        return randomVector(rng, n);
    }

    Ext[] randomPoint(int n) {
        return randomPoint(rng, n);
    }

    static long[] randomVector(SplittableRandom rng, int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = Ext.randomBase(rng);
        }
        return v;
    }

    static Ext[] randomPoint(SplittableRandom rng, int n) {
        Ext[] p = new Ext[n];
        for (int i = 0; i < n; i++) {
            p[i] = Ext.random(rng);
        }
        return p;
    }

    /** A committed set of vectors with true claims and a valid opening. */
    record Fixture(LigeroCommitment commitment, List<Claim> claims, LigeroOpening proof) {}

    Fixture honest(int[] lengths, int claimsPerVector) {
        List<long[]> vectors = new ArrayList<>();
        for (int n : lengths) {
            vectors.add(randomVector(n));
        }
        List<Claim> claims = new ArrayList<>();
        for (int v = 0; v < lengths.length; v++) {
            for (int c = 0; c < claimsPerVector; c++) {
                Ext[] z = randomPoint(Integer.numberOfTrailingZeros(lengths[v]));
                claims.add(Claim.multilinear(v, z, Multilinear.evaluate(vectors.get(v), z)));
            }
        }
        LigeroProverData data = pcs.commit(vectors, rng);
        LigeroOpening proof = pcs.open(data, claims, new Transcript(DOMAIN), rng);
        return new Fixture(data.commitment(), claims, proof);
    }

    void verify(Fixture f) throws InvalidProofException {
        pcs.verify(f.commitment, f.claims, f.proof, new Transcript(DOMAIN));
    }

    String rejection(LigeroCommitment c, List<Claim> claims, OpeningProof proof) {
        InvalidProofException e = assertThrows(InvalidProofException.class,
                () -> pcs.verify(c, claims, proof, new Transcript(DOMAIN)));
        return e.getMessage();
    }

    @Test
    void open_honestClaimsOnManyVectorsVerify() {
        Fixture f = honest(new int[] {1, 2, 16, 1 << 12, 1 << 14}, 2);
        assertDoesNotThrow(() -> verify(f));
    }

    @Test
    void open_weightedSumClaimVerifies() throws InvalidProofException {
        long[] v = randomVector(64);
        Ext[] w = randomPoint(64);
        Ext value = Ext.ZERO;
        for (int i = 0; i < 64; i++) {
            value = value.add(w[i].mul(v[i]));
        }
        long[] big = randomVector(1 << 10); // spans several rows
        Ext[] z = randomPoint(10);
        Ext[] bigWeights = randomPoint(1 << 10);
        Ext bigValue = Ext.ZERO;
        for (int i = 0; i < big.length; i++) {
            bigValue = bigValue.add(bigWeights[i].mul(big[i]));
        }
        List<Claim> claims = List.of(Claim.weighted(0, w, value), Claim.multilinear(1, z, Multilinear.evaluate(big, z)),
                Claim.weighted(1, bigWeights, bigValue));
        LigeroProverData data = pcs.commit(List.of(v, big), rng);
        LigeroOpening proof = pcs.open(data, claims, new Transcript(DOMAIN), rng);
        pcs.verify(data.commitment(), claims, proof, new Transcript(DOMAIN));
        List<Claim> wrong = List.of(Claim.weighted(0, w, value.add(Ext.ONE)), claims.get(1), claims.get(2));
        assertEquals("batched claim check failed: q's X^(cols-1) coefficient ≠ Σ α·value",
                rejection(data.commitment(), wrong, proof));
    }

    @Test
    void open_combinationOfTermsRevealsOnlyItsValue() throws InvalidProofException {
        long[] a = randomVector(1 << 10);
        long[] b = randomVector(1 << 6);
        Ext[] za = randomPoint(10);
        Ext[] wb = randomPoint(1 << 6);
        Ext ca = Ext.random(rng);
        Ext cb = Ext.random(rng);
        Ext sumB = Ext.ZERO;
        for (int i = 0; i < b.length; i++) {
            sumB = sumB.add(wb[i].mul(b[i]));
        }
        Ext value = ca.mul(Multilinear.evaluate(a, za)).add(cb.mul(sumB));
        List<Claim.Term> terms = List.of(new Claim.Term(0, new LinearFunctional.MultilinearPoint(za), ca),
                new Claim.Term(1, new LinearFunctional.WeightedSum(wb), cb));
        List<Claim> claims = List.of(new Claim(terms, value));
        LigeroProverData data = pcs.commit(List.of(a, b), rng);
        LigeroOpening proof = pcs.open(data, claims, new Transcript(DOMAIN), rng);
        pcs.verify(data.commitment(), claims, proof, new Transcript(DOMAIN));

        assertTrue(rejection(data.commitment(), List.of(new Claim(terms, value.add(Ext.ONE))), proof)
                .startsWith("batched claim check failed"));
        List<Claim.Term> swapped = List.of(new Claim.Term(0, terms.get(0).functional(), cb),
                new Claim.Term(1, terms.get(1).functional(), ca));
        rejection(data.commitment(), List.of(new Claim(swapped, value)), proof);
        assertThrows(IllegalStateException.class, () -> claims.get(0).vector());
    }

    @Test
    void verify_wrongValueOfAnyClaimRejected() {
        Fixture f = honest(new int[] {8, 1 << 10}, 2);
        for (int c = 0; c < f.claims.size(); c++) {
            List<Claim> claims = new ArrayList<>(f.claims);
            Claim old = claims.get(c);
            claims.set(c, new Claim(old.vector(), old.functional(), old.value().add(Ext.ONE)));
            assertTrue(rejection(f.commitment, claims, f.proof).startsWith("batched claim check failed"));
        }
    }

    @Test
    void verify_wrongPointRejected() {
        Fixture f = honest(new int[] {1 << 10}, 1);
        Claim c = f.claims.get(0);
        Ext[] z = ((LinearFunctional.MultilinearPoint) c.functional()).point();
        z[3] = z[3].add(Ext.ONE);
        rejection(f.commitment, List.of(Claim.multilinear(0, z, c.value())), f.proof);
    }

    @Test
    void verify_claimsReorderedOrDroppedRejected() {
        Fixture f = honest(new int[] {16, 32}, 1);
        rejection(f.commitment, List.of(f.claims.get(1), f.claims.get(0)), f.proof);
        rejection(f.commitment, List.of(f.claims.get(0)), f.proof);
    }

    @Test
    void verify_differentTranscriptRejected() {
        Fixture f = honest(new int[] {1 << 8}, 1);
        assertThrows(InvalidProofException.class,
                () -> pcs.verify(f.commitment, f.claims, f.proof, new Transcript("other-domain")));
        Transcript t = new Transcript(DOMAIN);
        t.absorbLong("statement/nonce", 7);
        assertThrows(InvalidProofException.class, () -> pcs.verify(f.commitment, f.claims, f.proof, t));
    }

    /** Applies {@code edit} to a copy of the proof and expects rejection. */
    void expectRejected(Fixture f, UnaryOperator<LigeroOpening> edit, String what) {
        LigeroOpening bad = edit.apply(f.proof);
        try {
            pcs.verify(f.commitment, f.claims, bad, new Transcript(DOMAIN));
            fail("accepted a proof with " + what);
        } catch (InvalidProofException expected) {
            // rejected, as it must be
        }
    }

    static LigeroOpening copy(LigeroOpening p) {
        long[][] cols = Arrays.stream(p.columnValues).map(long[]::clone).toArray(long[][]::new);
        byte[][] salts = Arrays.stream(p.salts).map(byte[]::clone).toArray(byte[][]::new);
        return new LigeroOpening(p.u.clone(), p.q.clone(), p.columns.clone(), salts, cols, p.merkle);
    }

    @Test
    void verify_everyTamperedMessageElementRejected() {
        Fixture f = honest(new int[] {64, 128}, 1);
        for (int j = 0; j < f.proof.u.length; j++) {
            int at = j;
            expectRejected(f, p -> {
                LigeroOpening c = copy(p);
                c.u[at] = c.u[at].add(Ext.of(0, 1));
                return c;
            }, "u[" + j + "] changed");
        }
        for (int j = 0; j < f.proof.q.length; j++) {
            int at = j;
            expectRejected(f, p -> {
                LigeroOpening c = copy(p);
                c.q[at] = c.q[at].add(Ext.ONE);
                return c;
            }, "q[" + j + "] changed");
        }
        for (int k = 0; k < f.proof.columns.length; k++) {
            for (int i = 0; i < f.proof.columnValues[k].length; i++) {
                int col = k;
                int row = i;
                expectRejected(f, p -> {
                    LigeroOpening c = copy(p);
                    c.columnValues[col][row] = Goldilocks.add(c.columnValues[col][row], 1);
                    return c;
                }, "column " + k + " row " + i + " changed");
            }
            int col = k;
            expectRejected(f, p -> {
                LigeroOpening c = copy(p);
                c.salts[col][0] ^= 1;
                return c;
            }, "salt " + k + " changed");
        }
    }

    @Test
    void verify_everySingleByteFlipOfEncodedProofRejected() throws InvalidProofException {
        Fixture f = honest(new int[] {32}, 1);
        byte[] bytes = encode(f.proof);
        for (int i = 0; i < bytes.length; i++) {
            byte[] bad = bytes.clone();
            bad[i] ^= (byte) (1 << (i % 8));
            try {
                OpeningProof p = pcs.readProof(new ProofReader(bad), f.commitment, f.claims);
                pcs.verify(f.commitment, f.claims, p, new Transcript(DOMAIN));
                fail("accepted proof with byte " + i + " flipped");
            } catch (InvalidProofException expected) {
                // rejected
            }
        }
    }

    @Test
    void verify_tamperedCommitmentRejected() throws InvalidProofException {
        Fixture f = honest(new int[] {1 << 8}, 1);
        ProofWriter w = new ProofWriter();
        f.commitment.writeTo(w);
        byte[] bytes = w.toByteArray();
        for (int i = 0; i < bytes.length; i++) {
            byte[] bad = bytes.clone();
            bad[i] ^= 0x10;
            try {
                LigeroCommitment c = pcs.readCommitment(new ProofReader(bad));
                pcs.verify(c, f.claims, f.proof, new Transcript(DOMAIN));
                fail("accepted with commitment byte " + i + " flipped");
            } catch (InvalidProofException expected) {
                // rejected
            }
        }
        ProofReader r = new ProofReader(bytes);
        assertEquals(f.commitment, pcs.readCommitment(r));
        r.expectEnd("commitment");
    }

    @Test
    void verify_proofForOtherDataRejected() {
        Fixture a = honest(new int[] {1 << 10}, 1);
        Fixture b = honest(new int[] {1 << 10}, 1);
        rejection(a.commitment, a.claims, b.proof);
        rejection(b.commitment, a.claims, a.proof);
    }

    @Test
    void read_roundTripsAndRejectsTruncationAndGarbage() throws InvalidProofException {
        Fixture f = honest(new int[] {1 << 9}, 2);
        byte[] bytes = encode(f.proof);
        ProofReader r = new ProofReader(bytes);
        OpeningProof back = pcs.readProof(r, f.commitment, f.claims);
        r.expectEnd("opening");
        pcs.verify(f.commitment, f.claims, back, new Transcript(DOMAIN));
        for (int cut = 0; cut < bytes.length; cut += 97) {
            byte[] truncated = Arrays.copyOf(bytes, cut);
            assertThrows(InvalidProofException.class,
                    () -> pcs.readProof(new ProofReader(truncated), f.commitment, f.claims));
        }
        byte[] garbage = new byte[bytes.length];
        new SplittableRandom(9).nextBytes(garbage);
        assertThrows(InvalidProofException.class, () -> {
            OpeningProof p = pcs.readProof(new ProofReader(garbage), f.commitment, f.claims);
            pcs.verify(f.commitment, f.claims, p, new Transcript(DOMAIN));
        });
    }

    @Test
    void readCommitment_hugeLengthRejectedWithoutAllocating() {
        ProofWriter w = new ProofWriter().writeInt(100).writeInt(Integer.MAX_VALUE);
        InvalidProofException e = assertThrows(InvalidProofException.class,
                () -> pcs.readCommitment(new ProofReader(w.toByteArray())));
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
        ProofWriter w2 = new ProofWriter().writeInt(100).writeInt(1).writeInt(1 << 30).writeInt(0);
        assertThrows(InvalidProofException.class, () -> pcs.readCommitment(new ProofReader(w2.toByteArray())));
    }

    @Test
    void open_secondOpeningRefused() {
        LigeroProverData data = pcs.commit(List.of(randomVector(16)), rng);
        Ext[] z = randomPoint(4);
        List<Claim> claims = List.of(Claim.multilinear(0, z, Ext.ZERO));
        pcs.open(data, claims, new Transcript(DOMAIN), rng);
        assertThrows(IllegalStateException.class, () -> pcs.open(data, claims, new Transcript(DOMAIN), rng));
    }

    @Test
    void commit_badInputsGiveClearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pcs.commit(List.of(new long[3]), rng));
        assertEquals("vector 0 has length 3; lengths must be powers of two", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> pcs.commit(List.of(new long[] {-1L}), rng));
        assertEquals("vector 0 entry 0 is not canonical", e.getMessage());
        LigeroProverData data = pcs.commit(List.of(randomVector(8)), rng);
        e = assertThrows(IllegalArgumentException.class, () -> pcs.open(data,
                List.of(Claim.multilinear(0, randomPoint(2), Ext.ZERO)), new Transcript(DOMAIN), rng));
        assertEquals("claim 0: point has 2 coordinates but vector 0 has 2^3 entries", e.getMessage());
    }

    @Test
    void hiding_proofNeverContainsCommittedValuesAndIsRandomised() {
        long[] secret = randomVector(1 << 10);
        Ext[] z = randomPoint(10);
        List<Claim> claims = List.of(Claim.multilinear(0, z, Multilinear.evaluate(secret, z)));
        byte[] first = encode(pcs.open(pcs.commit(List.of(secret), rng), claims, new Transcript(DOMAIN), rng));
        byte[] second = encode(pcs.open(pcs.commit(List.of(secret), rng), claims, new Transcript(DOMAIN), rng));
        assertFalse(Arrays.equals(first, second), "two openings of the same data must differ");
        byte[] enc = new byte[8];
        for (long s : secret) {
            Goldilocks.encode(s, enc, 0);
            assertFalse(contains(first, enc), "a committed value appears in the proof");
        }
    }

    @Test
    void parameters_millionElementCommitmentMeetsSecurityAndSizeTargets() throws InvalidProofException {
        assertTrue(pcs.soundnessBits(1 << 20) >= 100, "soundness " + pcs.soundnessBits(1 << 20));
        assertTrue(pcs.soundnessBits(1) >= 100);
        assertTrue(pcs.soundnessBits(16, 1 << 12, 1 << 18) >= 100);
        Fixture f = honest(new int[] {1 << 20}, 1);
        verify(f);
        int size = encode(f.proof).length;
        assertTrue(size <= 600 * 1024, "opening of 2^20 elements is " + size + " bytes");
    }

    static byte[] encode(OpeningProof p) {
        ProofWriter w = new ProofWriter();
        p.writeTo(w);
        return w.toByteArray();
    }

    static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
