package org.zkml4j.backend.sumcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;
import org.zkml4j.backend.pcs.PolynomialCommitment;
import org.zkml4j.backend.transcript.Transcript;

/** Tests of {@link ZkSumcheck} against any polynomial commitment; subclasses choose the PCS. */
abstract class ZkSumcheckContract {
    static final String DOMAIN = "zkml4j/zk-sumcheck-test";

    abstract PolynomialCommitment pcs();

    ZkSumcheck zk() {
        return new ZkSumcheck(pcs());
    }

    static Stream<Arguments> degreesKindsSizes() {
        Stream.Builder<Arguments> s = Stream.builder();
        for (int d = 1; d <= 3; d++) {
            for (Fixtures.Kind k : Fixtures.Kind.values()) {
                for (int n : new int[] {0, 1, 2, 3, 5, 8}) {
                    s.add(Arguments.of(d, k, n));
                }
            }
        }
        return s.build();
    }

    ZkSumcheck.ProverResult prove(SumcheckInstance inst, Ext sum, long seed) {
        return zk().prove(inst, sum, new Transcript(DOMAIN), new SplittableRandom(seed));
    }

    Reduction verify(SumcheckShape shape, Ext sum, ZkSumcheckProof proof) throws InvalidProofException {
        return zk().verify(shape, sum, proof, new Transcript(DOMAIN));
    }

    static byte[] bytes(ZkSumcheckProof p) {
        ProofWriter w = new ProofWriter();
        p.writeTo(w);
        return w.toByteArray();
    }

    ZkSumcheckProof readAll(byte[] b, SumcheckShape shape) throws InvalidProofException {
        ProofReader r = new ProofReader(b);
        ZkSumcheckProof p = zk().readProof(r, shape);
        r.expectEnd("zk-sumcheck proof");
        return p;
    }

    /** Read then verify; every failure must be an InvalidProofException. */
    void readAndVerify(byte[] b, SumcheckShape shape, Ext sum) throws InvalidProofException {
        verify(shape, sum, readAll(b, shape));
    }

    static int commitmentSize(ZkSumcheckProof p) {
        ProofWriter w = new ProofWriter();
        p.maskCommitment().writeTo(w);
        return w.size();
    }

    @ParameterizedTest(name = "degree {0}, {1} tables, n = {2}")
    @MethodSource("degreesKindsSizes")
    void honestProof_verifies(int degree, Fixtures.Kind kind, int n) throws InvalidProofException {
        Fixtures.Built b = Fixtures.instance(n, degree, kind, new Random(31 * degree + 7 * kind.ordinal() + n));
        Ext sum = b.instance().sum();
        ZkSumcheck.ProverResult res = prove(b.instance(), sum, 1);
        for (int j = 0; j < b.tables().size(); j++) {
            assertEquals(b.mle(j, res.point()), res.finalEvaluations()[j]);
        }
        Reduction v = verify(b.instance().shape(), sum, res.proof());
        assertArrayEquals(res.point(), v.point());
        assertArrayEquals(res.finalEvaluations(), v.finalEvaluations());
    }

    @Test
    void honestProof_n16_verifies() throws InvalidProofException {
        Fixtures.Built b = Fixtures.instance(16, 2, Fixtures.Kind.MIXED, new Random(16));
        Ext sum = b.instance().sum();
        ZkSumcheck.ProverResult res = prove(b.instance(), sum, 2);
        verify(b.instance().shape(), sum, readAll(bytes(res.proof()), b.instance().shape()));
    }

    @Test
    void prove_wrongClaimedSumRefused() {
        Fixtures.Built b = Fixtures.instance(4, 2, Fixtures.Kind.BASE, new Random(1));
        assertThrows(IllegalArgumentException.class,
                () -> prove(b.instance(), Fixtures.plusOne(b.instance().sum()), 3));
    }

    @Test
    void verify_wrongClaimedSumRejected() {
        Fixtures.Built b = Fixtures.instance(4, 3, Fixtures.Kind.MIXED, new Random(2));
        Ext sum = b.instance().sum();
        ZkSumcheckProof proof = prove(b.instance(), sum, 4).proof();
        assertThrows(InvalidProofException.class,
                () -> verify(b.instance().shape(), Fixtures.plusOne(sum), proof));
        Fixtures.Built b0 = Fixtures.instance(0, 2, Fixtures.Kind.MIXED, new Random(3));
        Ext sum0 = b0.instance().sum();
        ZkSumcheckProof proof0 = prove(b0.instance(), sum0, 5).proof();
        assertThrows(InvalidProofException.class,
                () -> verify(b0.instance().shape(), Fixtures.plusOne(sum0), proof0));
    }

