package org.zkml4j.backend.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.pcs.Claim;
import org.zkml4j.backend.pcs.LigeroPcs;
import org.zkml4j.backend.pcs.LinearFunctional;
import org.zkml4j.backend.pcs.PcsParameters;
import org.zkml4j.backend.poly.Multilinear;
import org.zkml4j.backend.sumcheck.SharedMasks;
import org.zkml4j.backend.transcript.Transcript;

/**
 * {@link ZkLogUp} on its own: a range lookup and a two-column activation lookup over doubled
 * vectors. The C1 claims are checked directly against the doubled vectors (the caller's opening).
 */
class ZkLogUpTest {
    static final LigeroPcs PCS = new LigeroPcs(PcsParameters.DEFAULT);
    static final LookupTable RANGE = LookupTable.range(4);
    static final LookupTable SQUARE = LookupTable.ofFunction(-7, 7, z -> z * z);
    // C1 indices: 0 range column, 1 its multiplicities, 2 z, 3 z², 4 their multiplicities
    static final List<LogUpShape> SHAPES = List.of(new LogUpShape(5, RANGE, new int[] {0}, 1),
            new LogUpShape(4, SQUARE, new int[] {2, 3}, 4));

    record Proven(List<long[]> c1, ZkLogUpProof proof, List<Claim> claims) {}

    static long[] doubled(long[] v, SplittableRandom rng) {
        long[] out = java.util.Arrays.copyOf(v, 2 * v.length);
        for (int i = v.length; i < out.length; i++) {
            out[i] = Ext.randomBase(rng);
        }
        return out;
    }

    /** The witness; with {@code outOfTable}, one z² entry is off by one (not in the table). */
    static List<long[]> witness(boolean outOfTable) {
        SplittableRandom rng = new SplittableRandom(4);
        long[] r = new long[32];
        for (int i = 0; i < r.length; i++) {
            r[i] = rng.nextInt(16);
        }
        long[] z = new long[16];
        long[] sq = new long[16];
        for (int i = 0; i < z.length; i++) {
            long v = rng.nextInt(15) - 7;
            z[i] = Goldilocks.fromSigned(v);
            sq[i] = v * v;
        }
        long[] mr = LogUp.multiplicities(new long[][] {r}, RANGE);
        long[] msq = LogUp.multiplicities(new long[][] {z, sq}, SQUARE);
        if (outOfTable) {
            sq[5] += 1;
        }
        return List.of(r, mr, z, sq, msq);
    }

    static Proven prove(List<long[]> real, boolean unsafe, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<long[]> c1 = new ArrayList<>();
        for (long[] v : real) {
            c1.add(doubled(v, rng));
        }
        List<ZkLogUp.Instance> instances = List.of(
                new ZkLogUp.Instance(SHAPES.get(0), new long[][] {c1.get(0)}, c1.get(1)),
                new ZkLogUp.Instance(SHAPES.get(1), new long[][] {c1.get(2), c1.get(3)}, c1.get(4)));
        SharedMasks masks = SharedMasks.sample(plan(), rng);
        Transcript t = new Transcript("zk-logup-test");
        ZkLogUp.Result res = unsafe ? ZkLogUp.proveAllUnsafe(instances, t, PCS, masks, rng)
                : ZkLogUp.proveAll(instances, t, PCS, masks, rng);
        return new Proven(c1, res.proof(), res.claims());
    }

    static List<int[]> plan() {
        List<int[]> plan = new ArrayList<>();
        for (LogUpShape s : SHAPES) {
            plan.addAll(ZkLogUp.maskPlan(s));
        }
        return plan;
    }

    /** Verifies the lookup part (the shared-mask opening is the caller's and not exercised here). */
    static List<Claim> verify(ZkLogUpProof proof) throws InvalidProofException {
        return ZkLogUp.verifyAll(SHAPES, proof, new Transcript("zk-logup-test"), PCS, SharedMasks.expect(plan()));
    }

    @Test
    void honestProofVerifiesAndItsClaimsHoldOnTheDoubledVectors() throws InvalidProofException {
        Proven p = prove(witness(false), false, 1);
        List<Claim> claims = verify(p.proof());
        assertEquals(p.claims(), claims);
        assertEquals(5, claims.size());
        for (Claim c : claims) {
            Ext[] point = ((LinearFunctional.MultilinearPoint) c.functional()).point();
            assertEquals(Multilinear.evaluate(p.c1().get(c.vector()), point), c.value(), "claim on " + c.vector());
        }
    }

    @Test
    void rowOutsideTheTableIsAProverErrorNamingTheInstance() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> prove(witness(true), false, 1));
        assertTrue(e.getMessage().startsWith("lookup instance 1: "), e.getMessage());
    }

    @Test
    void balancedMaskedSumsCannotHideARowOutsideTheTable() {
        Proven forged = prove(witness(true), true, 2);
        InvalidProofException e = assertThrows(InvalidProofException.class, () -> verify(forged.proof()));
        assertTrue(e.getMessage().startsWith("zk-LogUp fraction opening"), e.getMessage());
    }

    @Test
    void alteredMaskedSumOrPartIsRejected() {
        ZkLogUpProof p = prove(witness(false), false, 3).proof();
        ZkLogUpProof.InstanceProof i0 = p.instances().get(0);
        ZkLogUpProof sum = new ZkLogUpProof(p.fractionCommitment(), List.of(new ZkLogUpProof.InstanceProof(
                i0.maskedSum().add(Ext.ONE), i0.witnessSumcheck(), i0.tableSumcheck(), i0.parts()),
                p.instances().get(1)), p.opening());
        assertThrows(InvalidProofException.class, () -> verify(sum));
        Ext[] parts = i0.parts().clone();
        parts[2] = parts[2].add(Ext.ONE);
        ZkLogUpProof part = new ZkLogUpProof(p.fractionCommitment(), List.of(new ZkLogUpProof.InstanceProof(
                i0.maskedSum(), i0.witnessSumcheck(), i0.tableSumcheck(), parts), p.instances().get(1)), p.opening());
        assertThrows(InvalidProofException.class, () -> verify(part));
        ZkLogUpProof shortParts = new ZkLogUpProof(p.fractionCommitment(), List.of(new ZkLogUpProof.InstanceProof(
                i0.maskedSum(), i0.witnessSumcheck(), i0.tableSumcheck(), java.util.Arrays.copyOf(parts, 3)),
                p.instances().get(1)), p.opening());
        InvalidProofException e = assertThrows(InvalidProofException.class, () -> verify(shortParts));
        assertEquals("malformed proof: lookup 0 has 3 part evaluations, expected 4", e.getMessage());
    }

    @Test
    void verify_gammaOnACompressedTableRowRejected() throws InvalidProofException {
        Ext beta = Ext.of(3, 5);
        Ext[] bp = LogUp.powers(beta, SQUARE.width());
        long[] psi = LogUp.compress(SQUARE.columnsRef(), bp);
        Ext onRow = Ext.of(psi[2 * 6], psi[2 * 6 + 1]);
        InvalidProofException e = assertThrows(InvalidProofException.class,
                () -> ZkLogUp.requireOffTable(onRow, SHAPES.get(1), bp, "lookup 1"));
        assertTrue(e.getMessage().contains("γ equals compressed table row 6"),
                e.getMessage());
        ZkLogUp.requireOffTable(onRow.add(Ext.ONE).add(Ext.of(0, 1)), SHAPES.get(1), bp, "lookup 1");
    }
}
