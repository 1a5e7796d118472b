package org.zkml4j.backend.lookup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zkml4j.backend.lookup.LogUpHarness.PCS;
import static org.zkml4j.backend.lookup.LogUpHarness.assertClaimsTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;
import org.zkml4j.backend.pcs.Claim;
import org.zkml4j.backend.pcs.Commitment;
import org.zkml4j.backend.pcs.OpeningProof;
import org.zkml4j.backend.pcs.ProverData;
import org.zkml4j.backend.sumcheck.SumcheckProof;
import org.zkml4j.backend.transcript.Transcript;

/** The batched LogUp ({@link LogUp#proveAll}, {@link LogUp#verifyAll}): completeness, tampering, swaps, forgeries. */
class LogUpBatchTest {
    /** One lookup of a batch: width w, a table of 2^logTable − 3 given rows, 2^n witness rows. */
    record Spec(int w, int logTable, int n) {}

    /** Everything the caller sends, plus what the test needs. */
    record Batch(List<LogUpShape> shapes, List<LogUpInstance> instances, List<long[]> c1Vectors, Commitment c1,
                 LogUpBatchProof proof, List<Claim> claims, OpeningProof c1Opening) {}

    /** Honest instances for {@code specs}, laid out one after the other in C1 (columns, then m). */
    static List<LogUpInstance> instances(List<Spec> specs, List<long[]> c1Vectors, long seed) {
        Random rng = new Random(seed);
        List<LogUpInstance> out = new ArrayList<>();
        for (Spec s : specs) {
            LookupTable table = LogUpHarness.table(s.w(), (1 << s.logTable()) - 3, rng);
            long[][] f = LogUpHarness.witness(table, s.n(), rng);
            long[] m = LogUp.multiplicities(f, table);
            out.add(place(s.n(), table, f, m, c1Vectors));
        }
        return out;
    }

    /** Appends f and m to C1 and returns the instance whose shape points at them. */
    static LogUpInstance place(int n, LookupTable table, long[][] f, long[] m, List<long[]> c1Vectors) {
        int[] idx = new int[f.length];
        for (int k = 0; k < f.length; k++) {
            idx[k] = c1Vectors.size();
            c1Vectors.add(f[k]);
        }
        c1Vectors.add(m);
        return new LogUpInstance(new LogUpShape(n, table, idx, c1Vectors.size() - 1), f, m);
    }

    static Batch prove(List<LogUpInstance> instances, List<long[]> c1Vectors, long seed, List<LogUp.Deviation> devs) {
        SplittableRandom rng = new SplittableRandom(seed);
        ProverData c1 = PCS.commit(c1Vectors, rng);
        Transcript t = LogUpHarness.transcript(c1.commitment());
        LogUp.BatchResult res = LogUp.proveAll(instances, t, PCS, rng, devs);
        OpeningProof opening = PCS.open(c1, res.claims(), t, rng);
        List<LogUpShape> shapes = instances.stream().map(LogUpInstance::shape).toList();
        return new Batch(shapes, instances, c1Vectors, c1.commitment(), res.proof(), res.claims(), opening);
    }

    static Batch honest(long seed, Spec... specs) {
        List<long[]> c1 = new ArrayList<>();
        return prove(instances(List.of(specs), c1, seed), c1, seed + 1, null);
    }

    /** The four-instance batch used by the tampering tests: different widths, tables and witness sizes. */
    static Batch four(long seed) {
        return honest(seed, new Spec(2, 5, 3), new Spec(1, 4, 5), new Spec(1, 6, 0), new Spec(3, 3, 2));
    }

    static List<Claim> verifyLookups(Batch b, List<LogUpShape> shapes, LogUpBatchProof proof)
            throws InvalidProofException {
        return LogUp.verifyAll(shapes, proof, LogUpHarness.transcript(b.c1()), PCS);
    }

    /** LogUp, then the C1 opening with the returned claims. */
    static List<Claim> verifyAll(Batch b, LogUpBatchProof proof) throws InvalidProofException {
        Transcript t = LogUpHarness.transcript(b.c1());
        List<Claim> claims = LogUp.verifyAll(b.shapes(), proof, t, PCS);
        PCS.verify(b.c1(), claims, b.c1Opening(), t);
        return claims;
    }

