package org.zkml4j.backend.inference;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.pcs.LigeroPcs;
import org.zkml4j.backend.pcs.PcsParameters;
import org.zkml4j.backend.random.AesCtrRandom;
import org.zkml4j.compiler.CircuitCompiler;
import org.zkml4j.compiler.CompiledCircuit;
import org.zkml4j.compiler.IntegerExecutor;
import org.zkml4j.compiler.QuantizationOptions;
import org.zkml4j.sdk.model.Activation;
import org.zkml4j.sdk.model.ModelGraph;
import org.zkml4j.sdk.model.Softmax;

/**
 * Timing harness (not a test: its name does not end in {@code Test}, so surefire only runs it when
 * asked): prove/verify time and proof size of {@link CircuitProof} for a random 784-128(ReLU)-10
 * MLP at batch 1 and 64. Run with
 * {@code mvn -B -q -o -pl proof-backend test -Dtest=CircuitProofBench -Dsurefire.failIfNoSpecifiedTests=false}.
 * Prints medians over {@code zkml4j.bench.runs} runs (default 9) after as many warm-up runs.
 */
class CircuitProofBench {
    @Test
    void mnistMlp() throws InvalidProofException {
        int runs = Integer.getInteger("zkml4j.bench.runs", 9);
        SplittableRandom rng = new SplittableRandom(2024);
        ModelGraph graph = ModelGraph.of(784, CircuitProofTest.dense(rng, 784, 128), Activation.relu(),
                CircuitProofTest.dense(rng, 128, 10), new Softmax());
        float[][] calibration = CircuitProofTest.samples(rng, 64, 784);
        CompiledCircuit circuit = CircuitCompiler.compile(graph, calibration, QuantizationOptions.defaults());
        LigeroPcs pcs = new LigeroPcs(PcsParameters.DEFAULT);
        IntegerExecutor exec = new IntegerExecutor(circuit);
        for (int batch : new int[] {1, 64}) {
            float[][] x = CircuitProofTest.samples(rng, batch, 784);
            int[][] inputs = new int[batch][];
            for (int b = 0; b < batch; b++) {
                inputs[b] = exec.quantizeInput(x[b]);
            }
            long[] prove = new long[runs];
            long[] verify = new long[runs];
            int size = 0;
            for (int i = -runs; i < runs; i++) { // negative i: warm-up
                long t0 = System.nanoTime();
                CircuitProof.Result r = CircuitProof.prove(circuit, inputs, i, pcs, AesCtrRandom.create());
                long t1 = System.nanoTime();
                CircuitProof.verify(circuit, inputs, r.outputs(), i, r.proof(), pcs);
                long t2 = System.nanoTime();
                if (i >= 0) {
                    prove[i] = t1 - t0;
                    verify[i] = t2 - t1;
                    size = r.proof().length;
                }
            }
            System.out.printf("BENCH 784-128-10 batch %2d: prove %7.1f ms, verify %6.1f ms (medians of %d), proof %,d bytes%n",
                    batch, median(prove) / 1e6, median(verify) / 1e6, runs, size);
        }
    }

    private static double median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }
}
