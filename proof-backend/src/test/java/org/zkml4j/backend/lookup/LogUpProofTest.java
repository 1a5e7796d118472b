package org.zkml4j.backend.lookup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zkml4j.backend.lookup.LogUpHarness.PCS;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofWriter;
import org.zkml4j.backend.pcs.Claim;
import org.zkml4j.backend.pcs.ProverData;
import org.zkml4j.backend.sumcheck.SumcheckProof;
import org.zkml4j.backend.transcript.Transcript;

/** Tampering, replay, encoding and transcript discipline of {@link LogUpProof}. */
class LogUpProofTest {
    /** An honest proof: w columns, table of 2^logTable − 3 given rows, witness 2^n. */
    private static LogUpHarness.Proven honest(int w, int logTable, int n, long seed) {
        Random rng = new Random(seed);
        LookupTable table = LogUpHarness.table(w, (1 << logTable) - 3, rng);
        long[][] f = LogUpHarness.witness(table, n, rng);
        return LogUpHarness.prove(LogUpShape.contiguous(n, table), f, LogUp.multiplicities(f, table), seed);
    }

    private static Ext plusOne(Ext e) {
        return e.add(Ext.ONE);
    }

    private static Ext[][] rounds(SumcheckProof p) {
        Ext[][] r = new Ext[p.numRounds()][];
        for (int i = 0; i < r.length; i++) {
            r[i] = p.roundEvaluations(i);
        }
        return r;
    }

    private static LogUpProof with(LogUpProof p, Ext sum, SumcheckProof witness, SumcheckProof table, Ext[] parts) {
        return new LogUpProof(p.fractionCommitment(), sum, witness, table, parts, p.openingProof());
    }

    private static void assertRejected(LogUpHarness.Proven p, LogUpProof bad, String messageStart) {
        InvalidProofException e = assertThrows(InvalidProofException.class, () -> LogUpHarness.verifyLookup(p, bad));
        assertTrue(e.getMessage().startsWith(messageStart), e.getMessage());
    }

    @Test
    void verify_tamperedClaimedSumRejected() {
        LogUpHarness.Proven p = honest(2, 5, 4, 1);
        LogUpProof proof = p.proof();
        for (Ext delta : new Ext[] {Ext.ONE, Ext.of(0, 1)}) {
            LogUpProof bad = with(proof, proof.claimedSum().add(delta), proof.witnessSumcheck(), proof.tableSumcheck(),
                    proof.partEvaluations());
            assertRejected(p, bad, "LogUp witness-side sumcheck: sumcheck round 0");
        }
    }

    @Test
    void verify_tamperedRoundEvaluationRejected() {
        LogUpHarness.Proven p = honest(2, 4, 3, 2);
        LogUpProof proof = p.proof();
        SumcheckProof ws = proof.witnessSumcheck(), ts = proof.tableSumcheck();
        assertEquals(3, ws.numRounds());
        assertEquals(4, ts.numRounds());
        for (int side = 0; side < 2; side++) {
            SumcheckProof sc = side == 0 ? ws : ts;
            for (int i = 0; i < sc.numRounds(); i++) {
                for (int k = 0; k < sc.roundEvaluations(i).length; k++) { // degree 3 witness side, 2 table side
                    Ext[][] r = rounds(sc);
                    r[i][k] = plusOne(r[i][k]);
                    SumcheckProof forged = new SumcheckProof(r, sc.finalEvaluations());
                    LogUpProof bad = side == 0
                            ? with(proof, proof.claimedSum(), forged, ts, proof.partEvaluations())
                            : with(proof, proof.claimedSum(), ws, forged, proof.partEvaluations());
                    assertRejected(p, bad, side == 0 ? "LogUp witness-side sumcheck" : "LogUp table-side sumcheck");
                }
            }
        }
    }