    static byte[] bytes(LogUpBatchProof p) {
        ProofWriter w = new ProofWriter();
        p.writeTo(w);
        return w.toByteArray();
    }

    static LogUpBatchProof readAll(byte[] enc, List<LogUpShape> shapes) throws InvalidProofException {
        ProofReader in = new ProofReader(enc);
        LogUpBatchProof p = LogUp.readAll(in, shapes, PCS);
        in.expectEnd("LogUp batch proof");
        return p;
    }

    static void readAndVerify(Batch b, byte[] enc) throws InvalidProofException {
        verifyAll(b, readAll(enc, b.shapes()));
    }

    /** The proof with instance {@code i}'s messages replaced. */
    static LogUpBatchProof withInstance(LogUpBatchProof p, int i, LogUpBatchProof.InstanceProof replacement) {
        List<LogUpBatchProof.InstanceProof> list = new ArrayList<>(p.instances());
        list.set(i, replacement);
        return new LogUpBatchProof(p.fractionCommitment(), list, p.openingProof());
    }

    static void assertRejected(Batch b, LogUpBatchProof bad, String messageStart) {
        InvalidProofException e = assertThrows(InvalidProofException.class, () -> verifyAll(b, bad));
        assertTrue(e.getMessage().startsWith(messageStart), e.getMessage());
    }

    private static Ext[][] rounds(SumcheckProof p) {
        Ext[][] r = new Ext[p.numRounds()][];
        for (int i = 0; i < r.length; i++) {
            r[i] = p.roundEvaluations(i);
        }
        return r;
    }

    // ---------------------------------------------------------------- completeness

    @Test
    void honestBatchesOfOneToFourInstancesVerify() throws InvalidProofException {
        List<List<Spec>> batches = List.of(
                List.of(new Spec(2, 6, 4)),
                List.of(new Spec(1, 4, 0), new Spec(2, 9, 7)),
                List.of(new Spec(2, 5, 6), new Spec(1, 10, 1), new Spec(3, 3, 3)),
                List.of(new Spec(1, 7, 8), new Spec(2, 4, 2), new Spec(1, 4, 2), new Spec(2, 12, 5)));
        long seed = 100;
        for (List<Spec> specs : batches) {
            Batch b = honest(seed++, specs.toArray(Spec[]::new));
            assertEquals(specs.size(), b.proof().instanceCount());
            assertEquals(specs.stream().mapToInt(s -> s.w() + 1).sum(), b.claims().size());
            assertEquals(2 * specs.size(), b.proof().fractionCommitment().vectorCount());
            assertClaimsTrue(b.claims(), b.c1Vectors());
            assertEquals(b.claims(), verifyAll(b, b.proof()));
            // round trip through the encoding
            byte[] enc = bytes(b.proof());
            assertEquals(b.proof().sizeBytes(), enc.length);
            LogUpBatchProof back = readAll(enc, b.shapes());
            assertArrayEquals(enc, bytes(back));
            assertEquals(b.claims(), verifyAll(b, back));
        }
    }

    @Test
    void honestBatch_sameC1VectorInTwoLookupsAndSameShapeTwice() throws InvalidProofException {
        // one witness column checked against two tables (as z is in CircuitProof), and two
        // instances with identical shapes but different witnesses
        Random rng = new Random(7);
        LookupTable small = LookupTable.range(4);
        LookupTable big = LookupTable.range(6);
        long[] r = new long[32];
        for (int i = 0; i < r.length; i++) {
            r[i] = rng.nextInt(16);
        }
        List<long[]> c1 = new ArrayList<>();
        LogUpInstance a = place(5, small, new long[][] {r}, LogUp.multiplicities(new long[][] {r}, small), c1);
        long[] mBig = LogUp.multiplicities(new long[][] {r}, big);
        c1.add(mBig);
        LogUpInstance b = new LogUpInstance(new LogUpShape(5, big, new int[] {0}, c1.size() - 1), new long[][] {r}, mBig);
        long[] r2 = new long[32];
        for (int i = 0; i < r2.length; i++) {
            r2[i] = r[31 - i];
        }
        r2[3] = 15;
        LogUpInstance c = place(5, small, new long[][] {r2}, LogUp.multiplicities(new long[][] {r2}, small), c1);
        Batch batch = prove(List.of(a, b, c, a), c1, 8, null);
        assertClaimsTrue(batch.claims(), c1);
        verifyAll(batch, batch.proof());
    }