    private static ZkSumcheckProof rebuild(ZkSumcheckProof p, Ext maskSum, Ext[][] rounds, Ext[] finals,
            Ext[] values) {
        return new ZkSumcheckProof(p.maskCommitment(), maskSum, rounds, finals, values, p.openingProof());
    }

    private static Ext[][] rounds(ZkSumcheckProof p) {
        Ext[][] r = new Ext[p.numRounds()][];
        for (int i = 0; i < r.length; i++) {
            r[i] = p.roundEvaluations(i);
        }
        return r;
    }

    @Test
    void verify_tamperedRoundEvaluationRejected() {
        int n = 4, d = 3;
        Fixtures.Built b = Fixtures.instance(n, d, Fixtures.Kind.MIXED, new Random(4));
        Ext sum = b.instance().sum();
        ZkSumcheckProof p = prove(b.instance(), sum, 6).proof();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k <= d; k++) {
                Ext[][] r = rounds(p);
                r[i][k] = Fixtures.plusOne(r[i][k]);
                ZkSumcheckProof bad = rebuild(p, p.maskSum(), r, p.finalEvaluations(), p.maskValues());
                assertThrows(InvalidProofException.class, () -> verify(b.instance().shape(), sum, bad));
            }
        }
    }

    @Test
    void verify_tamperedFinalEvaluationRejected() {
        Fixtures.Built b = Fixtures.instance(3, 3, Fixtures.Kind.EXT, new Random(5));
        Ext sum = b.instance().sum();
        ZkSumcheckProof p = prove(b.instance(), sum, 7).proof();
        for (int j = 0; j < b.tables().size(); j++) {
            Ext[] f = p.finalEvaluations();
            f[j] = Fixtures.plusOne(f[j]);
            ZkSumcheckProof bad = rebuild(p, p.maskSum(), rounds(p), f, p.maskValues());
            InvalidProofException e = assertThrows(InvalidProofException.class,
                    () -> verify(b.instance().shape(), sum, bad));
            assertTrue(e.getMessage().contains("final check"), e.getMessage());
        }
    }

    @Test
    void verify_tamperedMaskSumRejected() {
        Fixtures.Built b = Fixtures.instance(3, 2, Fixtures.Kind.BASE, new Random(6));
        Ext sum = b.instance().sum();
        ZkSumcheckProof p = prove(b.instance(), sum, 8).proof();
        ZkSumcheckProof bad = rebuild(p, Fixtures.plusOne(p.maskSum()), rounds(p), p.finalEvaluations(), p.maskValues());
        assertThrows(InvalidProofException.class, () -> verify(b.instance().shape(), sum, bad));
    }

    @Test
    void verify_tamperedMaskValueRejected() {
        for (int n : new int[] {0, 3}) {
            Fixtures.Built b = Fixtures.instance(n, 2, Fixtures.Kind.BASE, new Random(7));
            Ext sum = b.instance().sum();
            ZkSumcheckProof p = prove(b.instance(), sum, 9).proof();
            assertEquals(Math.max(1, n), p.maskValues().length);
            for (int i = 0; i < p.maskValues().length; i++) {
                for (Ext delta : new Ext[] {Ext.ONE, Ext.of(0, 1)}) {
                    Ext[] u = p.maskValues();
                    u[i] = u[i].add(delta);
                    ZkSumcheckProof bad = rebuild(p, p.maskSum(), rounds(p), p.finalEvaluations(), u);
                    assertThrows(InvalidProofException.class, () -> verify(b.instance().shape(), sum, bad));
                }
            }
            ZkSumcheckProof missing = rebuild(p, p.maskSum(), rounds(p), p.finalEvaluations(), new Ext[0]);
            assertThrows(InvalidProofException.class, () -> verify(b.instance().shape(), sum, missing));
        }
    }

    @Test
    void verify_maskValuesShiftedAgainstEachOtherRejectedByOpening() {
        // u_0 + δ and u_1 − δ keep Σ u_i = g(r) and the final check: only the PCS opening can catch it
        Fixtures.Built b = Fixtures.instance(3, 2, Fixtures.Kind.EXT, new Random(21));
        Ext sum = b.instance().sum();
        ZkSumcheckProof p = prove(b.instance(), sum, 22).proof();
        Ext[] u = p.maskValues();
        u[0] = u[0].add(Ext.ONE);
        u[1] = u[1].sub(Ext.ONE);
        ZkSumcheckProof bad = rebuild(p, p.maskSum(), rounds(p), p.finalEvaluations(), u);
        InvalidProofException e = assertThrows(InvalidProofException.class,
                () -> verify(b.instance().shape(), sum, bad));
        assertFalse(e.getMessage().contains("final check"), e.getMessage());
    }

    @Test
    void verify_maskValueAndFinalEvaluationShiftedTogetherRejectedByOpening() {
        // keep the final check true by compensating f(r) against ρ·g(r): only the PCS opening can catch it
        Random rng = new Random(8);
        Fixtures.Table f = Fixtures.table(3, true, rng);
        SumcheckInstance.Builder sb = SumcheckInstance.builder();
        SumcheckInstance inst = sb.addTerm(Ext.ONE, sb.addBaseTable(f.data())).build(); // linear in f
        Ext sum = inst.sum();
        ZkSumcheckProof p = prove(inst, sum, 10).proof();
        // recompute ρ as the verifier does
        Transcript t = new Transcript(DOMAIN);
        inst.shape().absorbStatement(t, sum, true);
        p.maskCommitment().absorbInto(t);
        t.absorbExts(ZkSumcheck.MASK_SUM_LABEL, p.maskSum());
        Ext rho = t.challengeExt(ZkSumcheck.RHO_LABEL);
        Ext[] finals = p.finalEvaluations();
        finals[0] = finals[0].sub(rho);
        Ext[] u = p.maskValues();
        u[0] = u[0].add(Ext.ONE);
        ZkSumcheckProof bad = rebuild(p, p.maskSum(), rounds(p), finals, u);
        InvalidProofException e = assertThrows(InvalidProofException.class, () -> verify(inst.shape(), sum, bad));
        assertFalse(e.getMessage().contains("final check"), e.getMessage());
    }

    @Test
    void verify_tamperedCommitmentBytesRejected() {
        Fixtures.Built b = Fixtures.instance(3, 2, Fixtures.Kind.MIXED, new Random(9));
        SumcheckShape shape = b.instance().shape();
        Ext sum = b.instance().sum();
        ZkSumcheckProof p = prove(b.instance(), sum, 11).proof();
        byte[] enc = bytes(p);
        int cs = commitmentSize(p);
        for (int pos = 0; pos < cs; pos++) {
            for (int bit : new int[] {0, 7}) {
                byte[] bad = enc.clone();
                bad[pos] ^= (byte) (1 << bit);
                int at = pos;
                assertThrows(InvalidProofException.class, () -> readAndVerify(bad, shape, sum), () -> "byte " + at);
            }
        }
    }

    @Test
    void verify_tamperedOpeningBytesRejected() {
        Fixtures.Built b = Fixtures.instance(3, 2, Fixtures.Kind.MIXED, new Random(10));
        SumcheckShape shape = b.instance().shape();
        Ext sum = b.instance().sum();
        ZkSumcheckProof p = prove(b.instance(), sum, 12).proof();
        byte[] enc = bytes(p);
        int start = enc.length - p.openingProof().length;
        int step = Math.max(1, (enc.length - start) / 400);
        for (int pos = start - 4; pos < enc.length; pos += pos < start ? 1 : step) {
            byte[] bad = enc.clone();
            bad[pos] ^= 1;
            int at = pos;
            assertThrows(InvalidProofException.class, () -> readAndVerify(bad, shape, sum), () -> "byte " + at);
        }
        byte[] last = enc.clone();
        last[enc.length - 1] ^= (byte) 0x80;
        assertThrows(InvalidProofException.class, () -> readAndVerify(last, shape, sum));
    }

    @Test
    void verify_everyNonOpeningByteTamperedRejected() {
        Fixtures.Built b = Fixtures.instance(2, 2, Fixtures.Kind.BASE, new Random(11));
        SumcheckShape shape = b.instance().shape();
        Ext sum = b.instance().sum();
        ZkSumcheckProof p = prove(b.instance(), sum, 13).proof();
        byte[] enc = bytes(p);
        int end = enc.length - p.openingProof().length;
        for (int pos = 0; pos < end; pos++) {
            byte[] bad = enc.clone();
            bad[pos] ^= 1;
            int at = pos;
            assertThrows(InvalidProofException.class, () -> readAndVerify(bad, shape, sum), () -> "byte " + at);
        }
    }

    @Test
    void verify_differentTranscriptRejected() throws InvalidProofException {
        Fixtures.Built b = Fixtures.instance(4, 2, Fixtures.Kind.EXT, new Random(12));
        SumcheckShape shape = b.instance().shape();
        Ext sum = b.instance().sum();
        ZkSumcheckProof p = prove(b.instance(), sum, 14).proof();
        verify(shape, sum, p);
        assertThrows(InvalidProofException.class, () -> zk().verify(shape, sum, p, new Transcript("zkml4j/other")));
        Transcript prior = new Transcript(DOMAIN);
        prior.absorbLong("prior", 1);
        assertThrows(InvalidProofException.class, () -> zk().verify(shape, sum, p, prior));
        // a non-ZK transcript discipline does not accept a ZK proof and vice versa
        SumcheckProof plain = SumcheckProver.prove(b.instance(), sum, new Transcript(DOMAIN)).proof();
        assertThrows(InvalidProofException.class, () -> verify(shape, sum, rebuild(p, p.maskSum(), roundsOf(plain),
                plain.finalEvaluations(), p.maskValues())));
    }

    private static Ext[][] roundsOf(SumcheckProof p) {
        Ext[][] r = new Ext[p.numRounds()][];
        for (int i = 0; i < r.length; i++) {
            r[i] = p.roundEvaluations(i);
        }
        return r;
    }

    @Test
    void transcript_sameStateAfterProveAndVerify() throws InvalidProofException {
        Fixtures.Built b = Fixtures.instance(3, 3, Fixtures.Kind.MIXED, new Random(13));
        Ext sum = b.instance().sum();
        Transcript pt = new Transcript(DOMAIN), vt = new Transcript(DOMAIN);
        ZkSumcheckProof p = zk().prove(b.instance(), sum, pt, new SplittableRandom(15)).proof();
        zk().verify(b.instance().shape(), sum, p, vt);
        assertEquals(pt.challengeExt("next"), vt.challengeExt("next"));
    }

    @Test
    void masking_twoProofsOfSameStatementDiffer() throws InvalidProofException {
        Fixtures.Built b = Fixtures.instance(4, 2, Fixtures.Kind.BASE, new Random(14));
        Ext sum = b.instance().sum();
        ZkSumcheckProof p1 = zk().prove(b.instance(), sum, new Transcript(DOMAIN)).proof();
        ZkSumcheckProof p2 = zk().prove(b.instance(), sum, new Transcript(DOMAIN)).proof();
        verify(b.instance().shape(), sum, p1);
        verify(b.instance().shape(), sum, p2);
        assertFalse(p1.maskSum().equals(p2.maskSum()));
        for (int i = 0; i < p1.numRounds(); i++) {
            for (int k = 0; k <= 2; k++) {
                assertFalse(p1.roundEvaluations(i)[k].equals(p2.roundEvaluations(i)[k]), "round " + i + " point " + k);
            }
        }
        // and the masked rounds differ from the plain sumcheck's
        SumcheckProof plain = SumcheckProver.prove(b.instance(), sum, new Transcript(DOMAIN)).proof();
        assertFalse(plain.roundEvaluations(0)[0].equals(p1.roundEvaluations(0)[0]));
    }

    @Test
    void writeRead_roundTrip() throws InvalidProofException {
        for (int n : new int[] {0, 1, 6}) {
            Fixtures.Built b = Fixtures.instance(n, 3, Fixtures.Kind.MIXED, new Random(15 + n));
            Ext sum = b.instance().sum();
            ZkSumcheckProof p = prove(b.instance(), sum, 16).proof();
            byte[] enc = bytes(p);
            assertEquals(p.sizeBytes(), enc.length);
            ZkSumcheckProof back = readAll(enc, b.instance().shape());
            assertArrayEquals(enc, bytes(back));
            verify(b.instance().shape(), sum, back);
        }
    }

    @Test
    void read_truncatedRejected() {
        Fixtures.Built b = Fixtures.instance(3, 2, Fixtures.Kind.BASE, new Random(16));
        SumcheckShape shape = b.instance().shape();
        Ext sum = b.instance().sum();
        byte[] enc = bytes(prove(b.instance(), sum, 17).proof());
        int step = Math.max(1, enc.length / 500);
        for (int len = 0; len < enc.length; len += len < 600 ? 1 : step) {
            byte[] cut = Arrays.copyOf(enc, len);
            int at = len;
            assertThrows(InvalidProofException.class, () -> readAndVerify(cut, shape, sum), () -> "length " + at);
        }
        assertThrows(InvalidProofException.class, () -> readAndVerify(Arrays.copyOf(enc, enc.length - 1), shape, sum));
        assertThrows(InvalidProofException.class, () -> readAndVerify(Arrays.copyOf(enc, enc.length + 1), shape, sum));
    }

    @Test
    void read_garbageRejected() {
        Fixtures.Built b = Fixtures.instance(3, 2, Fixtures.Kind.BASE, new Random(17));
        SumcheckShape shape = b.instance().shape();
        Ext sum = b.instance().sum();
        byte[] enc = bytes(prove(b.instance(), sum, 18).proof());
        Random rng = new Random(19);
        for (int i = 0; i < 100; i++) {
            byte[] junk = new byte[i % 2 == 0 ? enc.length : rng.nextInt(2 * enc.length + 1)];
            rng.nextBytes(junk);
            assertThrows(InvalidProofException.class, () -> readAndVerify(junk, shape, sum));
        }
        // valid prefix up to the opening, then a huge opening length
        byte[] big = enc.clone();
        int lenAt = enc.length - bytesOfOpening(enc, shape) - 4;
        big[lenAt] = big[lenAt + 1] = big[lenAt + 2] = (byte) 0xFF;
        big[lenAt + 3] = 0x7F;
        assertThrows(InvalidProofException.class, () -> readAndVerify(big, shape, sum));
    }

    private int bytesOfOpening(byte[] enc, SumcheckShape shape) {
        try {
            return readAll(enc, shape).openingProof().length;
        } catch (InvalidProofException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void maskClaimWeights_evaluateBlockValues() {
        // u_i = e_i + Σ_k g_{i,k}·r_i^k from the interleaved block layout
        SumcheckShape shape = SumcheckShape.of(3, 1, new SumcheckShape.Term(Ext.ONE, new int[] {0, 0, 0}));
        Random rng = new Random(20);
        int d = 3, n = 3, len = ZkSumcheck.maskBlockLength(shape);
        assertEquals(8, len);
        assertEquals(3, ZkSumcheck.maskBlocks(shape));
        Ext[] r = {Ext.random(rng), Ext.random(rng), Ext.random(rng)};
        long[][] blocks = new long[n][len];
        Ext[] expected = new Ext[n];
        for (int i = 0; i < n; i++) {
            Ext e = Ext.random(rng);
            e.set(blocks[i], 0);
            Ext u = e;
            Ext pw = Ext.ONE;
            for (int k = 1; k <= d; k++) {
                Ext c = Ext.random(rng);
                c.set(blocks[i], k);
                pw = pw.mul(r[i]);
                u = u.add(c.mul(pw));
            }
            expected[i] = u;
        }
        java.util.List<org.zkml4j.backend.pcs.Claim> claims = ZkSumcheck.maskClaims(shape, r, expected, 0);
        for (int i = 0; i < n; i++) {
            assertEquals(i, claims.get(i).vector());
            assertEquals(expected[i], weightedSum(claims.get(i).functional(), blocks[i]));
        }
        SumcheckShape empty = SumcheckShape.of(0, 1, new SumcheckShape.Term(Ext.ONE, new int[] {0, 0}));
        assertEquals(2, ZkSumcheck.maskBlockLength(empty));
        assertEquals(1, ZkSumcheck.maskBlocks(empty));
        assertEquals(4, ZkSumcheck.maskBlockLength(SumcheckShape.of(5, 1, new SumcheckShape.Term(Ext.ONE, new int[] {0}))));
    }

    /** Applies a weighted-sum functional to a vector directly. */
    static Ext weightedSum(org.zkml4j.backend.pcs.LinearFunctional f, long[] v) {
        Ext[] w = ((org.zkml4j.backend.pcs.LinearFunctional.WeightedSum) f).weights();
        assertEquals(v.length, w.length);
        Ext s = Ext.ZERO;
        for (int i = 0; i < v.length; i++) {
            s = s.add(w[i].mul(v[i]));
        }
        return s;
    }
}