    @Test
    void verify_tamperedFinalEvaluationRejected() {
        LogUpHarness.Proven p = honest(2, 4, 3, 3);
        LogUpProof proof = p.proof();
        SumcheckProof ws = proof.witnessSumcheck(), ts = proof.tableSumcheck();
        for (int j = 0; j < ws.finalEvaluations().length; j++) { // eq, h, f_1, f_2
            Ext[] f = ws.finalEvaluations();
            f[j] = plusOne(f[j]);
            LogUpProof bad = with(proof, proof.claimedSum(), new SumcheckProof(rounds(ws), f), ts, proof.partEvaluations());
            assertRejected(p, bad, "LogUp witness-side sumcheck: sumcheck final check");
        }
        for (int j = 0; j < ts.finalEvaluations().length; j++) { // m, d
            Ext[] f = ts.finalEvaluations();
            f[j] = plusOne(f[j]);
            LogUpProof bad = with(proof, proof.claimedSum(), ws, new SumcheckProof(rounds(ts), f), proof.partEvaluations());
            assertRejected(p, bad, "LogUp table-side sumcheck: sumcheck final check");
        }
    }

    @Test
    void verify_tamperedPartEvaluationRejected() {
        LogUpHarness.Proven p = honest(1, 5, 4, 4);
        LogUpProof proof = p.proof();
        String[] messages = {"LogUp witness side: h(r) ≠", "LogUp witness side: h(r) ≠"};
        for (int i = 0; i < LogUpProof.PARTS; i++) {
            Ext[] parts = proof.partEvaluations();
            parts[i] = plusOne(parts[i]);
            assertRejected(p, with(proof, proof.claimedSum(), proof.witnessSumcheck(), proof.tableSumcheck(), parts),
                    messages[i]);
        }
        // re + X·δ and im − δ keep h(r) = re + X·im: only the C2 opening can catch it
        Ext x = Ext.of(0, 1);
        {
            Ext[] parts = proof.partEvaluations();
            parts[0] = parts[0].add(x);
            parts[1] = parts[1].sub(Ext.ONE);
            assertRejected(p, with(proof, proof.claimedSum(), proof.witnessSumcheck(), proof.tableSumcheck(), parts),
                    "LogUp fraction opening: ");
        }
        LogUpProof missing = with(proof, proof.claimedSum(), proof.witnessSumcheck(), proof.tableSumcheck(), 
                Arrays.copyOf(proof.partEvaluations(), 1));
        assertRejected(p, missing, "malformed proof: 1 part evaluations");
    }

    @Test
    void verify_everyNonOpeningByteTamperedRejected() {
        LogUpHarness.Proven p = honest(2, 2, 2, 5);
        byte[] enc = LogUpHarness.bytes(p.proof());
        int end = enc.length - p.proof().openingProof().length;
        for (int pos = 0; pos < end; pos++) {
            for (int bit : new int[] {0, 7}) {
                byte[] bad = enc.clone();
                bad[pos] ^= (byte) (1 << bit);
                int at = pos;
                assertThrows(InvalidProofException.class, () -> LogUpHarness.readAndVerify(p, bad), () -> "byte " + at);
            }
        }
    }