    @Test
    void transcript_sameStateAfterProveAndVerify() throws InvalidProofException {
        List<long[]> c1v = new ArrayList<>();
        List<LogUpInstance> inst = instances(List.of(new Spec(2, 5, 4), new Spec(1, 3, 6)), c1v, 9);
        SplittableRandom rng = new SplittableRandom(10);
        ProverData c1 = PCS.commit(c1v, rng);
        Transcript pt = LogUpHarness.transcript(c1.commitment());
        LogUp.BatchResult res = LogUp.proveAll(inst, pt, PCS, rng);
        Transcript vt = LogUpHarness.transcript(c1.commitment());
        List<Claim> claims = LogUp.verifyAll(inst.stream().map(LogUpInstance::shape).toList(), res.proof(), vt, PCS);
        assertEquals(res.claims(), claims);
        assertEquals(pt.challengeExt("next"), vt.challengeExt("next"));
    }

    @Test
    void singleInstanceProofIsABatchOfOne() throws InvalidProofException {
        Random rng = new Random(11);
        LookupTable table = LogUpHarness.table(2, 29, rng);
        long[][] f = LogUpHarness.witness(table, 4, rng);
        long[] m = LogUp.multiplicities(f, table);
        LogUpHarness.Proven p = LogUpHarness.prove(LogUpShape.contiguous(4, table), f, m, 12);
        byte[] enc = LogUpHarness.bytes(p.proof());
        LogUpBatchProof asBatch = readAll(enc, List.of(p.shape()));
        assertArrayEquals(enc, bytes(asBatch));
        assertEquals(p.claims(), LogUp.verifyAll(List.of(p.shape()), asBatch, LogUpHarness.transcript(p.c1()), PCS));
    }

    @Test
    void emptyBatchIsACallerError() {
        Transcript t = new Transcript("x");
        assertThrows(IllegalArgumentException.class, () -> LogUp.proveAll(List.of(), t, PCS, new SplittableRandom(1)));
        Batch b = honest(13, new Spec(1, 3, 2));
        assertThrows(IllegalArgumentException.class, () -> LogUp.verifyAll(List.of(), b.proof(), t, PCS));
        assertThrows(IllegalArgumentException.class, () -> LogUp.readAll(new ProofReader(new byte[0]), List.of(), PCS));
    }

