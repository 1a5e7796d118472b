package org.zkml4j.backend.sumcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;
import org.zkml4j.backend.transcript.Transcript;

class SumcheckTest {
    static final String DOMAIN = "zkml4j/sumcheck-test";

    static Stream<Arguments> degreesKindsSizes() {
        Stream.Builder<Arguments> s = Stream.builder();
        for (int d = 1; d <= 3; d++) {
            for (Fixtures.Kind k : Fixtures.Kind.values()) {
                for (int n = 0; n <= 12; n++) {
                    s.add(Arguments.of(d, k, n));
                }
            }
        }
        return s.build();
    }

    static SumcheckProver.Result prove(SumcheckInstance inst, Ext sum) {
        return SumcheckProver.prove(inst, sum, new Transcript(DOMAIN));
    }

    static Reduction verify(SumcheckShape shape, Ext sum, SumcheckProof proof)
            throws InvalidProofException {
        return SumcheckVerifier.verify(shape, sum, proof, new Transcript(DOMAIN));
    }

    static byte[] bytes(SumcheckProof p) {
        ProofWriter w = new ProofWriter();
        p.writeTo(w);
        return w.toByteArray();
    }

    static SumcheckProof readAll(byte[] b, SumcheckShape shape) throws InvalidProofException {
        ProofReader r = new ProofReader(b);
        SumcheckProof p = SumcheckProof.read(r, shape);
        r.expectEnd("sumcheck proof");
        return p;
    }

    @ParameterizedTest(name = "degree {0}, {1} tables, n = {2}")
    @MethodSource("degreesKindsSizes")
    void honestProof_verifiesAndFinalEvaluationsAreMles(int degree, Fixtures.Kind kind, int n)
            throws InvalidProofException {
        Random rng = new Random(1000 * degree + 100 * kind.ordinal() + n);
        Fixtures.Built b = Fixtures.instance(n, degree, kind, rng);
        Ext sum = b.instance().sum();
        assertEquals(b.bruteSum(), sum);
        SumcheckProver.Result res = prove(b.instance(), sum);
        assertEquals(n, res.point().length);
        assertEquals(n * (degree + 1) + b.tables().size(), res.proof().sizeBytes() / 16);
        for (int j = 0; j < b.tables().size(); j++) {
            assertEquals(b.mle(j, res.point()), res.finalEvaluations()[j], "table " + j);
        }
        Reduction v = verify(b.instance().shape(), sum, res.proof());
        assertArrayEquals(res.point(), v.point());
        assertArrayEquals(res.finalEvaluations(), v.finalEvaluations());
    }

    @ParameterizedTest
    @EnumSource(Fixtures.Kind.class)
    void honestProof_n16_verifiesAndIsDeterministic(Fixtures.Kind kind) throws InvalidProofException {
        Random rng = new Random(16 + kind.ordinal());
        Fixtures.Built b = Fixtures.instance(16, 3, kind, rng);
        Ext sum = b.instance().sum();
        SumcheckProver.Result res = prove(b.instance(), sum);
        verify(b.instance().shape(), sum, res.proof());
        for (int j = 0; j < b.tables().size(); j++) {
            assertEquals(b.mle(j, res.point()), res.finalEvaluations()[j]);
        }
        assertArrayEquals(bytes(res.proof()), bytes(prove(b.instance(), sum).proof()));
    }

    @Test
    void honestProof_productOfTwoBaseTablesAtParallelSize() throws InvalidProofException {
        Random rng = new Random(18);
        Fixtures.Table f = Fixtures.table(17, true, rng), g = Fixtures.table(17, true, rng);
        SumcheckInstance.Builder b = SumcheckInstance.builder();
        int x = b.addBaseTable(f.data()), y = b.addBaseTable(g.data());
        SumcheckInstance inst = b.addTerm(Ext.ONE, x, y).build();
        Ext expected = Ext.ZERO;
        for (int i = 0; i < f.data().length; i++) {
            expected = expected.add(Ext.base(Goldilocks.mul(f.data()[i], g.data()[i])));
        }
        assertEquals(expected, inst.sum());
        SumcheckProver.Result res = prove(inst, expected);
        Reduction v = verify(inst.shape(), expected, res.proof());
        assertEquals(org.zkml4j.backend.poly.Multilinear.evaluate(f.data(), v.point()), v.finalEvaluations()[0]);
    }

