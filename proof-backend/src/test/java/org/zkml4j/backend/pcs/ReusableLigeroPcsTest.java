package org.zkml4j.backend.pcs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;
import org.zkml4j.backend.ntt.ReedSolomon;
import org.zkml4j.backend.poly.Multilinear;
import org.zkml4j.backend.transcript.Transcript;

class ReusableLigeroPcsTest {
    static final String DOMAIN = "zkml4j/test/reusable-pcs";
    static final int K = 4;
    final ReusableLigeroPcs pcs = new ReusableLigeroPcs(PcsParameters.DEFAULT, K);
    final SplittableRandom rng = new SplittableRandom(4321);

    long[] randomVector(int n) {
        return LigeroPcsTest.randomVector(rng, n);
    }

    Ext[] randomPoint(int n) {
        return LigeroPcsTest.randomPoint(rng, n);
    }

    List<Claim> trueClaims(List<long[]> vectors) {
        List<Claim> claims = new ArrayList<>();
        for (int v = 0; v < vectors.size(); v++) {
            Ext[] z = randomPoint(Integer.numberOfTrailingZeros(vectors.get(v).length));
            claims.add(Claim.multilinear(v, z, Multilinear.evaluate(vectors.get(v), z)));
        }
        return claims;
    }

    /** One honest opening of a fresh commitment. */
    record Fixture(LigeroCommitment commitment, List<Claim> claims, ReusableLigeroOpening proof) {}

    Fixture honest(int... lengths) {
        List<long[]> vectors = Arrays.stream(lengths).mapToObj(this::randomVector).toList();
        LigeroProverData data = pcs.commit(vectors, rng);
        data.useSlot(1); // open a slot other than 0, as a key in use does
        List<Claim> claims = trueClaims(vectors);
        return new Fixture(data.commitment(), claims, pcs.open(data, claims, new Transcript(DOMAIN), rng));
    }

    String rejection(Commitment c, List<Claim> claims, OpeningProof proof) {
        return assertThrows(InvalidProofException.class,
                () -> pcs.verify(c, claims, proof, new Transcript(DOMAIN))).getMessage();
    }

    static byte[] encode(OpeningProof p) {
        ProofWriter w = new ProofWriter();
        p.writeTo(w);
        return w.toByteArray();
    }

