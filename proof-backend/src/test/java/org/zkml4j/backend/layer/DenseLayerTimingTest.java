package org.zkml4j.backend.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.pcs.Claim;
import org.zkml4j.backend.pcs.OpeningProof;
import org.zkml4j.backend.pcs.ProverData;
import org.zkml4j.backend.transcript.Transcript;

/**
 * Warm prove and verify times of the MNIST-sized layer (B = 64, n = 784 → 1024, m = 128), printed
 * (not asserted): timings depend on the machine. The C1 commitment and opening are timed once,
 * separately, for context.
 */
class DenseLayerTimingTest {
    private static final int WARMUP = 60, RUNS = 30;

    @Test
    void timing_mnistLayerWarmProveAndVerify() throws InvalidProofException {
        Random rng = new Random(2024);
        DenseLayerShape shape = DenseHarness.randomShape(64, 784, 128, 7, rng);
        DenseLayerWitness w = DenseLayerWitness.compute(shape, DenseHarness.randomInput(shape, 784, rng));
        SplittableRandom srng = new SplittableRandom(1);
        long c0 = System.nanoTime();
        ProverData c1 = DenseHarness.PCS.commit(List.of(w.xRef(), w.zRef(), w.rRef()), srng);
        long commitNs = System.nanoTime() - c0;

        long[] prove = new long[RUNS], verify = new long[RUNS];
        DenseLayer.ProverResult last = null;
        for (int run = 0; run < WARMUP + RUNS; run++) {
            Transcript pt = DenseHarness.transcript(DenseHarness.DOMAIN, c1.commitment());
            long t0 = System.nanoTime();
            DenseLayer.ProverResult res = DenseLayer.prove(w, pt);
            long t1 = System.nanoTime();
            Transcript vt = DenseHarness.transcript(DenseHarness.DOMAIN, c1.commitment());
            long t2 = System.nanoTime();
            List<Claim> claims = DenseLayer.verify(shape, res.proof(), vt);
            long t3 = System.nanoTime();
            assertEquals(res.claims(), claims);
            if (run >= WARMUP) {
                prove[run - WARMUP] = t1 - t0;
                verify[run - WARMUP] = t3 - t2;
            }
            last = res;
        }
        // one C1 opening of the returned claims, for context
        Transcript pt = DenseHarness.transcript(DenseHarness.DOMAIN, c1.commitment());
        DenseLayer.ProverResult res = DenseLayer.prove(w, pt);
        long o0 = System.nanoTime();
        OpeningProof opening = DenseHarness.PCS.open(c1, res.claims(), pt, srng);
        long openNs = System.nanoTime() - o0;
        Transcript vt = DenseHarness.transcript(DenseHarness.DOMAIN, c1.commitment());
        List<Claim> claims = DenseLayer.verify(shape, res.proof(), vt);
        long v0 = System.nanoTime();
        DenseHarness.PCS.verify(c1.commitment(), claims, opening, vt);
        long pcsVerifyNs = System.nanoTime() - v0;

        System.out.printf("DenseLayer B=64 n=784->1024 m=128 k=7: warm prove %.2f ms, warm verify %.2f ms"
                + " (median of %d), proof %d bytes; C1 (X, Z, R) commit %.0f ms, open %.0f ms, PCS verify %.1f ms"
                + " (single cold-ish runs)%n",
                median(prove) / 1e6, median(verify) / 1e6, RUNS, last.proof().sizeBytes(),
                commitNs / 1e6, openNs / 1e6, pcsVerifyNs / 1e6);
    }

    private static double median(long[] a) {
        long[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