    @Test
    void repeatedAndSharedTables_verify() throws InvalidProofException {
        Random rng = new Random(5);
        Fixtures.Table f = Fixtures.table(6, true, rng), g = Fixtures.table(6, false, rng);
        SumcheckInstance.Builder b = SumcheckInstance.builder();
        int x = b.addBaseTable(f.data()), y = b.addExtTable(g.data()), z = b.addBaseTable(f.data());
        SumcheckInstance inst = b.addTerm(Ext.of(3, 1), x, x, y).addTerm(Ext.ONE, z).addTerm(Ext.of(0, 5), y, z)
                .build();
        Ext sum = Ext.ZERO;
        for (int i = 0; i < 64; i++) {
            Ext fv = f.values()[i], gv = g.values()[i];
            sum = sum.add(Ext.of(3, 1).mul(fv).mul(fv).mul(gv)).add(fv).add(Ext.of(0, 5).mul(gv).mul(fv));
        }
        assertEquals(sum, inst.sum());
        SumcheckProver.Result res = prove(inst, sum);
        Reduction v = verify(inst.shape(), sum, res.proof());
        assertEquals(v.finalEvaluations()[0], v.finalEvaluations()[2]);
    }

    @Test
    void verify_wrongClaimedSumRejected() {
        Fixtures.Built b = Fixtures.instance(5, 2, Fixtures.Kind.MIXED, new Random(1));
        Ext sum = b.instance().sum();
        SumcheckProof proof = prove(b.instance(), sum).proof();
        InvalidProofException e = assertThrows(InvalidProofException.class,
                () -> verify(b.instance().shape(), Fixtures.plusOne(sum), proof));
        assertTrue(e.getMessage().contains("round 0"), e.getMessage());
    }

    @Test
    void prove_wrongClaimedSumRefusedAndForgedProofRejected() {
        Fixtures.Built b = Fixtures.instance(4, 3, Fixtures.Kind.EXT, new Random(2));
        Ext wrong = Fixtures.plusOne(b.instance().sum());
        assertThrows(IllegalArgumentException.class, () -> prove(b.instance(), wrong));
        // the unchecked prover derives p(1) from the claim, so every round check passes; the final fails
        SumcheckProof forged = SumcheckProver.prove(b.instance(), wrong, new Transcript(DOMAIN), false).proof();
        InvalidProofException e = assertThrows(InvalidProofException.class,
                () -> verify(b.instance().shape(), wrong, forged));
        assertTrue(e.getMessage().contains("final check"), e.getMessage());
    }

    @Test
    void verify_wrongClaimedSumRejectedWithNoVariables() {
        Fixtures.Built b = Fixtures.instance(0, 3, Fixtures.Kind.MIXED, new Random(3));
        Ext sum = b.instance().sum();
        SumcheckProof proof = prove(b.instance(), sum).proof();
        assertThrows(InvalidProofException.class, () -> verify(b.instance().shape(), Fixtures.plusOne(sum), proof));
    }