    @Test
    void prove_badInstanceNamedBeforeTouchingTheTranscript() {
        List<long[]> c1 = new ArrayList<>();
        List<LogUpInstance> inst = new ArrayList<>(instances(List.of(new Spec(1, 4, 3), new Spec(1, 4, 3)), c1, 14));
        LogUpInstance second = inst.get(1);
        long[] col = second.witnessColumn(0);
        col[2] = Goldilocks.fromSigned(1 << 25); // not in the table
        inst.set(1, new LogUpInstance(second.shape(), new long[][] {col}, second.multiplicities()));
        Transcript t = new Transcript("x");
        Ext before = new Transcript("x").challengeExt("probe");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogUp.proveAll(inst, t, PCS, new SplittableRandom(1)));
        assertTrue(e.getMessage().startsWith("lookup instance 1: witness row 2"), e.getMessage());
        assertEquals(before, t.challengeExt("probe"));
    }

    // ---------------------------------------------------------------- tampering

    @Test
    void tamperedInstanceMessagesRejected() {
        Batch b = four(20);
        LogUpBatchProof proof = b.proof();
        for (int i = 0; i < proof.instanceCount(); i++) {
            String who = "LogUp instance " + i;
            LogUpBatchProof.InstanceProof ip = proof.instance(i);
            SumcheckProof ws = ip.witnessSumcheck(), ts = ip.tableSumcheck();
            // claimed sum: all H_i are absorbed before the first instance's challenges, so any
            // change is caught by instance 0's first round
            assertRejected(b, withInstance(proof, i, new LogUpBatchProof.InstanceProof(ip.claimedSum().add(Ext.ONE),
                    ws, ts, ip.partEvaluations())), "LogUp instance 0 witness-side sumcheck: sumcheck round 0");
            // every round evaluation of both sides
            for (int side = 0; side < 2; side++) {
                SumcheckProof sc = side == 0 ? ws : ts;
                for (int round = 0; round < sc.numRounds(); round++) {
                    for (int k = 0; k < sc.roundEvaluations(round).length; k++) {
                        Ext[][] r = rounds(sc);
                        r[round][k] = r[round][k].add(Ext.ONE);
                        SumcheckProof forged = new SumcheckProof(r, sc.finalEvaluations());
                        LogUpBatchProof.InstanceProof bad = side == 0
                                ? new LogUpBatchProof.InstanceProof(ip.claimedSum(), forged, ts, ip.partEvaluations())
                                : new LogUpBatchProof.InstanceProof(ip.claimedSum(), ws, forged, ip.partEvaluations());
                        assertRejected(b, withInstance(proof, i, bad),
                                who + (side == 0 ? " witness-side sumcheck" : " table-side sumcheck"));
                    }
                }
            }
            // every final evaluation
            for (int side = 0; side < 2; side++) {
                SumcheckProof sc = side == 0 ? ws : ts;
                for (int j = 0; j < sc.finalEvaluations().length; j++) {
                    Ext[] f = sc.finalEvaluations();
                    f[j] = f[j].add(Ext.ONE);
                    SumcheckProof forged = new SumcheckProof(rounds(sc), f);
                    LogUpBatchProof.InstanceProof bad = side == 0
                            ? new LogUpBatchProof.InstanceProof(ip.claimedSum(), forged, ts, ip.partEvaluations())
                            : new LogUpBatchProof.InstanceProof(ip.claimedSum(), ws, forged, ip.partEvaluations());
                    assertRejected(b, withInstance(proof, i, bad), who);
                }
            }
            // every part evaluation; and the re/im shift that only the C2 opening catches
            for (int j = 0; j < LogUpProof.PARTS; j++) {
                Ext[] parts = ip.partEvaluations();
                parts[j] = parts[j].add(Ext.ONE);
                assertRejected(b, withInstance(proof, i, new LogUpBatchProof.InstanceProof(ip.claimedSum(), ws, ts,
                        parts)), who + " witness side: h(r) ≠");
            }
            // parts are absorbed before the next instance's challenges: the next instance's first
            // sumcheck catches the shift, and for the last instance the C2 opening
            String next = i + 1 < proof.instanceCount() ? "LogUp instance " + (i + 1) + " "
                    : "LogUp fraction opening: ";
            Ext[] shifted = ip.partEvaluations();
            shifted[0] = shifted[0].add(Ext.of(0, 1));
            shifted[1] = shifted[1].sub(Ext.ONE);
            assertRejected(b, withInstance(proof, i, new LogUpBatchProof.InstanceProof(ip.claimedSum(), ws, ts,
                    shifted)), next);
            Ext[] one = Arrays.copyOf(ip.partEvaluations(), 1);
            assertRejected(b, withInstance(proof, i, new LogUpBatchProof.InstanceProof(ip.claimedSum(), ws, ts, one)),
                    "malformed proof: instance " + i + " has 1 part evaluations");
        }
    }

    @Test
    void everyNonOpeningByteTamperedRejected() {
        Batch b = honest(21, new Spec(2, 2, 2), new Spec(1, 3, 1), new Spec(1, 2, 0));
        byte[] enc = bytes(b.proof());
        int end = enc.length - b.proof().openingProof().length;
        for (int pos = 0; pos < end; pos++) {
            for (int bit : new int[] {0, 7}) {
                byte[] bad = enc.clone();
                bad[pos] ^= (byte) (1 << bit);
                int at = pos;
                assertThrows(InvalidProofException.class, () -> readAndVerify(b, bad), () -> "byte " + at);
            }
        }
    }

    @Test
    void sharedCommitmentBytesTamperedRejected() {
        Batch b = four(22);
        byte[] enc = bytes(b.proof());
        ProofWriter w = new ProofWriter();
        b.proof().fractionCommitment().writeTo(w);
        for (int pos = 0; pos < w.size(); pos++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bad = enc.clone();
                bad[pos] ^= (byte) (1 << bit);
                int at = pos;
                assertThrows(InvalidProofException.class, () -> readAndVerify(b, bad), () -> "byte " + at);
            }
        }
        // another batch's C2 of the same shape: the transcript and the opening no longer match
        Batch other = four(22 + 1000);
        LogUpBatchProof swapped = new LogUpBatchProof(other.proof().fractionCommitment(), b.proof().instances(),
                b.proof().openingProof());
        assertThrows(InvalidProofException.class, () -> verifyAll(b, swapped));
    }

    @Test
    void sharedOpeningBytesTamperedRejected() {
        Batch b = four(23);
        byte[] enc = bytes(b.proof());
        int start = enc.length - b.proof().openingProof().length;
        int step = Math.max(1, (enc.length - start) / 400);
        for (int pos = start - 4; pos < enc.length; pos += pos < start ? 1 : step) {
            byte[] bad = enc.clone();
            bad[pos] ^= 1;
            int at = pos;
            assertThrows(InvalidProofException.class, () -> readAndVerify(b, bad), () -> "byte " + at);
        }
        // an opening made for other claims
        Batch other = four(24);
        LogUpBatchProof swapped = new LogUpBatchProof(b.proof().fractionCommitment(), b.proof().instances(),
                other.proof().openingProof());
        assertRejected(b, swapped, "LogUp fraction opening: ");
    }

    @Test
    void read_truncatedExtendedOrGarbageRejected() {
        Batch b = honest(25, new Spec(1, 3, 2), new Spec(2, 2, 1));
        byte[] enc = bytes(b.proof());
        int step = Math.max(1, enc.length / 600);
        for (int len = 0; len < enc.length; len += len < 1500 ? 1 : step) {
            byte[] cut = Arrays.copyOf(enc, len);
            int at = len;
            assertThrows(InvalidProofException.class, () -> readAndVerify(b, cut), () -> "length " + at);
        }
        assertThrows(InvalidProofException.class, () -> readAndVerify(b, Arrays.copyOf(enc, enc.length + 1)));
        byte[] big = enc.clone();
        int lenAt = enc.length - b.proof().openingProof().length - 4;
        big[lenAt] = big[lenAt + 1] = big[lenAt + 2] = (byte) 0xFF;
        big[lenAt + 3] = 0x7F;
        InvalidProofException e = assertThrows(InvalidProofException.class, () -> readAll(big, b.shapes()));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        Random rng = new Random(26);
        for (int i = 0; i < 100; i++) {
            byte[] junk = new byte[rng.nextInt(2 * enc.length + 1)];
            rng.nextBytes(junk);
            assertThrows(InvalidProofException.class, () -> readAndVerify(b, junk));
        }
    }

    // ---------------------------------------------------------------- swaps and reorderings

    @Test
    void reorderedShapesOrInstanceMessagesRejected() {
        Batch b = four(30);
        // the verifier's shapes in another order
        List<LogUpShape> reversed = new ArrayList<>(b.shapes());
        Collections.reverse(reversed);
        assertThrows(InvalidProofException.class, () -> verifyLookups(b, reversed, b.proof()));
        byte[] enc = bytes(b.proof());
        assertThrows(InvalidProofException.class, () -> verifyLookups(b, reversed, readAll(enc, reversed)));
        // two instances of the same shape: swapping their messages is caught
        List<long[]> c1 = new ArrayList<>();
        List<LogUpInstance> twins = instances(List.of(new Spec(1, 4, 3), new Spec(2, 5, 2)), c1, 31);
        LogUpInstance t0 = twins.get(0);
        long[] col = t0.witnessColumn(0);
        long[] other = col.clone();
        other[0] = col[1];
        other[1] = col[0] == col[1] ? t0.shape().table().get(2, 0) : col[0];
        LogUpInstance t2 = place(3, t0.shape().table(), new long[][] {other},
                LogUp.multiplicities(new long[][] {other}, t0.shape().table()), c1);
        LogUpShape sameTableOtherVectors = t2.shape();
        Batch tw = prove(List.of(t0, twins.get(1), t2), c1, 32, null);
        List<LogUpBatchProof.InstanceProof> msgs = new ArrayList<>(tw.proof().instances());
        Collections.swap(msgs, 0, 2);
        LogUpBatchProof swapped = new LogUpBatchProof(tw.proof().fractionCommitment(), msgs, tw.proof().openingProof());
        assertThrows(InvalidProofException.class, () -> verifyAll(tw, swapped));
        // the shapes swapped instead (C1 indices differ)
        List<LogUpShape> shapesSwapped = new ArrayList<>(tw.shapes());
        Collections.swap(shapesSwapped, 0, 2);
        assertEquals(t0.shape().table(), sameTableOtherVectors.table());
        assertThrows(InvalidProofException.class, () -> verifyLookups(tw, shapesSwapped, tw.proof()));
    }

    @Test
    void instanceReplacedByAnotherRejected() {
        Batch b = four(33);
        Batch c = four(34); // same shapes' sizes, other tables and witnesses
        for (int i = 0; i < 4; i++) {
            int at = i;
            // another batch's messages for this instance
            assertThrows(InvalidProofException.class,
                    () -> verifyAll(b, withInstance(b.proof(), at, c.proof().instance(at))), () -> "instance " + at);
            // the shape replaced by another of the same sizes (other table)
            List<LogUpShape> shapes = new ArrayList<>(b.shapes());
            shapes.set(i, c.shapes().get(i));
            assertThrows(InvalidProofException.class, () -> verifyLookups(b, shapes, b.proof()), () -> "shape " + at);
        }
        // an instance dropped or added
        List<LogUpShape> three = b.shapes().subList(0, 3);
        InvalidProofException e = assertThrows(InvalidProofException.class, () -> verifyLookups(b, three, b.proof()));
        assertTrue(e.getMessage().startsWith("malformed proof: 4 instance proofs for 3 lookups"), e.getMessage());
        List<LogUpShape> five = new ArrayList<>(b.shapes());
        five.add(b.shapes().get(0));
        assertThrows(InvalidProofException.class, () -> verifyLookups(b, five, b.proof()));
        byte[] enc = bytes(b.proof());
        assertThrows(InvalidProofException.class, () -> readAll(enc, three));
        assertThrows(InvalidProofException.class, () -> readAll(enc, five));
        // a C2 whose layout does not fit the shapes (instances 0 and 1 exchanged in the shapes)
        List<LogUpShape> exchanged = new ArrayList<>(b.shapes());
        Collections.swap(exchanged, 0, 1);
        e = assertThrows(InvalidProofException.class, () -> verifyLookups(b, exchanged, b.proof()));
        assertTrue(e.getMessage().startsWith("malformed proof: the fraction commitment does not hold vectors"),
                e.getMessage());
    }

    // ---------------------------------------------------------------- forgeries

    /**
     * A batch of three whose middle instance has multiplicities changed by {@code forge} (the
     * witness itself is in the table), proven by a prover that skips the relation check for it.
     */
    private static Batch forgedMiddle(long seed, UnaryOperator<long[]> forge, LogUp.Deviation deviation) {
        List<long[]> c1 = new ArrayList<>();
        List<LogUpInstance> inst = new ArrayList<>(instances(
                List.of(new Spec(1, 4, 3), new Spec(2, 5, 4), new Spec(1, 6, 2)), c1, seed));
        LogUpInstance mid = inst.get(1);
        long[] m = forge.apply(mid.multiplicities());
        c1.set(mid.shape().multiplicityVector(), m);
        long[][] f = {mid.witnessColumn(0), mid.witnessColumn(1)};
        inst.set(1, new LogUpInstance(mid.shape(), f, m));
        assertThrows(IllegalArgumentException.class, () -> LogUp.checkRelation(inst.get(1)));
        return prove(inst, c1, seed + 1, Arrays.asList(null, deviation, null));
    }

    /** Moves one count from the first used table row to row 20 (a row never used by the harness witness). */
    private static long[] moveOneCount(long[] m) {
        long[] out = m.clone();
        int used = 0;
        while (out[used] == 0) {
            used++;
        }
        out[used]--;
        out[20] = Goldilocks.add(out[20], 1);
        return out;
    }

    @Test
    void forgedMultiplicityInOneInstanceRejected() {
        // H = Σ h: the witness side holds, Σ g ≠ H fails the middle instance's table side
        Batch p = forgedMiddle(40, LogUpBatchTest::moveOneCount, new LogUp.Deviation() {});
        InvalidProofException e = assertThrows(InvalidProofException.class, () -> verifyAll(p, p.proof()));
        assertEquals("LogUp instance 1 table-side sumcheck: sumcheck round 0: p(0) + p(1) ≠ claim", e.getMessage());
        // H = Σ g: the witness side fails instead
        Batch q = forgedMiddle(41, LogUpBatchTest::moveOneCount, new LogUp.Deviation() {
            @Override
            public Ext claimedSum(Ext sumH, Ext tableSum) {
                return tableSum;
            }
        });
        e = assertThrows(InvalidProofException.class, () -> verifyAll(q, q.proof()));
        assertEquals("LogUp instance 1 witness-side sumcheck: sumcheck round 0: p(0) + p(1) ≠ claim", e.getMessage());
        // a multiplicity off by p − 1 (i.e. −1 at one row, +1 elsewhere in the field): still caught
        Batch r = forgedMiddle(42, m -> {
            long[] out = m.clone();
            out[20] = Goldilocks.sub(out[20], 1);
            out[21] = Goldilocks.add(out[21], 1);
            return out;
        }, new LogUp.Deviation() {});
        e = assertThrows(InvalidProofException.class, () -> verifyAll(r, r.proof()));
        assertTrue(e.getMessage().startsWith("LogUp instance 1 table-side sumcheck"), e.getMessage());
    }

    @Test
    void forgedFakeTableRowInOneInstanceRejected() {
        // instance 2 claims its bad row is at table row 20 by altering ψ there: only the verifier's
        // own ψ(r′) for that instance catches it
        List<long[]> c1 = new ArrayList<>();
        List<LogUpInstance> inst = new ArrayList<>(instances(
                List.of(new Spec(1, 4, 3), new Spec(2, 5, 4), new Spec(1, 6, 2)), c1, 43));
        LogUpInstance last = inst.get(2);
        long[] col = last.witnessColumn(0);
        col[1] = Goldilocks.fromSigned(1 << 24); // not in the table
        long[] m = last.multiplicities();
        int first = 0; // the table row the replaced witness value was counted at
        while (last.shape().table().get(first, 0) != last.witnessColumn(0)[1]) {
            first++;
        }
        m[first]--;
        int unused = 0;
        while (m[unused] != 0) {
            unused++;
        }
        int fake = unused;
        m[fake] = 1;
        c1.set(last.shape().witnessVectors()[0], col);
        c1.set(last.shape().multiplicityVector(), m);
        inst.set(2, new LogUpInstance(last.shape(), new long[][] {col}, m));
        Batch p = prove(inst, c1, 44, Arrays.asList(null, null, new LogUp.Deviation() {
            @Override
            public void tamperCompressed(long[] phi, long[] psi) {
                Ext.get(phi, 1).set(psi, fake);
            }
        }));
        InvalidProofException e = assertThrows(InvalidProofException.class, () -> verifyAll(p, p.proof()));
        assertEquals("LogUp instance 2 table side: claimed 1/(γ − ψ) at r′ is not the table's", e.getMessage());
    }

    @Test
    void soundnessBits_batchIsTheUnionBoundOverInstances() {
        Batch b = four(50);
        double pcsBits = PCS.soundnessBits(LogUp.fractionVectorLengths(b.shapes()));
        double batch = LogUp.soundnessBits(b.shapes(), pcsBits);
        assertTrue(batch > 100 && batch <= pcsBits, batch + " vs " + pcsBits);
        double algebraic = 0;
        for (LogUpShape s : b.shapes()) {
            algebraic += Math.pow(2, -LogUp.soundnessBits(s, Double.POSITIVE_INFINITY));
        }
        double expected = -Math.log(algebraic + Math.pow(2, -pcsBits)) / Math.log(2);
        assertEquals(expected, batch, 1e-9);
    }
}
