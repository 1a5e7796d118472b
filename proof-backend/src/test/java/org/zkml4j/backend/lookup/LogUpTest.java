package org.zkml4j.backend.lookup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zkml4j.backend.lookup.LogUpHarness.PCS;
import static org.zkml4j.backend.lookup.LogUpHarness.assertClaimsTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.pcs.Claim;
import org.zkml4j.backend.pcs.LinearFunctional;
import org.zkml4j.backend.pcs.OpeningProof;
import org.zkml4j.backend.pcs.ProverData;
import org.zkml4j.backend.poly.Multilinear;
import org.zkml4j.backend.transcript.Transcript;

/** Completeness, the multiplicity helper, forged proofs and a realistic activation/range lookup. */
class LogUpTest {
    static Stream<Arguments> widthsTableAndWitnessSizes() {
        Stream.Builder<Arguments> s = Stream.builder();
        for (int w = 1; w <= 2; w++) {
            for (int logTable : new int[] {4, 6, 9, 12}) {
                for (int n : new int[] {0, 1, 3, 7, 10}) {
                    s.add(Arguments.of(w, logTable, n));
                }
            }
        }
        return s.build();
    }

    @ParameterizedTest(name = "w = {0}, table 2^{1}, witness 2^{2}")
    @MethodSource("widthsTableAndWitnessSizes")
    void honestProof_verifiesAndClaimsAreTrue(int w, int logTable, int n) throws InvalidProofException {
        Random rng = new Random(1000 * w + 10 * logTable + n);
        LookupTable table = LogUpHarness.table(w, (1 << logTable) - 3, rng); // 3 padding rows
        assertEquals(1 << logTable, table.rows());
        long[][] witness = LogUpHarness.witness(table, n, rng);
        long[] m = LogUp.multiplicities(witness, table);
        LogUpShape shape = LogUpShape.contiguous(n, table);
        LogUpHarness.Proven p = LogUpHarness.prove(shape, witness, m, n + logTable);
        assertEquals(w + 1, p.claims().size());
        assertClaimsTrue(p.claims(), p.c1Vectors());
        List<Claim> verified = LogUpHarness.verifyAll(p);
        assertEquals(p.claims(), verified);
    }

    @Test
    void honestProof_multiplicitiesSplitAcrossDuplicateRowsVerify() throws InvalidProofException {
        // rows 0 and 2 are equal; the count may sit on either occurrence (or be split)
        LookupTable table = LookupTable.of(new long[] {7, 8, 7, 9}, new long[] {1, 2, 1, 3});
        long[][] witness = {{7, 7, 7, 9}, {1, 1, 1, 3}};
        long[] m = {1, 0, 2, 1};
        LogUpShape shape = LogUpShape.contiguous(2, table);
        LogUpHarness.Proven p = LogUpHarness.prove(shape, witness, m, 5);
        assertClaimsTrue(p.claims(), p.c1Vectors());
        LogUpHarness.verifyAll(p);
    }

    @Test
    void honestProof_claimsUseTheShapesCommitmentIndices() throws InvalidProofException {
        // C1 = [other, m, f]: the witness column at index 2, multiplicities at index 1
        LookupTable table = LookupTable.range(4);
        long[] f = {3, 3, 15, 0, 1, 2, 3, 4};
        long[] m = LogUp.multiplicities(new long[][] {f}, table);
        long[] other = new long[32];
        LogUpShape shape = new LogUpShape(3, table, new int[] {2}, 1);
        List<long[]> c1 = List.of(other, m, f);
        LogUpHarness.Proven p = LogUpHarness.prove(shape, c1, new LogUpInstance(shape, new long[][] {f}, m), 6, null);
        assertEquals(List.of(2, 1), p.claims().stream().map(Claim::vector).toList());
        assertClaimsTrue(p.claims(), c1);
        LogUpHarness.verifyAll(p);
    }

    @Test
    void multiplicities_countAtFirstOccurrenceAndPaddingGetsZero() {
        LookupTable table = LookupTable.of(new long[] {5, 6, 5, 7, 8}); // padded to 8 with three more 8s
        assertEquals(8, table.rows());
        assertArrayEquals(new long[] {5, 6, 5, 7, 8, 8, 8, 8}, table.column(0));
        long[] m = LogUp.multiplicities(new long[][] {{8, 5, 5, 8, 6, 8}}, table);
        assertArrayEquals(new long[] {2, 1, 0, 0, 3, 0, 0, 0}, m);
        long[] m2 = LogUp.multiplicities(new long[][] {{1, 2, 1}, {3, 4, 3}}, new long[][] {{2, 1}, {4, 3}});
        assertArrayEquals(new long[] {1, 2}, m2);
    }