    @Test
    void verify_tamperedCommitmentBytesRejected() {
        LogUpHarness.Proven p = honest(1, 6, 5, 6);
        byte[] enc = LogUpHarness.bytes(p.proof());
        ProofWriter w = new ProofWriter();
        p.proof().fractionCommitment().writeTo(w);
        for (int pos = 0; pos < w.size(); pos++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bad = enc.clone();
                bad[pos] ^= (byte) (1 << bit);
                int at = pos;
                assertThrows(InvalidProofException.class, () -> LogUpHarness.readAndVerify(p, bad), () -> "byte " + at);
            }
        }
    }

    @Test
    void verify_tamperedOpeningBytesRejected() {
        LogUpHarness.Proven p = honest(2, 5, 5, 7);
        byte[] enc = LogUpHarness.bytes(p.proof());
        int start = enc.length - p.proof().openingProof().length;
        int step = Math.max(1, (enc.length - start) / 500);
        for (int pos = start - 4; pos < enc.length; pos += pos < start ? 1 : step) {
            byte[] bad = enc.clone();
            bad[pos] ^= 1;
            int at = pos;
            assertThrows(InvalidProofException.class, () -> LogUpHarness.readAndVerify(p, bad), () -> "byte " + at);
        }
        byte[] last = enc.clone();
        last[enc.length - 1] ^= (byte) 0x80;
        assertThrows(InvalidProofException.class, () -> LogUpHarness.readAndVerify(p, last));
        // an opening made for other claims (another proof's) is rejected by the PCS
        LogUpHarness.Proven other = honest(2, 5, 5, 8);
        LogUpProof swapped = new LogUpProof(p.proof().fractionCommitment(), p.proof().claimedSum(),
                p.proof().witnessSumcheck(), p.proof().tableSumcheck(), p.proof().partEvaluations(),
                other.proof().openingProof());
        assertRejected(p, swapped, "LogUp fraction opening: ");
    }

    @Test
    void verify_fractionCommitmentOfWrongShapeRejected() {
        LogUpHarness.Proven p = honest(1, 4, 3, 9);
        LogUpHarness.Proven q = honest(1, 4, 4, 9); // C2 of lengths 16, 16 instead of 8, 8
        LogUpProof bad = new LogUpProof(q.proof().fractionCommitment(), p.proof().claimedSum(),
                p.proof().witnessSumcheck(), p.proof().tableSumcheck(), p.proof().partEvaluations(),
                p.proof().openingProof());
        assertRejected(p, bad, "malformed proof: the fraction commitment does not hold vectors of lengths [8, 8]");
        // another C2 of the right shape: the transcript and the opening no longer match
        LogUpHarness.Proven r = honest(1, 4, 3, 10);
        LogUpProof other = new LogUpProof(r.proof().fractionCommitment(), p.proof().claimedSum(),
                p.proof().witnessSumcheck(), p.proof().tableSumcheck(), p.proof().partEvaluations(),
                p.proof().openingProof());
        assertThrows(InvalidProofException.class, () -> LogUpHarness.verifyLookup(p, other));
    }

    @Test
    void verify_otherDomainOrStatementRejected() throws InvalidProofException {
        LogUpHarness.Proven p = honest(2, 5, 4, 11);
        LogUpHarness.verifyLookup(p, p.proof());
        LogUpShape shape = p.shape();
        assertThrows(InvalidProofException.class,
                () -> LogUp.verify(shape, p.proof(), new Transcript("zkml4j/other"), PCS));
        Transcript noC1 = new Transcript(LogUpHarness.DOMAIN); // caller statement (C1) not absorbed
        assertThrows(InvalidProofException.class, () -> LogUp.verify(shape, p.proof(), noC1, PCS));
        Transcript prior = LogUpHarness.transcript(p.c1());
        prior.absorbLong("prior", 1);
        assertThrows(InvalidProofException.class, () -> LogUp.verify(shape, p.proof(), prior, PCS));

        // the same proof against another table (one entry changed), other C1 indices, or another n
        long[][] cols = shape.table().columns();
        cols[1][7] = Goldilocks.add(cols[1][7], 1);
        LogUpShape otherTable = LogUpShape.contiguous(4, LookupTable.of(cols));
        LogUpShape otherIndices = new LogUpShape(4, shape.table(), new int[] {1, 0}, 2);
        for (LogUpShape s : List.of(otherTable, otherIndices)) {
            assertThrows(InvalidProofException.class,
                    () -> LogUp.verify(s, p.proof(), LogUpHarness.transcript(p.c1()), PCS), s::toString);
        }
        LogUpShape otherN = LogUpShape.contiguous(3, shape.table());
        byte[] enc = LogUpHarness.bytes(p.proof());
        assertThrows(InvalidProofException.class, () -> LogUp.verify(otherN,
                LogUpHarness.readAll(enc, otherN), LogUpHarness.transcript(p.c1()), PCS));
    }

    @Test
    void writeRead_roundTrip() throws InvalidProofException {
        for (int[] c : new int[][] {{1, 4, 0}, {2, 4, 1}, {2, 7, 6}, {1, 3, 9}}) {
            LogUpHarness.Proven p = honest(c[0], c[1], c[2], 12);
            byte[] enc = LogUpHarness.bytes(p.proof());
            assertEquals(p.proof().sizeBytes(), enc.length);
            LogUpProof back = LogUpHarness.readAll(enc, p.shape());
            assertArrayEquals(enc, LogUpHarness.bytes(back));
            LogUpHarness.verifyLookup(p, back);
        }
    }

    @Test
    void read_truncatedOrExtendedRejected() {
        LogUpHarness.Proven p = honest(2, 4, 3, 13);
        byte[] enc = LogUpHarness.bytes(p.proof());
        int step = Math.max(1, enc.length / 600);
        for (int len = 0; len < enc.length; len += len < 1200 ? 1 : step) {
            byte[] cut = Arrays.copyOf(enc, len);
            int at = len;
            assertThrows(InvalidProofException.class, () -> LogUpHarness.readAndVerify(p, cut), () -> "length " + at);
        }
        assertThrows(InvalidProofException.class, () -> LogUpHarness.readAndVerify(p, Arrays.copyOf(enc, enc.length - 1)));
        assertThrows(InvalidProofException.class, () -> LogUpHarness.readAndVerify(p, Arrays.copyOf(enc, enc.length + 1)));
    }

    @Test
    void read_garbageRejected() {
        LogUpHarness.Proven p = honest(1, 4, 3, 14);
        byte[] enc = LogUpHarness.bytes(p.proof());
        Random rng = new Random(15);
        for (int i = 0; i < 200; i++) {
            byte[] junk = new byte[i % 2 == 0 ? enc.length : rng.nextInt(2 * enc.length + 1)];
            rng.nextBytes(junk);
            if (i % 4 == 1) { // a valid commitment prefix, then garbage
                System.arraycopy(enc, 0, junk, 0, Math.min(junk.length, 64));
            }
            assertThrows(InvalidProofException.class, () -> LogUpHarness.readAndVerify(p, junk));
        }
        byte[] ff = enc.clone();
        Arrays.fill(ff, 64, ff.length, (byte) 0xFF); // non-canonical field elements after the commitment
        InvalidProofException e = assertThrows(InvalidProofException.class, () -> LogUpHarness.readAll(ff, p.shape()));
        assertTrue(e.getMessage().contains("non-canonical"), e.getMessage());
        // valid prefix up to the opening, then a huge opening length
        byte[] big = enc.clone();
        int lenAt = enc.length - p.proof().openingProof().length - 4;
        big[lenAt] = big[lenAt + 1] = big[lenAt + 2] = (byte) 0xFF;
        big[lenAt + 3] = 0x7F;
        e = assertThrows(InvalidProofException.class, () -> LogUpHarness.readAll(big, p.shape()));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void transcript_sameStateAfterProveAndVerify() throws InvalidProofException {
        Random rng = new Random(16);
        LookupTable table = LogUpHarness.table(2, 20, rng);
        long[][] f = LogUpHarness.witness(table, 5, rng);
        LogUpShape shape = LogUpShape.contiguous(5, table);
        long[] m = LogUp.multiplicities(f, table);
        SplittableRandom prng = new SplittableRandom(17);
        ProverData c1 = PCS.commit(LogUpHarness.c1Of(f, m), prng);
        Transcript pt = LogUpHarness.transcript(c1.commitment());
        LogUp.ProverResult res = LogUp.prove(new LogUpInstance(shape, f, m), pt, PCS, prng);
        Transcript vt = LogUpHarness.transcript(c1.commitment());
        List<Claim> claims = LogUp.verify(shape, res.proof(), vt, PCS);
        assertEquals(res.claims(), claims);
        assertEquals(pt.challengeExt("next"), vt.challengeExt("next"));
    }

    @Test
    void prove_c2IsHidingSoTwoProofsOfOneStatementDiffer() throws InvalidProofException {
        Random rng = new Random(18);
        LookupTable table = LogUpHarness.table(1, 16, rng);
        long[][] f = LogUpHarness.witness(table, 4, rng);
        LogUpShape shape = LogUpShape.contiguous(4, table);
        long[] m = LogUp.multiplicities(f, table);
        LogUpHarness.Proven a = LogUpHarness.prove(shape, f, m, 19);
        LogUpHarness.Proven b = LogUpHarness.prove(shape, f, m, 20);
        LogUpHarness.verifyAll(a);
        LogUpHarness.verifyAll(b);
        assertTrue(!a.proof().fractionCommitment().equals(b.proof().fractionCommitment()));
    }
}