    @Test
    void open_budgetOfOpeningsAtDifferentPointsAllVerifyThenRefused() throws InvalidProofException {
        List<long[]> vectors = List.of(randomVector(1 << 10), randomVector(8));
        LigeroProverData data = pcs.commit(vectors, rng);
        assertEquals(K, data.commitment().budget());
        List<Claim> first = null;
        for (int i = 0; i < K; i++) {
            assertEquals(i, data.nextSlot());
            List<Claim> claims = trueClaims(vectors);
            ReusableLigeroOpening proof = pcs.open(data, claims, new Transcript(DOMAIN), rng);
            assertEquals(i, proof.slot());
            pcs.verify(data.commitment(), claims, proof, new Transcript(DOMAIN));
            first = first == null ? claims : first;
        }
        List<Claim> again = first;
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> pcs.open(data, again, new Transcript(DOMAIN), rng));
        assertTrue(e.getMessage().contains("budget of " + K + " openings is exhausted"), e.getMessage());
        e = assertThrows(IllegalStateException.class,
                () -> pcs.openSlot(data, 2, again, new Transcript(DOMAIN), rng));
        assertTrue(e.getMessage().contains("slot 2 was already used"), e.getMessage());
    }

    @Test
    void openSlot_resumesFromPersistedCounterOnRecommittedData() throws InvalidProofException {
        List<long[]> vectors = List.of(randomVector(1 << 8));
        LigeroProverData before = pcs.commit(vectors, new SplittableRandom(99));
        pcs.open(before, trueClaims(vectors), new Transcript(DOMAIN), rng);
        int persisted = before.nextSlot();
        // restart: same secret seed, same commitment; resume at the persisted slot
        LigeroProverData after = pcs.commit(vectors, new SplittableRandom(99));
        assertEquals(before.commitment(), after.commitment());
        List<Claim> claims = trueClaims(vectors);
        ReusableLigeroOpening proof = pcs.openSlot(after, persisted, claims, new Transcript(DOMAIN), rng);
        pcs.verify(after.commitment(), claims, proof, new Transcript(DOMAIN));
        assertEquals(persisted + 1, after.nextSlot());
        assertThrows(IllegalStateException.class, () -> pcs.openSlot(after, 0, claims, new Transcript(DOMAIN), rng));
        assertThrows(IllegalStateException.class, () -> pcs.openSlot(after, K, claims, new Transcript(DOMAIN), rng));
        assertThrows(IllegalArgumentException.class, () -> pcs.openSlot(after, -1, claims, new Transcript(DOMAIN), rng));
    }

    @Test
    void reserveSlot_reservedSlotsOpenInAnyOrderEachOnce() throws InvalidProofException {
        List<long[]> vectors = List.of(randomVector(1 << 8));
        LigeroProverData data = pcs.commit(vectors, rng);
        pcs.reserveSlot(data, 1);
        pcs.reserveSlot(data, 2);
        assertEquals(3, data.nextSlot());
        // the later reservation proves first; the earlier one still opens its slot, once
        for (int slot : new int[] {2, 1}) {
            List<Claim> claims = trueClaims(vectors);
            ReusableLigeroOpening proof = pcs.openSlot(data, slot, claims, new Transcript(DOMAIN), rng);
            pcs.verify(data.commitment(), claims, proof, new Transcript(DOMAIN));
        }
        List<Claim> claims = trueClaims(vectors);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> pcs.openSlot(data, 1, claims, new Transcript(DOMAIN), rng));
        assertTrue(e.getMessage().contains("slot 1 was already used"), e.getMessage());
        // slot 0 was skipped, not reserved; reserving below the counter or beyond the budget is refused
        assertThrows(IllegalStateException.class, () -> pcs.openSlot(data, 0, claims, new Transcript(DOMAIN), rng));
        assertThrows(IllegalStateException.class, () -> pcs.reserveSlot(data, 2));
        assertThrows(IllegalStateException.class, () -> pcs.reserveSlot(data, K));
        assertEquals(3, pcs.open(data, claims, new Transcript(DOMAIN), rng).slot());
    }

    @Test
    void verify_falseClaimValueRejected() {
        Fixture f = honest(1 << 10, 16);
        for (int c = 0; c < f.claims.size(); c++) {
            List<Claim> claims = new ArrayList<>(f.claims);
            Claim old = claims.get(c);
            claims.set(c, new Claim(old.vector(), old.functional(), old.value().add(Ext.ONE)));
            assertTrue(rejection(f.commitment, claims, f.proof).startsWith("batched claim check failed"));
        }
    }

    static LigeroOpening copy(LigeroOpening p) {
        long[][] cols = Arrays.stream(p.columnValues).map(long[]::clone).toArray(long[][]::new);
        byte[][] salts = Arrays.stream(p.salts).map(byte[]::clone).toArray(byte[][]::new);
        return new LigeroOpening(p.u.clone(), p.q.clone(), p.columns.clone(), salts, cols, p.merkle);
    }

    @Test
    void verify_tamperedUQColumnsSaltsRejected() {
        Fixture f = honest(1 << 6);
        LigeroOpening o = f.proof.opening;
        int slot = f.proof.slot;
        for (int j = 0; j < o.u.length; j += 7) {
            LigeroOpening c = copy(o);
            c.u[j] = c.u[j].add(Ext.of(0, 1));
            String e = rejection(f.commitment, f.claims, new ReusableLigeroOpening(slot, f.proof.masks, c));
            assertTrue(e.startsWith("proximity") || e.startsWith("opened columns"), e);
        }
        for (int j = 0; j < o.q.length; j += 7) {
            LigeroOpening c = copy(o);
            c.q[j] = c.q[j].add(Ext.ONE);
            rejection(f.commitment, f.claims, new ReusableLigeroOpening(slot, f.proof.masks, c));
        }
        // every row of a column — the data rows and the opening.s mask rows — is bound by a Merkle leaf
        for (int i = 0; i < o.columnValues[0].length; i++) {
            LigeroOpening c = copy(o);
            c.columnValues[0][i] = Goldilocks.add(c.columnValues[0][i], 1);
            rejection(f.commitment, f.claims, new ReusableLigeroOpening(slot, f.proof.masks, c));
        }
        LigeroOpening c = copy(o);
        c.salts[1][3] ^= 1;
        rejection(f.commitment, f.claims, new ReusableLigeroOpening(slot, f.proof.masks, c));
    }

    @Test
    void verify_tamperedMerklePathsAndMaskRootRejected() throws InvalidProofException {
        Fixture f = honest(1 << 10);
        byte[] bytes = encode(f.proof);
        int maskPath = f.proof.masks.merkle().nodeCount() * 32;
        int maskSalts = f.proof.opening.columns.length * 16;
        int dataPath = f.proof.opening.merkle.nodeCount() * 32;
        assertTrue(maskPath > 0 && dataPath > 0);
        int dataPathStart = bytes.length - maskPath - maskSalts - dataPath;
        List<Integer> targets = new ArrayList<>(List.of(4, 20, 35)); // the mask root
        for (int at = dataPathStart; at < dataPathStart + dataPath; at += 97) {
            targets.add(at);
        }
        for (int at = bytes.length - maskPath - maskSalts; at < bytes.length; at += 31) {
            targets.add(at);
        }
        for (int at : targets) {
            byte[] bad = bytes.clone();
            bad[at] ^= 0x40;
            OpeningProof p = pcs.readProof(new ProofReader(bad), f.commitment, f.claims);
            rejection(f.commitment, f.claims, p);
        }
    }

    @Test
    void verify_slotOtherThanTheOneProvenRejected() throws InvalidProofException {
        Fixture f = honest(1 << 8);
        for (int j = 0; j < K; j++) {
            if (j != f.proof.slot) {
                rejection(f.commitment, f.claims, new ReusableLigeroOpening(j, f.proof.masks, f.proof.opening));
            }
        }
        byte[] bytes = encode(f.proof);
        int other = f.proof.slot ^ 1;
        bytes[0] = (byte) other; // the slot is the first (little-endian) int
        OpeningProof moved = pcs.readProof(new ProofReader(bytes), f.commitment, f.claims);
        assertEquals(other, ((ReusableLigeroOpening) moved).slot());
        rejection(f.commitment, f.claims, moved);
        bytes[0] = 9;
        String e = assertThrows(InvalidProofException.class,
                () -> pcs.readProof(new ProofReader(bytes), f.commitment, f.claims)).getMessage();
        assertEquals("malformed proof: opening slot 9 outside [0, 4)", e);
    }

    @Test
    void verify_openingCheckedAgainstAnotherCommitmentRejected() {
        Fixture a = honest(1 << 10);
        Fixture b = honest(1 << 10);
        rejection(b.commitment, a.claims, a.proof);
        rejection(a.commitment, a.claims, b.proof);
        // other budget, same data shape: a different layout and transcript
        ReusableLigeroPcs other = new ReusableLigeroPcs(PcsParameters.DEFAULT, 8);
        LigeroCommitment eight = other.commit(List.of(randomVector(1 << 10)), rng).commitment();
        rejection(eight, a.claims, a.proof);
    }

    @Test
    void verify_randomByteMutationsRejectedOnlyWithInvalidProof() {
        Fixture f = honest(1 << 9, 4);
        byte[] bytes = encode(f.proof);
        SplittableRandom r = new SplittableRandom(77);
        for (int n = 0; n < 300; n++) {
            byte[] bad = bytes.clone();
            int at = r.nextInt(bad.length);
            bad[at] ^= (byte) (1 + r.nextInt(255));
            try {
                OpeningProof p = pcs.readProof(new ProofReader(bad), f.commitment, f.claims);
                pcs.verify(f.commitment, f.claims, p, new Transcript(DOMAIN));
                fail("accepted a proof with byte " + at + " changed");
            } catch (InvalidProofException expected) {
                // rejected, as it must be
            } catch (RuntimeException e) {
                fail("byte " + at + " changed: " + e, e);
            }
        }
    }

    @Test
    void readCommitment_roundTripsAndRejectsAbsurdBudgetsAndSizes() throws InvalidProofException {
        Fixture f = honest(1 << 8);
        ProofWriter w = new ProofWriter();
        f.commitment.writeTo(w);
        ProofReader in = new ProofReader(w.toByteArray());
        assertEquals(f.commitment, pcs.readCommitment(in));
        in.expectEnd("commitment");
        for (int budget : new int[] {Integer.MIN_VALUE, -1, 0, 1, 1025, Integer.MAX_VALUE}) {
            byte[] bad = new ProofWriter().writeInt(100).writeInt(budget).writeInt(1).writeInt(256)
                    .writeBytes(new byte[32]).toByteArray();
            String e = assertThrows(InvalidProofException.class, () -> pcs.readCommitment(new ProofReader(bad)))
                    .getMessage();
            assertTrue(e.contains("opening budget " + budget + " outside [2, 1024]"), e);
        }
        byte[] huge = new ProofWriter().writeInt(100).writeInt(1024).writeInt(Integer.MAX_VALUE).toByteArray();
        assertThrows(InvalidProofException.class, () -> pcs.readCommitment(new ProofReader(huge)));
        byte[] tooMany = new ProofWriter().writeInt(100).writeInt(1024).writeInt(3).writeInt(1 << 30)
                .writeInt(1 << 30).writeInt(1 << 30).writeBytes(new byte[32]).toByteArray();
        assertThrows(InvalidProofException.class, () -> pcs.readCommitment(new ProofReader(tooMany)));
    }

    @Test
    void schemes_doNotAcceptEachOthersCommitmentsOrData() {
        Fixture f = honest(1 << 6);
        LigeroPcs single = new LigeroPcs(PcsParameters.DEFAULT);
        assertThrows(InvalidProofException.class,
                () -> single.verify(f.commitment, f.claims, f.proof.opening, new Transcript(DOMAIN)));
        assertThrows(InvalidProofException.class, () -> single.readProof(new ProofReader(encode(f.proof)),
                f.commitment, f.claims));
        LigeroProverData one = single.commit(List.of(randomVector(8)), rng);
        assertThrows(IllegalArgumentException.class, () -> pcs.open(one, f.claims, new Transcript(DOMAIN), rng));
        assertThrows(InvalidProofException.class,
                () -> pcs.verify(one.commitment(), f.claims, f.proof, new Transcript(DOMAIN)));
        LigeroProverData many = pcs.commit(List.of(randomVector(8)), rng);
        assertThrows(IllegalArgumentException.class, () -> single.open(many, f.claims, new Transcript(DOMAIN), rng));
        assertThrows(IllegalArgumentException.class, () -> new ReusableLigeroPcs(PcsParameters.DEFAULT, 1));
        assertThrows(IllegalArgumentException.class, () -> new ReusableLigeroPcs(PcsParameters.DEFAULT, 1025));
    }

    /**
     * The K·t revealed symbols of a data row are jointly uniform, whatever the data: with the data
     * known to be all zeros or all ones, removing it from the revealed symbols must leave values
     * that no polynomial of degree below their count explains (their top divided difference is
     * non-zero). Had each row only t random coefficients, the true hypothesis would leave a
     * polynomial of degree &lt; t — a distinguisher after the second opening.
     */
    @Test
    void hiding_revealedSymbolsOfADataRowAcrossTheBudgetLookUniform() {
        int n = 1 << 10;
        for (long value : new long[] {0, 1}) {
            long[] data = new long[n];
            Arrays.fill(data, value);
            LigeroProverData committed = pcs.commit(List.of(data), rng);
            LigeroLayout layout = committed.layout;
            TreeMap<Integer, Long> revealed = new TreeMap<>(); // column → symbol of data row 0
            for (int i = 0; i < K; i++) {
                List<Claim> claims = trueClaims(List.of(data));
                ReusableLigeroOpening p = pcs.open(committed, claims, new Transcript(DOMAIN), rng);
                for (int k = 0; k < p.opening.columns.length; k++) {
                    revealed.put(p.opening.columns[k], p.opening.columnValues[k][0]);
                }
            }
            assertTrue(revealed.size() > layout.queries() + 1, "only " + revealed.size() + " distinct columns");
            assertTrue(revealed.size() <= layout.padding());
            for (long hypothesis : new long[] {0, 1}) {
                long[] xs = new long[revealed.size()];
                long[] pads = new long[revealed.size()];
                int k = 0;
                for (var e : revealed.entrySet()) {
                    long x = ReedSolomon.domainPoint(layout.logDomain(), e.getKey());
                    long dataPart = hypothesis * geometricSum(x, layout.cols());
                    xs[k] = x;
                    pads[k++] = Goldilocks.mul(Goldilocks.sub(e.getValue(), dataPart),
                            Goldilocks.inverse(Goldilocks.pow(x, layout.cols())));
                }
                assertNotEquals(0, topDividedDifference(xs, pads), "data " + value + " under hypothesis "
                        + hypothesis + ": the revealed symbols lie on a low-degree polynomial");
            }
        }
        // control: the test does detect values of a polynomial of degree < count − 1
        long[] xs = new long[50];
        long[] ys = new long[50];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = ReedSolomon.domainPoint(12, 3 * i + 1);
            ys[i] = Goldilocks.add(Goldilocks.pow(xs[i], 48), Goldilocks.mul(5, xs[i]));
        }
        assertEquals(0, topDividedDifference(xs, ys));
    }

    static long geometricSum(long x, int terms) {
        long s = 0;
        long power = 1;
        for (int j = 0; j < terms; j++) {
            s = Goldilocks.add(s, power);
            power = Goldilocks.mul(power, x);
        }
        return s;
    }

    /** f[x_0, …, x_{m−1}] = Σ_j y_j / Π_{k≠j}(x_j − x_k): zero iff the interpolant has degree &lt; m − 1. */
    static long topDividedDifference(long[] xs, long[] ys) {
        long[] denominators = new long[xs.length];
        for (int j = 0; j < xs.length; j++) {
            long d = 1;
            for (int k = 0; k < xs.length; k++) {
                if (k != j) {
                    d = Goldilocks.mul(d, Goldilocks.sub(xs[j], xs[k]));
                }
            }
            denominators[j] = d;
        }
        Goldilocks.batchInverse(denominators);
        long sum = 0;
        for (int j = 0; j < xs.length; j++) {
            sum = Goldilocks.add(sum, Goldilocks.mul(ys[j], denominators[j]));
        }
        return sum;
    }

    @Test
    void hiding_commitmentsDifferAndEveryOpeningHasFreshMasks() {
        long[] secret = randomVector(1 << 10);
        LigeroProverData a = pcs.commit(List.of(secret), rng);
        LigeroProverData b = pcs.commit(List.of(secret), rng);
        assertNotEquals(a.commitment(), b.commitment());
        assertEquals(a.layout.dataRows(), a.coefficients.length, "mask rows must not be in a reusable commitment");
        // the same claims opened in every slot: mask roots, u and q all differ, and no committed value leaks
        List<Claim> claims = trueClaims(List.of(secret));
        List<ReusableLigeroOpening> openings = new ArrayList<>();
        for (int i = 0; i < K; i++) {
            openings.add(pcs.open(a, claims, new Transcript(DOMAIN), rng));
        }
        int data = a.layout.dataRows();
        int sharedColumns = 0;
        for (int i = 0; i < K; i++) {
            for (int j = i + 1; j < K; j++) {
                ReusableLigeroOpening x = openings.get(i);
                ReusableLigeroOpening y = openings.get(j);
                assertFalse(Arrays.equals(x.masks.root(), y.masks.root()));
                assertFalse(Arrays.equals(x.opening.u, y.opening.u));
                assertFalse(Arrays.equals(x.opening.q, y.opening.q));
                // a column opened by both: same data entries, different mask entries (new masks, not new salts only)
                for (int k = 0; k < x.opening.columns.length; k++) {
                    int at = Arrays.binarySearch(y.opening.columns, x.opening.columns[k]);
                    if (at >= 0) {
                        sharedColumns++;
                        long[] cx = x.opening.columnValues[k];
                        long[] cy = y.opening.columnValues[at];
                        assertArrayEquals(Arrays.copyOf(cx, data), Arrays.copyOf(cy, data));
                        for (int m = data; m < data + 3; m++) {
                            assertNotEquals(cx[m], cy[m], "mask row " + (m - data) + " repeats across openings");
                        }
                    }
                }
            }
        }
        assertTrue(sharedColumns > 0, "no column opened twice; the mask check did not run");
        ReusableLigeroOpening first = openings.get(0);
        byte[] bytes = encode(first);
        byte[] enc = new byte[8];
        for (long s : secret) {
            Goldilocks.encode(s, enc, 0);
            assertFalse(LigeroPcsTest.contains(bytes, enc), "a committed value appears in the proof");
        }
    }

    @Test
    void parameters_soundnessMeetsTargetForEveryBudgetAndSize() {
        for (int bits : new int[] {80, 100, 101, 104}) {
            for (int budget : new int[] {2, 16, 64, 256, 1024}) {
                for (int[] lengths : new int[][] {{1}, {1 << 10}, {1 << 17}, {1 << 20}, {16, 1 << 12, 1 << 18}}) {
                    ReusableLigeroPcs p = new ReusableLigeroPcs(new PcsParameters(bits), budget);
                    LigeroLayout layout = LigeroLayout.plan(lengths, p.parameters(), budget);
                    String what = bits + " bits, budget " + budget + ", " + Arrays.toString(lengths);
                    assertTrue(p.soundnessBits(lengths) >= bits, what + ": " + p.soundnessBits(lengths));
                    assertEquals(layout.cols() + budget * layout.queries(), layout.rowLength(), what);
                    assertTrue(2.0 * layout.cols() + layout.padding() <= LigeroLayout.MAX_RATE * layout.domain(), what);
                    assertEquals(layout.dataRows(), layout.committedRows(), what);
                }
            }
        }
        // the proximity gap's N/|F_ext| caps the domain: 110 bits cannot carry 1024 openings
        ReusableLigeroPcs tooMany = new ReusableLigeroPcs(new PcsParameters(110), 1024);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tooMany.soundnessBits(1 << 17));
        assertEquals("no code domain gives 110-bit soundness with an opening budget of 1024; lower the budget or the "
                + "security level", e.getMessage());
        assertTrue(new ReusableLigeroPcs(new PcsParameters(110), 16).soundnessBits(1 << 17) >= 110);
        // chosen jointly: at the 784×128 size and budget 256, 123 queries on 2^18 points (not 146)
        LigeroLayout weights = LigeroLayout.plan(new int[] {1 << 17}, PcsParameters.DEFAULT, 256);
        assertArrayEquals(new int[] {1024, 123, 18}, new int[] {weights.cols(), weights.queries(), weights.logDomain()});
        // budget 1 keeps the single-opening rule (format v1): 2^17 elements use 154 queries on 2^13 points
        LigeroLayout single = LigeroLayout.plan(new int[] {1 << 17}, PcsParameters.DEFAULT);
        assertArrayEquals(new int[] {154, 13}, new int[] {single.queries(), single.logDomain()});
    }
}