    @Test
    void multiplicities_rowOutsideTableNamed() {
        LookupTable range = LookupTable.range(8);
        long[] r = {0, 255, 17, 256, 300};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogUp.multiplicities(new long[][] {r}, range));
        assertEquals("witness row 3 (256) is not in the table", e.getMessage());

        LookupTable relu = LookupTable.ofFunction(-4, 4, z -> Math.max(z, 0));
        long[][] pairs = {{Goldilocks.fromSigned(-3), 2, Goldilocks.fromSigned(-1500)}, {0, 2, 0}};
        e = assertThrows(IllegalArgumentException.class, () -> LogUp.multiplicities(pairs, relu));
        assertEquals("witness row 2 (-1500, 0) is not in the table", e.getMessage());
        long[][] wrongActivation = {{5, 3}, {5, 4}};
        LookupTable small = LookupTable.ofFunction(0, 7, z -> z);
        e = assertThrows(IllegalArgumentException.class, () -> LogUp.multiplicities(wrongActivation, small));
        assertEquals("witness row 1 (3, 4) is not in the table", e.getMessage());
    }

    @Test
    void multiplicities_mismatchedColumnsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> LogUp.multiplicities(new long[][] {{1}}, new long[][] {{1}, {2}}));
        assertThrows(IllegalArgumentException.class,
                () -> LogUp.multiplicities(new long[][] {{1, 2}, {1}}, new long[][] {{1}, {2}}));
        assertThrows(IllegalArgumentException.class, () -> LogUp.multiplicities(new long[][] {{1}}, new long[][] {{}}));
        assertThrows(IllegalArgumentException.class, () -> LogUp.multiplicities(new long[0][], new long[][] {{1}}));
    }

    @Test
    void prove_rowOutsideTableRefusedBeforeTouchingTranscript() {
        LookupTable range = LookupTable.range(8);
        LogUpShape shape = LogUpShape.contiguous(2, range);
        long[] r = {1, 2, 256, 4};
        long[] m = LogUp.multiplicities(new long[][] {{1, 2, 3, 4}}, range); // a plausible-looking m
        Transcript t = new Transcript(LogUpHarness.DOMAIN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogUp.prove(new LogUpInstance(shape, new long[][] {r}, m), t, PCS, new SplittableRandom(1)));
        assertEquals("witness row 2 (256) is not in the table", e.getMessage());
        assertEquals(new Transcript(LogUpHarness.DOMAIN).challengeExt("next"), t.challengeExt("next"));
    }

    @Test
    void prove_wrongMultiplicitiesRefused() {
        LookupTable range = LookupTable.range(3);
        LogUpShape shape = LogUpShape.contiguous(2, range);
        long[][] f = {{1, 1, 5, 7}};
        long[] m = LogUp.multiplicities(f, range);
        m[1] = 1; // should be 2
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogUp.prove(
                new LogUpInstance(shape, f, m), new Transcript("x"), PCS, new SplittableRandom(1)));
        assertEquals("multiplicities do not match the witness at table row 1 (1): the witness has 2 rows equal to it,"
                + " the multiplicities of its occurrences add up to 1", e.getMessage());
        long[] m2 = LogUp.multiplicities(f, range);
        m2[0] = 1; // an unused row with a count
        e = assertThrows(IllegalArgumentException.class, () -> LogUp.prove(
                new LogUpInstance(shape, f, m2), new Transcript("x"), PCS, new SplittableRandom(1)));
        assertTrue(e.getMessage().startsWith("multiplicities do not match the witness at table row 0 (0)"), e.getMessage());
    }

    /** A witness of 2^n rows from the table with row {@code bad} replaced by a value outside it. */
    private static long[][] witnessWithOneBadRow(LookupTable table, int n, int bad, Random rng) {
        long[][] f = LogUpHarness.witness(table, n, rng);
        f[0][bad] = Goldilocks.fromSigned(1L << 40); // table values are below 2^19 in absolute value
        return f;
    }

    /** The multiplicities a prover gets by counting the bad row as table row 0 instead. */
    private static long[] clampedMultiplicities(long[][] f, LookupTable table, int bad) {
        long[][] g = new long[f.length][];
        for (int k = 0; k < f.length; k++) {
            g[k] = f[k].clone();
            g[k][bad] = table.get(0, k);
        }
        return LogUp.multiplicities(g, table);
    }

    @Test
    void forged_wrongMultiplicityRejected() {
        Random rng = new Random(40);
        LookupTable table = LogUpHarness.table(2, 60, rng);
        int n = 5, bad = 13;
        long[][] f = witnessWithOneBadRow(table, n, bad, rng);
        assertThrows(IllegalArgumentException.class, () -> LogUp.multiplicities(f, table));
        long[] m = clampedMultiplicities(f, table, bad);
        LogUpShape shape = LogUpShape.contiguous(n, table);
        LogUpInstance inst = new LogUpInstance(shape, f, m);
        // H = Σ h: the witness side is true, the table side Σ g ≠ H
        LogUpHarness.Proven p = LogUpHarness.prove(shape, LogUpHarness.c1Of(f, m), inst, 41, new LogUp.Deviation() {});
        InvalidProofException e = assertThrows(InvalidProofException.class, () -> LogUpHarness.verifyAll(p));
        assertEquals("LogUp table-side sumcheck: sumcheck round 0: p(0) + p(1) ≠ claim", e.getMessage());
        // H = Σ g: now the witness side is false
        LogUpHarness.Proven q = LogUpHarness.prove(shape, LogUpHarness.c1Of(f, m), inst, 42, new LogUp.Deviation() {
            @Override
            public Ext claimedSum(Ext sumH, Ext tableSum) {
                return tableSum;
            }
        });
        e = assertThrows(InvalidProofException.class, () -> LogUpHarness.verifyAll(q));
        assertEquals("LogUp witness-side sumcheck: sumcheck round 0: p(0) + p(1) ≠ claim", e.getMessage());
    }

    @Test
    void forged_replacedHValueRejected() {
        Random rng = new Random(43);
        LookupTable table = LogUpHarness.table(1, 100, rng);
        int n = 6, bad = 37;
        long[][] f = witnessWithOneBadRow(table, n, bad, rng);
        long[] m = clampedMultiplicities(f, table, bad);
        m[0]--; // count only the rows that are in the table
        LogUpShape shape = LogUpShape.contiguous(n, table);
        // h(bad) := Σ m·d − Σ_{x ≠ bad} h(x), so Σ h = Σ m·d and the table side holds; the zero-check fails at bad
        LogUp.Deviation replaceH = new LogUp.Deviation() {
            @Override
            public void tamper(long[] h, long[] d, Ext tableSum) {
                Ext rest = LogUp.sum(h).sub(Ext.get(h, bad));
                tableSum.sub(rest).set(h, bad);
            }
        };
        LogUpHarness.Proven p = LogUpHarness.prove(shape, LogUpHarness.c1Of(f, m), new LogUpInstance(shape, f, m), 44,
                replaceH);
        InvalidProofException e = assertThrows(InvalidProofException.class, () -> LogUpHarness.verifyAll(p));
        assertEquals("LogUp witness-side sumcheck: sumcheck round 0: p(0) + p(1) ≠ claim", e.getMessage());
    }

    /** A witness of 2^6 rows with row {@code bad} outside a 100-row table, and m counting only the good rows. */
    private record BadWitness(LookupTable table, LogUpShape shape, long[][] f, long[] m, int bad) {
        static BadWitness make(long seed) {
            Random rng = new Random(seed);
            LookupTable table = LogUpHarness.table(1, 100, rng);
            int n = 6, bad = 37;
            long[][] f = witnessWithOneBadRow(table, n, bad, rng);
            long[] m = clampedMultiplicities(f, table, bad);
            m[0]--;
            return new BadWitness(table, LogUpShape.contiguous(n, table), f, m, bad);
        }

        LogUpHarness.Proven prove(long seed, LogUp.Deviation deviation) {
            return LogUpHarness.prove(shape, LogUpHarness.c1Of(f, m), new LogUpInstance(shape, f, m), seed, deviation);
        }
    }

    /** Row 70 of the 100-row table is never drawn by the harness's witnesses. */
    private static final int UNUSED_ROW = 70;

    @Test
    void forged_zeroCheckMaskedByFakeWitnessEqRejected() {
        // h(bad) := Σ m·d − Σ_{x ≠ bad} h makes Σ h = Σ m·d; a fake eq table with eq(bad) = 0 hides the
        // failed zero-check: every sumcheck statement is then true, and only the verifier's own eq(τ, r) catches it
        BadWitness b = BadWitness.make(47);
        LogUpHarness.Proven p = b.prove(48, new LogUp.Deviation() {
            @Override
            public void tamper(long[] h, long[] d, Ext tableSum) {
                tableSum.sub(LogUp.sum(h).sub(Ext.get(h, b.bad()))).set(h, b.bad());
            }

            @Override
            public void tamperEq(long[] eq) {
                Ext.ZERO.set(eq, b.bad());
            }
        });
        InvalidProofException e = assertThrows(InvalidProofException.class, () -> LogUpHarness.verifyAll(p));
        assertEquals("LogUp witness side: claimed eq(τ, r) is wrong", e.getMessage());
    }

    @Test
    void forged_tableReciprocalBalancingTheSumsRejected() {
        // m counts the bad row at an unused table row t0, and the prover changes d(t0) so that
        // Σ m·d = Σ h: every sumcheck statement is true, only the verifier's own d̃(r′) catches it
        BadWitness b = BadWitness.make(49);
        b.m()[UNUSED_ROW] = 1;
        LogUpHarness.Proven p = b.prove(50, new LogUp.Deviation() {
            @Override
            public void tamper(long[] h, long[] d, Ext tableSum) {
                LogUp.sum(h).sub(tableSum.sub(Ext.get(d, UNUSED_ROW))).set(d, UNUSED_ROW);
            }
        });
        InvalidProofException e = assertThrows(InvalidProofException.class, () -> LogUpHarness.verifyAll(p));
        assertEquals("LogUp table side: claimed 1/(γ − ψ) at r′ is not the table's", e.getMessage());
    }

    @Test
    void forged_fakeTableRowRejected() {
        // the prover puts the bad row's compression into ψ at an unused row counted once in m:
        // every sumcheck statement is true for the fake ψ, and only the verifier's own 1/(γ − ψ) catches it
        BadWitness b = BadWitness.make(51);
        b.m()[UNUSED_ROW] = 1;
        LogUpHarness.Proven p = b.prove(52, new LogUp.Deviation() {
            @Override
            public void tamperCompressed(long[] phi, long[] psi) {
                Ext.get(phi, b.bad()).set(psi, UNUSED_ROW);
            }
        });
        InvalidProofException e = assertThrows(InvalidProofException.class, () -> LogUpHarness.verifyAll(p));
        assertEquals("LogUp table side: claimed 1/(γ − ψ) at r′ is not the table's", e.getMessage());
    }

    @Test
    void forged_proofForOtherWitnessThanCommittedRejectedByC1Opening() throws InvalidProofException {
        // the prover commits a witness with one bad row but proves the lookup for a good one
        Random rng = new Random(45);
        LookupTable table = LogUpHarness.table(2, 30, rng);
        int n = 4, bad = 9;
        long[][] committed = witnessWithOneBadRow(table, n, bad, rng);
        long[][] good = new long[2][];
        for (int k = 0; k < 2; k++) {
            good[k] = committed[k].clone();
            good[k][bad] = table.get(0, k);
        }
        long[] m = LogUp.multiplicities(good, table);
        LogUpShape shape = LogUpShape.contiguous(n, table);
        LogUpHarness.Proven p = LogUpHarness.prove(shape, LogUpHarness.c1Of(committed, m),
                new LogUpInstance(shape, good, m), 46, null);
        // the lookup itself verifies: it reduces to claims on C1, and the claim on f_1 is false
        List<Claim> claims = LogUpHarness.verifyLookup(p, p.proof());
        Ext[] r = ((LinearFunctional.MultilinearPoint) claims.get(0).functional()).point();
        assertNotEquals(Multilinear.evaluate(committed[0], r), claims.get(0).value());
        InvalidProofException e = assertThrows(InvalidProofException.class, () -> LogUpHarness.verifyAll(p));
        assertTrue(e.getMessage().contains("batched claim check failed"), e.getMessage());
    }

    @Test
    void fractions_gammaHittingARowFailsTheProver() {
        long[][] cols = {{4, 9, 11, 2}};
        long[] phi = LogUp.compress(cols, new Ext[] {Ext.ONE});
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LogUp.fractions(Ext.base(11), phi, null, "witness"));
        assertTrue(e.getMessage().startsWith("γ equals the compressed witness row 2"), e.getMessage());
        // away from the rows the fractions are exact
        Ext gamma = Ext.of(3, 5);
        long[] h = LogUp.fractions(gamma, phi, new long[] {1, 2, 3, 4}, "table");
        for (int i = 0; i < 4; i++) {
            assertEquals(Ext.base(i + 1), Ext.get(h, i).mul(gamma.sub(Ext.base(cols[0][i]))));
        }
    }

    @Test
    void compress_isTheBetaCombinationOfColumns() {
        long[][] cols = {{1, 2}, {3, 4}, {5, 6}};
        Ext beta = Ext.of(7, 11);
        long[] phi = LogUp.compress(cols, new Ext[] {Ext.ONE, beta, beta.square()});
        for (int i = 0; i < 2; i++) {
            Ext expected = Ext.base(cols[0][i]).add(beta.mul(cols[1][i])).add(beta.square().mul(cols[2][i]));
            assertEquals(expected, Ext.get(phi, i));
        }
    }

    /** clamp(max(z, 0), 0, 127). */
    private static long relu127(long z) {
        return Math.min(Math.max(z, 0), 127);
    }

    @Test
    void reluAndRangeLookups_shareOneC1Opening() throws InvalidProofException {
        LookupTable relu = LookupTable.ofFunction(-1024, 1024, LogUpTest::relu127);
        assertEquals(2049, relu.unpaddedRows());
        assertEquals(4096, relu.rows());
        LookupTable range = LookupTable.range(8);
        Random rng = new Random(50);
        int n = 10;
        long[] z = new long[1 << n], a = new long[1 << n], rem = new long[1 << n];
        for (int x = 0; x < 1 << n; x++) {
            long v = rng.nextInt(2049) - 1024;
            z[x] = Goldilocks.fromSigned(v);
            a[x] = relu127(v);
            rem[x] = rng.nextInt(256);
        }
        z[0] = Goldilocks.fromSigned(-1024); // both ends of the table
        a[0] = 0;
        z[1] = 1024;
        a[1] = 127;
        long[] mRelu = LogUp.multiplicities(new long[][] {z, a}, relu);
        long[] mRange = LogUp.multiplicities(new long[][] {rem}, range);
        for (int t = relu.unpaddedRows(); t < relu.rows(); t++) {
            assertEquals(0, mRelu[t], "padding row " + t);
        }
        // C1 = [z, a, m_relu, rem, m_range]
        LogUpShape reluShape = new LogUpShape(n, relu, new int[] {0, 1}, 2);
        LogUpShape rangeShape = new LogUpShape(n, range, new int[] {3}, 4);
        List<long[]> c1Vectors = List.of(z, a, mRelu, rem, mRange);
        SplittableRandom prng = new SplittableRandom(51);
        ProverData c1 = PCS.commit(c1Vectors, prng);
        Transcript pt = LogUpHarness.transcript(c1.commitment());
        LogUp.ProverResult reluProof = LogUp.prove(new LogUpInstance(reluShape, new long[][] {z, a}, mRelu), pt, PCS, prng);
        LogUp.ProverResult rangeProof = LogUp.prove(new LogUpInstance(rangeShape, new long[][] {rem}, mRange), pt, PCS,
                prng);
        List<Claim> all = new ArrayList<>(reluProof.claims());
        all.addAll(rangeProof.claims());
        assertClaimsTrue(all, c1Vectors);
        OpeningProof c1Opening = PCS.open(c1, all, pt, prng);

        Transcript vt = LogUpHarness.transcript(c1.commitment());
        List<Claim> claims = new ArrayList<>(LogUp.verify(reluShape, reluProof.proof(), vt, PCS));
        claims.addAll(LogUp.verify(rangeShape, rangeProof.proof(), vt, PCS));
        assertEquals(all, claims);
        PCS.verify(c1.commitment(), claims, c1Opening, vt);

        // out-of-range values are named when the prover computes multiplicities
        rem[17] = 256;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogUp.multiplicities(new long[][] {rem}, range));
        assertEquals("witness row 17 (256) is not in the table", e.getMessage());
        a[5] = a[5] + 1;
        e = assertThrows(IllegalArgumentException.class, () -> LogUp.multiplicities(new long[][] {z, a}, relu));
        assertEquals("witness row 5 (" + Goldilocks.toSigned(z[5]) + ", " + a[5] + ") is not in the table",
                e.getMessage());
    }

    @Test
    void soundnessBits_followTheFormula() {
        LookupTable table = LookupTable.ofFunction(-1024, 1023, LogUpTest::relu127); // 2^11 rows
        LogUpShape shape = LogUpShape.contiguous(10, table);
        // [(w−1)·2^11 + 2^10 + 2^11 + 10 + 30 + 22] / p² with the PCS term negligible
        double numerator = 2048 + 1024 + 2048 + 10 + 30 + 22;
        double p = 18446744069414584321.0;
        assertEquals(-Math.log(numerator / (p * p)) / Math.log(2), LogUp.soundnessBits(shape, 1000), 1e-9);
        double pcsBits = PCS.soundnessBits(LogUp.fractionVectorLengths(shape));
        double bits = LogUp.soundnessBits(shape, pcsBits);
        assertTrue(bits >= 100 && bits < pcsBits, bits + " vs PCS " + pcsBits);
        assertArrayEquals(new int[] {1024, 1024}, LogUp.fractionVectorLengths(shape));
    }
}
