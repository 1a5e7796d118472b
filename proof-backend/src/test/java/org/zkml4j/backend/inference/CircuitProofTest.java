package org.zkml4j.backend.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.layer.DenseLayer;
import org.zkml4j.backend.lookup.LogUp;
import org.zkml4j.backend.lookup.LogUpBatchProof;
import org.zkml4j.backend.pcs.LigeroPcs;
import org.zkml4j.backend.pcs.PcsParameters;
import org.zkml4j.compiler.CircuitCompiler;
import org.zkml4j.compiler.CompiledCircuit;
import org.zkml4j.compiler.IntegerExecutor;
import org.zkml4j.compiler.QuantizationOptions;
import org.zkml4j.sdk.model.Activation;
import org.zkml4j.sdk.model.Dense;
import org.zkml4j.sdk.model.ModelGraph;
import org.zkml4j.sdk.model.Softmax;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CircuitProofTest {
    final LigeroPcs pcs = new LigeroPcs(PcsParameters.DEFAULT);
    final SplittableRandom rng = new SplittableRandom(99);
    CompiledCircuit circuit;
    CompiledCircuit otherWeight;
    int[][] inputs;
    CircuitProof.Result result;

    static Dense dense(SplittableRandom rng, int in, int out) {
        float[][] w = new float[out][in];
        float[] b = new float[out];
        for (int i = 0; i < out; i++) {
            for (int j = 0; j < in; j++) {
                w[i][j] = (float) rng.nextGaussian() / (float) Math.sqrt(in);
            }
            b[i] = (float) rng.nextGaussian() * 0.1f;
        }
        return new Dense(w, b);
    }

    static float[][] samples(SplittableRandom rng, int rows, int size) {
        float[][] x = new float[rows][size];
        for (float[] row : x) {
            for (int j = 0; j < size; j++) {
                row[j] = (float) rng.nextGaussian();
            }
        }
        return x;
    }

    @BeforeAll
    void setUp() {
        Dense first = dense(rng, 12, 20);
        Dense second = dense(rng, 20, 3);
        ModelGraph graph = ModelGraph.of(12, first, Activation.relu(), second, new Softmax());
        float[][] calibration = samples(rng, 64, 12);
        circuit = CircuitCompiler.compile(graph, calibration, QuantizationOptions.defaults());
        float[][] w = new float[3][20];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 20; j++) {
                w[i][j] = second.weight(i, j);
            }
        }
        w[1][7] += 0.25f;
        otherWeight = CircuitCompiler.compile(ModelGraph.of(12, first, Activation.relu(),
                new Dense(w, second.bias()), new Softmax()), calibration, QuantizationOptions.defaults());
        IntegerExecutor exec = new IntegerExecutor(circuit);
        float[][] x = samples(rng, 3, 12);
        inputs = new int[x.length][];
        for (int b = 0; b < x.length; b++) {
            inputs[b] = exec.quantizeInput(x[b]);
        }
        result = CircuitProof.prove(circuit, inputs, 42, pcs, rng);
    }

    @Test
    void prove_outputsEqualTheReferenceExecutorAndVerify() throws InvalidProofException {
        IntegerExecutor exec = new IntegerExecutor(circuit);
        for (int b = 0; b < inputs.length; b++) {
            assertArrayEquals(exec.runQuantized(inputs[b]).logits(), result.outputs()[b]);
        }
        CircuitProof.verify(circuit, inputs, result.outputs(), 42, result.proof(), pcs);
    }

    @Test
    void verify_outputChangedByOneUnitRejected() {
        for (int b = 0; b < inputs.length; b++) {
            for (int i = 0; i < result.outputs()[b].length; i++) {
                int[][] wrong = copy(result.outputs());
                wrong[b][i] += wrong[b][i] < circuit.activationLimit() ? 1 : -1;
                assertThrows(InvalidProofException.class,
                        () -> CircuitProof.verify(circuit, inputs, wrong, 42, result.proof(), pcs));
            }
        }
    }

    @Test
    void verify_otherNonceInputOrModelRejected() {
        assertThrows(InvalidProofException.class,
                () -> CircuitProof.verify(circuit, inputs, result.outputs(), 43, result.proof(), pcs));
        int[][] otherInput = copy(inputs);
        otherInput[0][5] = otherInput[0][5] == 0 ? 1 : 0;
        assertThrows(InvalidProofException.class,
                () -> CircuitProof.verify(circuit, otherInput, result.outputs(), 42, result.proof(), pcs));
        int[][] swapped = {inputs[1], inputs[0], inputs[2]};
        int[][] swappedOut = {result.outputs()[1], result.outputs()[0], result.outputs()[2]};
        assertThrows(InvalidProofException.class,
                () -> CircuitProof.verify(circuit, swapped, swappedOut, 42, result.proof(), pcs));
        assertThrows(InvalidProofException.class,
                () -> CircuitProof.verify(otherWeight, inputs, result.outputs(), 42, result.proof(), pcs));
    }

    @Test
    void verify_thousandRandomByteMutationsRejectedWithoutCrash() {
        byte[] bytes = result.proof();
        SplittableRandom r = new SplittableRandom(5);
        for (int trial = 0; trial < 1000; trial++) {
            byte[] bad = bytes.clone();
            int at = r.nextInt(bad.length);
            bad[at] ^= (byte) (1 + r.nextInt(255));
            try {
                CircuitProof.verify(circuit, inputs, result.outputs(), 42, bad, pcs);
                fail("accepted a proof with byte " + at + " changed");
            } catch (InvalidProofException expected) {
                // rejected
            }
        }
        assertThrows(InvalidProofException.class, () -> CircuitProof.verify(circuit, inputs, result.outputs(), 42,
                java.util.Arrays.copyOf(bytes, bytes.length / 2), pcs));
    }

    /** Proves with a witness altered by {@code tamper} (the cheating provers), expects rejection. */
    void expectCheatRejected(java.util.function.Consumer<long[][]> tamper, String what, String reason) {
        CircuitProof.Result forged = CircuitProof.prove(circuit, inputs, 42, pcs, rng, tamper.andThen(this::recount));
        InvalidProofException e = assertThrows(InvalidProofException.class,
                () -> CircuitProof.verify(circuit, inputs, forged.outputs(), 42, forged.proof(), pcs), what);
        assertTrue(e.getMessage().startsWith(reason), what + ": " + e.getMessage());
    }

    /** The cheater keeps multiplicities consistent with its tampered witness wherever rows stay in the tables. */
    void recount(long[][] v) {
        recount(v, new CircuitLayout(circuit, inputs.length));
    }

    /** As above for any layout (public or private input). */
    /** A 12-20-k ReLU classifier and its twin whose last layer has one weight changed by 0.25. */
    record Classifier(CompiledCircuit circuit, CompiledCircuit otherWeight) {}

    static Classifier classifier(SplittableRandom rng, int outputs) {
        Dense first = dense(rng, 12, 20);
        Dense second = dense(rng, 20, outputs);
        float[][] calibration = samples(rng, 64, 12);
        float[][] w = new float[outputs][20];
        for (int i = 0; i < outputs; i++) {
            for (int j = 0; j < 20; j++) {
                w[i][j] = second.weight(i, j);
            }
        }
        w[2][5] += 0.25f;
        return new Classifier(
                CircuitCompiler.compile(ModelGraph.of(12, first, Activation.relu(), second, new Softmax()), calibration,
                        QuantizationOptions.defaults()),
                CircuitCompiler.compile(ModelGraph.of(12, first, Activation.relu(), new Dense(w, second.bias()),
                        new Softmax()), calibration, QuantizationOptions.defaults()));
    }

    static void recount(long[][] v, CircuitLayout layout) {
        for (int l = 0; l < layout.layerCount(); l++) {
            recount(v, CircuitLayout.activationMultiplicities(l), layout.activationTables[l], v[CircuitLayout.z(l)],
                    v[CircuitLayout.a(l)]);
            recount(v, CircuitLayout.rangeMultiplicities(l), layout.rangeTables[l], v[CircuitLayout.r(l)]);
        }
    }

    static void recount(long[][] v, int target, org.zkml4j.backend.lookup.LookupTable table, long[]... columns) {
        try {
            v[target] = org.zkml4j.backend.lookup.LogUp.multiplicities(columns, table);
        } catch (IllegalArgumentException rowOutsideTable) {
            // keep the honest counts: no multiplicities make this witness look right
        }
    }

    @Test
    void verify_cheatingProverInsideTheComputationRejected() {
        int last = circuit.layers().size() - 1;
        long scale = 1L << circuit.layers().get(last).shift();
        // lookups in the batch: activation(0), range(0), activation(1), range(1)
        // one hidden activation flipped: the next layer's relation no longer holds, and the dense
        // layer proves no sum but the public one
        expectCheatRejected(v -> v[CircuitLayout.a(0)][3] = org.zkml4j.backend.field.Goldilocks.add(
                v[CircuitLayout.a(0)][3], 1), "flipped activation", "dense sumcheck");
        // one rounding skipped: z + 1 and r − 2^k keep the dense equation; the range lookup catches it
        expectCheatRejected(v -> {
            v[CircuitLayout.z(last)][1] = org.zkml4j.backend.field.Goldilocks.add(v[CircuitLayout.z(last)][1], 1);
            v[CircuitLayout.r(last)][1] = org.zkml4j.backend.field.Goldilocks.sub(v[CircuitLayout.r(last)][1], scale);
            v[CircuitLayout.a(last)][1] = org.zkml4j.backend.field.Goldilocks.fromSigned(circuit.layers().get(last)
                    .activate(org.zkml4j.backend.field.Goldilocks.toSigned(v[CircuitLayout.z(last)][1])));
        }, "skipped rounding", "LogUp instance 3 ");
        // a different weight: z off by one, r and the lookups consistent; the dense relation fails
        expectCheatRejected(v -> {
            v[CircuitLayout.z(last)][0] = org.zkml4j.backend.field.Goldilocks.add(v[CircuitLayout.z(last)][0], 1);
            v[CircuitLayout.a(last)][0] = org.zkml4j.backend.field.Goldilocks.fromSigned(circuit.layers().get(last)
                    .activate(org.zkml4j.backend.field.Goldilocks.toSigned(v[CircuitLayout.z(last)][0])));
        }, "different weight", "dense sumcheck");
    }

    @Test
    void prove_twoProofsOfTheSameStatementDiffer() throws InvalidProofException {
        CircuitProof.Result again = CircuitProof.prove(circuit, inputs, 42, pcs, rng);
        assertArrayEquals(result.outputs(), again.outputs());
        assertTrue(!java.util.Arrays.equals(result.proof(), again.proof()));
        CircuitProof.verify(circuit, inputs, again.outputs(), 42, again.proof(), pcs);
    }

    @Test
    void prove_inputOutsideTheQuantizedRangeIsAClearError() {
        int[][] bad = copy(inputs);
        bad[0][0] = circuit.activationLimit() + 1;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CircuitProof.prove(circuit, bad, 1, pcs, rng));
        assertTrue(e.getMessage().contains("input 0 value 0 is outside"), e.getMessage());
    }

    /** [start, end) of the batched lookup proof in a proof's bytes, after C1 and the dense proofs. */
    private int[] lookupBatchRange(byte[] proof) throws InvalidProofException {
        CircuitLayout layout = new CircuitLayout(circuit, inputs.length);
        ProofReader in = new ProofReader(proof);
        pcs.readCommitment(in);
        for (int l = 0; l < layout.layerCount(); l++) {
            DenseLayer.readProof(in, layout.dense[l], org.zkml4j.backend.sumcheck.Hiding.NONE);
        }
        int start = proof.length - in.remaining();
        LogUpBatchProof batch = LogUp.readAll(in, layout.lookups(), pcs);
        assertEquals(2 * layout.layerCount(), batch.instanceCount());
        assertEquals(2 * 2 * layout.layerCount(), batch.fractionCommitment().vectorCount()); // one C2 for all
        return new int[] {start, proof.length - in.remaining()};
    }

    @Test
    void proofLayout_oneLookupBatchForAllLayers_notTransplantable() throws InvalidProofException {
        int[] mine = lookupBatchRange(result.proof());
        CircuitProof.Result other = CircuitProof.prove(circuit, inputs, 42, pcs, rng); // same statement
        CircuitProof.verify(circuit, inputs, other.outputs(), 42, other.proof(), pcs);
        int[] theirs = lookupBatchRange(other.proof());
        byte[] a = result.proof();
        byte[] b = other.proof();
        java.io.ByteArrayOutputStream spliced = new java.io.ByteArrayOutputStream();
        spliced.write(a, 0, mine[0]);
        spliced.write(b, theirs[0], theirs[1] - theirs[0]);
        spliced.write(a, mine[1], a.length - mine[1]);
        assertThrows(InvalidProofException.class,
                () -> CircuitProof.verify(circuit, inputs, result.outputs(), 42, spliced.toByteArray(), pcs));
    }

    static int[][] copy(int[][] a) {
        int[][] c = new int[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