    @ParameterizedTest
    @EnumSource(Fixtures.Kind.class)
    void verify_tamperedRoundEvaluationRejected(Fixtures.Kind kind) {
        int n = 5, d = 3;
        Fixtures.Built b = Fixtures.instance(n, d, kind, new Random(7));
        Ext sum = b.instance().sum();
        SumcheckProof proof = prove(b.instance(), sum).proof();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k <= d; k++) {
                Ext[][] rounds = new Ext[n][];
                for (int m = 0; m < n; m++) {
                    rounds[m] = proof.roundEvaluations(m);
                }
                rounds[i][k] = Fixtures.plusOne(rounds[i][k]);
                SumcheckProof bad = new SumcheckProof(rounds, proof.finalEvaluations());
                int round = i, point = k;
                assertThrows(InvalidProofException.class, () -> verify(b.instance().shape(), sum, bad),
                        () -> "round " + round + " point " + point);
            }
        }
    }

    @Test
    void verify_tamperedRoundEvaluationCompensatedRejected() {
        // keep p(0) + p(1) intact by moving weight between them: caught one round later
        int n = 4;
        Fixtures.Built b = Fixtures.instance(n, 2, Fixtures.Kind.BASE, new Random(8));
        Ext sum = b.instance().sum();
        SumcheckProof proof = prove(b.instance(), sum).proof();
        for (int i = 0; i < n; i++) {
            Ext[][] rounds = new Ext[n][];
            for (int m = 0; m < n; m++) {
                rounds[m] = proof.roundEvaluations(m);
            }
            rounds[i][0] = Fixtures.plusOne(rounds[i][0]);
            rounds[i][1] = rounds[i][1].sub(Ext.ONE);
            SumcheckProof bad = new SumcheckProof(rounds, proof.finalEvaluations());
            assertThrows(InvalidProofException.class, () -> verify(b.instance().shape(), sum, bad));
        }
    }

    @ParameterizedTest
    @EnumSource(Fixtures.Kind.class)
    void verify_tamperedFinalEvaluationRejected(Fixtures.Kind kind) {
        for (int n : new int[] {0, 1, 6}) {
            Fixtures.Built b = Fixtures.instance(n, 3, kind, new Random(9 + n));
            Ext sum = b.instance().sum();
            SumcheckProof proof = prove(b.instance(), sum).proof();
            Ext[][] rounds = new Ext[n][];
            for (int m = 0; m < n; m++) {
                rounds[m] = proof.roundEvaluations(m);
            }
            for (int j = 0; j < b.tables().size(); j++) {
                Ext[] finals = proof.finalEvaluations();
                finals[j] = Fixtures.plusOne(finals[j]);
                SumcheckProof bad = new SumcheckProof(rounds, finals);
                InvalidProofException e = assertThrows(InvalidProofException.class,
                        () -> verify(b.instance().shape(), sum, bad));
                assertTrue(e.getMessage().contains("final check"), e.getMessage());
            }
        }
    }

    @Test
    void verify_differentTranscriptRejected() throws InvalidProofException {
        Fixtures.Built b = Fixtures.instance(6, 2, Fixtures.Kind.EXT, new Random(10));
        Ext sum = b.instance().sum();
        SumcheckShape shape = b.instance().shape();
        Transcript pt = new Transcript(DOMAIN);
        pt.absorbLong("prior", 1);
        SumcheckProof proof = SumcheckProver.prove(b.instance(), sum, pt).proof();
        Transcript same = new Transcript(DOMAIN);
        same.absorbLong("prior", 1);
        SumcheckVerifier.verify(shape, sum, proof, same);
        assertThrows(InvalidProofException.class,
                () -> SumcheckVerifier.verify(shape, sum, proof, new Transcript("zkml4j/other")));
        Transcript otherPrior = new Transcript(DOMAIN);
        otherPrior.absorbLong("prior", 2);
        assertThrows(InvalidProofException.class, () -> SumcheckVerifier.verify(shape, sum, proof, otherPrior));
        assertThrows(InvalidProofException.class,
                () -> SumcheckVerifier.verify(shape, sum, proof, new Transcript(DOMAIN)));
    }

    @Test
    void transcript_sameStateAfterProveAndVerify() throws InvalidProofException {
        Fixtures.Built b = Fixtures.instance(5, 3, Fixtures.Kind.MIXED, new Random(11));
        Ext sum = b.instance().sum();
        Transcript pt = new Transcript(DOMAIN), vt = new Transcript(DOMAIN);
        SumcheckProof proof = SumcheckProver.prove(b.instance(), sum, pt).proof();
        SumcheckVerifier.verify(b.instance().shape(), sum, proof, vt);
        assertEquals(pt.challengeExt("next"), vt.challengeExt("next"));
    }

    /** f·g and f'·g with the same sum but a different first round polynomial. */
    private static SumcheckInstance[] sameSumPair(int n, long delta) {
        Random rng = new Random(13);
        long[] f = Fixtures.table(n, true, rng).data(), g = Fixtures.table(n, true, rng).data();
        long[] f2 = f.clone();
        f2[0] = Goldilocks.add(f[0], Goldilocks.mul(g[1], delta));
        f2[1] = Goldilocks.sub(f[1], Goldilocks.mul(g[0], delta));
        SumcheckInstance[] out = new SumcheckInstance[2];
        long[][] fs = {f, f2};
        for (int v = 0; v < 2; v++) {
            SumcheckInstance.Builder b = SumcheckInstance.builder();
            int x = b.addBaseTable(fs[v]), y = b.addBaseTable(g);
            out[v] = b.addTerm(Ext.ONE, x, y).build();
        }
        return out;
    }

    @Test
    void transcript_challengesDependOnRoundPolynomials() throws InvalidProofException {
        SumcheckInstance[] pair = sameSumPair(4, 5);
        Ext sum = pair[0].sum();
        assertEquals(sum, pair[1].sum());
        SumcheckProof p0 = prove(pair[0], sum).proof(), p1 = prove(pair[1], sum).proof();
        assertNotEquals(p0.roundEvaluations(0)[0], p1.roundEvaluations(0)[0]);
        Reduction v0 = verify(pair[0].shape(), sum, p0), v1 = verify(pair[1].shape(), sum, p1);
        assertNotEquals(v0.point()[0], v1.point()[0]);
    }

    @Test
    void transcript_absorbsFinalEvaluations() throws InvalidProofException {
        // n = 0: no rounds, two statements with equal sums (2·3 = 3·2) differ only in the final evaluations
        Ext[] next = new Ext[2];
        long[][] values = {{2, 3}, {3, 2}};
        for (int v = 0; v < 2; v++) {
            SumcheckInstance.Builder b = SumcheckInstance.builder();
            int x = b.addBaseTable(new long[] {values[v][0]}), y = b.addBaseTable(new long[] {values[v][1]});
            SumcheckInstance inst = b.addTerm(Ext.ONE, x, y).build();
            Transcript t = new Transcript(DOMAIN);
            SumcheckVerifier.verify(inst.shape(), Ext.base(6), prove(inst, Ext.base(6)).proof(), t);
            next[v] = t.challengeExt("next");
        }
        assertNotEquals(next[0], next[1]);
    }

    @Test
    void verify_shapeIsBoundByTranscript() {
        // same tables and sum, terms listed in another order: the challenges change, so the proof fails
        Random rng = new Random(12);
        Fixtures.Table f = Fixtures.table(5, true, rng), g = Fixtures.table(5, true, rng);
        SumcheckInstance.Builder b = SumcheckInstance.builder();
        int x = b.addBaseTable(f.data()), y = b.addBaseTable(g.data());
        SumcheckInstance inst = b.addTerm(Ext.ONE, x, y).addTerm(Ext.ONE, x).build();
        Ext sum = inst.sum();
        SumcheckProof proof = prove(inst, sum).proof();
        SumcheckShape reordered = new SumcheckShape(5, 2,
                List.of(new SumcheckShape.Term(Ext.ONE, new int[] {0}), new SumcheckShape.Term(Ext.ONE, new int[] {0, 1})));
        assertThrows(InvalidProofException.class, () -> verify(reordered, sum, proof));
    }

    @Test
    void writeRead_roundTrip() throws InvalidProofException {
        for (int d = 1; d <= 3; d++) {
            Fixtures.Built b = Fixtures.instance(7, d, Fixtures.Kind.MIXED, new Random(20 + d));
            Ext sum = b.instance().sum();
            SumcheckProof proof = prove(b.instance(), sum).proof();
            byte[] enc = bytes(proof);
            assertEquals(proof.sizeBytes(), enc.length);
            SumcheckProof back = readAll(enc, b.instance().shape());
            assertArrayEquals(enc, bytes(back));
            verify(b.instance().shape(), sum, back);
        }
    }

    @Test
    void read_truncatedRejected() {
        Fixtures.Built b = Fixtures.instance(4, 2, Fixtures.Kind.BASE, new Random(30));
        SumcheckShape shape = b.instance().shape();
        byte[] enc = bytes(prove(b.instance(), b.instance().sum()).proof());
        for (int len = 0; len < enc.length; len++) {
            byte[] cut = java.util.Arrays.copyOf(enc, len);
            assertThrows(InvalidProofException.class, () -> readAll(cut, shape), "length " + len);
        }
        byte[] longer = java.util.Arrays.copyOf(enc, enc.length + 1);
        assertThrows(InvalidProofException.class, () -> readAll(longer, shape));
    }

    @Test
    void read_garbageRejected() {
        Fixtures.Built b = Fixtures.instance(4, 2, Fixtures.Kind.EXT, new Random(31));
        SumcheckShape shape = b.instance().shape();
        Ext sum = b.instance().sum();
        int size = bytes(prove(b.instance(), sum).proof()).length;
        Random rng = new Random(32);
        for (int i = 0; i < 50; i++) {
            byte[] junk = new byte[i % 5 == 0 ? rng.nextInt(2 * size) : size];
            rng.nextBytes(junk);
            assertThrows(InvalidProofException.class, () -> verify(shape, sum, readAll(junk, shape)));
        }
        byte[] ff = new byte[size];
        java.util.Arrays.fill(ff, (byte) 0xFF); // non-canonical elements
        InvalidProofException e = assertThrows(InvalidProofException.class, () -> readAll(ff, shape));
        assertTrue(e.getMessage().contains("non-canonical"), e.getMessage());
    }

    @Test
    void read_hugeShapeWithShortInputRejectedWithoutAllocating() {
        List<SumcheckShape.Term> terms = new java.util.ArrayList<>();
        for (int j = 0; j < SumcheckShape.MAX_TABLES; j++) {
            terms.add(new SumcheckShape.Term(Ext.ONE, new int[] {j, j, j}));
        }
        SumcheckShape big = new SumcheckShape(SumcheckShape.MAX_VARS, SumcheckShape.MAX_TABLES, terms);
        assertThrows(InvalidProofException.class, () -> SumcheckProof.read(new ProofReader(new byte[100]), big));
    }

    private static SumcheckShape.Term allTablesTerm() {
        return new SumcheckShape.Term(Ext.ONE, new int[] {0});
    }

    @Test
    void verify_wrongProofSizesRejected() {
        Fixtures.Built b = Fixtures.instance(3, 2, Fixtures.Kind.BASE, new Random(33));
        Ext sum = b.instance().sum();
        SumcheckProof proof = prove(b.instance(), sum).proof();
        Ext[][] rounds = {proof.roundEvaluations(0), proof.roundEvaluations(1)};
        assertThrows(InvalidProofException.class,
                () -> verify(b.instance().shape(), sum, new SumcheckProof(rounds, proof.finalEvaluations())));
        Ext[][] shortRound = {proof.roundEvaluations(0), proof.roundEvaluations(1), new Ext[] {Ext.ONE, Ext.ONE}};
        assertThrows(InvalidProofException.class,
                () -> verify(b.instance().shape(), sum, new SumcheckProof(shortRound, proof.finalEvaluations())));
        Ext[][] all = {proof.roundEvaluations(0), proof.roundEvaluations(1), proof.roundEvaluations(2)};
        assertThrows(InvalidProofException.class,
                () -> verify(b.instance().shape(), sum, new SumcheckProof(all, new Ext[] {Ext.ONE})));
    }

    @Test
    void builderAndShape_validateInputs() {
        long[] four = new long[4];
        assertThrows(IllegalArgumentException.class, () -> SumcheckInstance.builder().build());
        assertThrows(IllegalArgumentException.class, () -> {
            SumcheckInstance.Builder b = SumcheckInstance.builder();
            b.addBaseTable(four);
            b.build(); // no terms
        });
        assertThrows(IllegalArgumentException.class, () -> {
            SumcheckInstance.Builder b = SumcheckInstance.builder();
            int x = b.addBaseTable(four), y = b.addBaseTable(new long[8]);
            b.addTerm(Ext.ONE, x, y).build(); // different sizes
        });
        assertThrows(IllegalArgumentException.class, () -> {
            SumcheckInstance.Builder b = SumcheckInstance.builder();
            b.addTerm(Ext.ONE, b.addBaseTable(new long[3])).build();
        });
        assertThrows(IllegalArgumentException.class, () -> {
            SumcheckInstance.Builder b = SumcheckInstance.builder();
            b.addTerm(Ext.ONE, b.addExtTable(new long[6])).build();
        });
        assertThrows(IllegalArgumentException.class, () -> {
            SumcheckInstance.Builder b = SumcheckInstance.builder();
            b.addTerm(Ext.ONE, b.addBaseTable(new long[] {0, Goldilocks.P})).build(); // non-canonical
        });
        assertThrows(IllegalArgumentException.class, () -> {
            SumcheckInstance.Builder b = SumcheckInstance.builder();
            int x = b.addBaseTable(four);
            b.addTerm(Ext.ONE, x, x, x, x); // four factors
        });
        assertThrows(IllegalArgumentException.class, () -> {
            SumcheckInstance.Builder b = SumcheckInstance.builder();
            b.addBaseTable(four);
            b.addTerm(Ext.ONE, 1).build(); // unknown table
        });
        assertThrows(IllegalArgumentException.class, () -> {
            SumcheckInstance.Builder b = SumcheckInstance.builder();
            int x = b.addBaseTable(four);
            b.addBaseTable(four);
            b.addTerm(Ext.ONE, x).build(); // unused table
        });
        assertThrows(IllegalArgumentException.class, () -> new SumcheckShape(-1, 1, List.of(allTablesTerm())));
        assertThrows(IllegalArgumentException.class, () -> new SumcheckShape(3, 0, List.of(allTablesTerm())));
        assertThrows(IllegalArgumentException.class, () -> new SumcheckShape(3, 1, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new SumcheckShape(SumcheckShape.MAX_VARS + 1, 1, List.of(allTablesTerm())));
        assertThrows(IllegalArgumentException.class,
                () -> new SumcheckShape.Term(Ext.ONE, new int[0]));
        SumcheckShape ok = SumcheckShape.of(2, 1, allTablesTerm());
        assertThrows(IllegalArgumentException.class, () -> ok.combine(new Ext[2]));
    }

    @Test
    void shape_combineAndDegree() {
        SumcheckShape s = SumcheckShape.of(4, 3, new SumcheckShape.Term(Ext.of(2, 0), new int[] {0, 1}),
                new SumcheckShape.Term(Ext.of(0, 1), new int[] {2}));
        assertEquals(2, s.degree());
        Ext[] v = {Ext.of(3, 0), Ext.of(5, 1), Ext.of(7, 0)};
        assertEquals(Ext.of(2, 0).mul(v[0]).mul(v[1]).add(Ext.of(0, 1).mul(v[2])), s.combine(v));
        assertNotEquals(s, SumcheckShape.of(4, 3, new SumcheckShape.Term(Ext.of(2, 0), new int[] {0, 1}),
                new SumcheckShape.Term(Ext.of(0, 2), new int[] {2})));
    }

    @Test
    void lagrange_interpolatesCubic() {
        Random rng = new Random(40);
        Ext[] coef = {Ext.random(rng), Ext.random(rng), Ext.random(rng), Ext.random(rng)};
        for (int d = 0; d <= 3; d++) {
            Ext[] evals = new Ext[d + 1];
            for (int k = 0; k <= d; k++) {
                evals[k] = horner(coef, d, Ext.base(k));
            }
            Ext r = Ext.random(rng);
            assertEquals(horner(coef, d, r), Lagrange.interpolate(evals, r), "degree " + d);
        }
    }

    private static Ext horner(Ext[] coef, int d, Ext x) {
        Ext acc = Ext.ZERO;
        for (int k = d; k >= 0; k--) {
            acc = acc.mul(x).add(coef[k]);
        }
        return acc;
    }
}
