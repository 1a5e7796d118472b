package org.zkml4j.backend.pcs;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.poly.Multilinear;
import org.zkml4j.backend.random.AesCtrRandom;
import org.zkml4j.backend.transcript.Transcript;

/**
 * Measures commit, open and verify for a 784×128 weight matrix (padded to 2^17 entries) at
 * budgets 1 (plain {@link LigeroPcs}), 16, 64 and 256; prints a Markdown table for
 * docs/commitment-reuse.md. A harness, not a unit test (K = 256 needs ≈ 3 GB of heap); run after
 * {@code mvn -o test-compile -pl proof-backend -am} with
 * {@code java -Xmx12g -cp proof-backend/target/classes:proof-backend/target/test-classes
 * org.zkml4j.backend.pcs.ReusableLigeroCosts}.
 */
final class ReusableLigeroCosts {
    static final int RUNS = 5;

    private ReusableLigeroCosts() {}

    public static void main(String[] args) throws InvalidProofException {
        SplittableRandom r = new SplittableRandom(5);
        long[] weights = new long[1 << 17];
        for (int i = 0; i < 784 * 128; i++) {
            weights[i] = Ext.randomBase(r);
        }
        System.out.println("| K | t | N | columns × rows | commit ms | open ms | proof KB | verify ms | bits |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (int budget : new int[] {1, 16, 64, 256}) {
            PolynomialCommitment pcs = budget == 1 ? new LigeroPcs(PcsParameters.DEFAULT)
                    : new ReusableLigeroPcs(PcsParameters.DEFAULT, budget);
            long[] commit = new long[RUNS];
            long[] open = new long[RUNS];
            long[] verify = new long[RUNS];
            int bytes = 0;
            LigeroLayout layout = null;
            for (int run = -1; run < RUNS; run++) { // run −1 warms up
                AesCtrRandom rng = AesCtrRandom.create();
                long t0 = System.nanoTime();
                LigeroProverData data = (LigeroProverData) pcs.commit(List.of(weights), rng);
                long t1 = System.nanoTime();
                Ext[] z = new Ext[17];
                Arrays.setAll(z, i -> Ext.random(r));
                List<Claim> claims = List.of(Claim.multilinear(0, z, Multilinear.evaluate(weights, z)));
                OpeningProof proof = pcs.open(data, claims, new Transcript("measure"), rng);
                long t2 = System.nanoTime();
                pcs.verify(data.commitment(), claims, proof, new Transcript("measure"));
                long t3 = System.nanoTime();
                if (run >= 0) {
                    commit[run] = t1 - t0;
                    open[run] = t2 - t1;
                    verify[run] = t3 - t2;
                }
                bytes = proof.sizeBytes();
                layout = data.layout;
            }
            System.out.printf("| %d | %d | 2^%d | %d × %d | %.0f | %.0f | %.0f | %.1f | %.1f |%n", budget,
                    layout.queries(), layout.logDomain(), layout.queries(), layout.totalRows(), median(commit),
                    median(open), bytes / 1024.0, median(verify), layout.soundnessBits());
        }
    }

    static double median(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[s.length / 2] / 1e6;
    }
}
