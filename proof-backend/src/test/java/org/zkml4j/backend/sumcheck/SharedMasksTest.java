package org.zkml4j.backend.sumcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.pcs.LigeroPcs;
import org.zkml4j.backend.pcs.OpeningProof;
import org.zkml4j.backend.pcs.PcsParameters;
import org.zkml4j.backend.pcs.ProverData;
import org.zkml4j.backend.transcript.Transcript;

/** Two masked sumchecks sharing one mask commitment, and what a verifier refuses. */
class SharedMasksTest {
    static final LigeroPcs PCS = new LigeroPcs(PcsParameters.DEFAULT);

    static SumcheckInstance product(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        long[] a = new long[1 << n];
        long[] b = new long[1 << n];
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextInt(1000);
            b[i] = rng.nextInt(1000);
        }
        SumcheckInstance.Builder builder = SumcheckInstance.builder();
        builder.addBaseTable(a);
        builder.addBaseTable(b);
        return builder.addTerm(Ext.ONE, 0, 1).build();
    }

    record Proven(org.zkml4j.backend.pcs.Commitment cm, List<MaskedSumcheckProof> proofs, OpeningProof opening) {}

    static Proven prove(SumcheckInstance first, SumcheckInstance second, Ext secondSum) {
        SplittableRandom rng = new SplittableRandom(1);
        SharedMasks masks = SharedMasks.sample(List.of(new int[] {5, 2}, new int[] {3, 2}), rng);
        ProverData cm = PCS.commit(masks.vectors(), rng);
        Transcript t = new Transcript("shared-masks-test");
        cm.commitment().absorbInto(t);
        MaskedSumcheckProof p1 = masks.prove(first, first.sum(), t).proof();
        MaskedSumcheckProof p2 = masks.prove(second, secondSum, t).proof();
        return new Proven(cm.commitment(), List.of(p1, p2), PCS.open(cm, masks.claims(), t, rng));
    }

    static void verify(Proven p, Ext firstSum, Ext secondSum) throws InvalidProofException {
        SharedMasks masks = SharedMasks.expect(List.of(new int[] {5, 2}, new int[] {3, 2}));
        masks.checkLayout(p.cm());
        Transcript t = new Transcript("shared-masks-test");
        p.cm().absorbInto(t);
        masks.verify(product(5, 0).shape(), firstSum, p.proofs().get(0), t);
        masks.verify(product(3, 0).shape(), secondSum, p.proofs().get(1), t);
        PCS.verify(p.cm(), masks.claims(), p.opening(), t);
    }

    @Test
    void honestProofsVerifyAndWrongSumsAreRejected() throws InvalidProofException {
        SumcheckInstance a = product(5, 2), b = product(3, 3);
        Proven p = prove(a, b, b.sum());
        verify(p, a.sum(), b.sum());
        assertThrows(InvalidProofException.class, () -> verify(p, a.sum(), b.sum().add(Ext.ONE)));
        assertThrows(InvalidProofException.class, () -> verify(p, a.sum().add(Ext.ONE), b.sum()));
    }

    @Test
    void alteredMaskValueIsCaughtByTheSharedOpening() {
        SumcheckInstance a = product(5, 2), b = product(3, 3);
        Proven p = prove(a, b, b.sum());
        MaskedSumcheckProof q = p.proofs().get(1);
        Ext[] u = q.maskValues().clone();
        u[0] = u[0].add(Ext.ONE);
        Proven forged = new Proven(p.cm(), List.of(p.proofs().get(0), new MaskedSumcheckProof(q.maskSum(),
                q.rounds(), u)), p.opening());
        InvalidProofException e = assertThrows(InvalidProofException.class, () -> verify(forged, a.sum(), b.sum()));
        assertTrue(!e.getMessage().isEmpty());
    }

    @Test
    void planMismatchAndFalseSumAreProverErrors() {
        SumcheckInstance a = product(4, 2);
        SharedMasks masks = SharedMasks.sample(List.<int[]>of(new int[] {5, 2}), new SplittableRandom(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> masks.prove(a, a.sum(), new Transcript("x")));
        assertTrue(e.getMessage().contains("planned 5"), e.getMessage());
        assertThrows(IllegalStateException.class, masks::claims);
        SumcheckInstance b = product(5, 2);
        SumcheckInstance c = product(3, 3);
        assertThrows(IllegalArgumentException.class, () -> prove(b, c, c.sum().add(Ext.ONE)));
        assertEquals(2, Mask.blocks(2));
    }
}
