package org.zkml4j.backend.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.layer.DenseLayerWitness;
import org.zkml4j.backend.pcs.LigeroPcs;
import org.zkml4j.backend.pcs.PcsParameters;
import org.zkml4j.compiler.CompiledCircuit;
import org.zkml4j.compiler.IntegerExecutor;

/** Completeness, soundness and zero-knowledge smoke checks of {@link ZkInferenceProof}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrivateInputProofTest {
    final LigeroPcs pcs = new LigeroPcs(PcsParameters.DEFAULT);
    final SplittableRandom rng = new SplittableRandom(7);
    CompiledCircuit circuit;
    CompiledCircuit otherWeight;
    int[][] inputs;
    CircuitProof.Result result;

    @BeforeAll
    void setUp() {
        CircuitProofTest.Classifier pair = CircuitProofTest.classifier(rng, 3);
        circuit = pair.circuit();
        otherWeight = pair.otherWeight();
        IntegerExecutor exec = new IntegerExecutor(circuit);
        float[][] x = CircuitProofTest.samples(rng, 3, 12);
        inputs = new int[x.length][];
        for (int b = 0; b < x.length; b++) {
            inputs[b] = exec.quantizeInput(x[b]);
        }
        result = ZkInferenceProof.prove(circuit, inputs, 42, pcs, new SecureRandom());
    }

    @Test
    void honestProofVerifiesAndMatchesTheExecutor() throws InvalidProofException {
        IntegerExecutor exec = new IntegerExecutor(circuit);
        for (int b = 0; b < inputs.length; b++) {
            assertArrayEquals(exec.runQuantized(inputs[b]).logits(), result.outputs()[b]);
        }
        ZkInferenceProof.verify(circuit, result.outputs(), 42, result.proof(), pcs);
    }

    @Test
    void wrongOutputNonceOrModelIsRejected() {
        int[][] changed = copy(result.outputs());
        changed[1][0] += 1;
        assertThrows(InvalidProofException.class,
                () -> ZkInferenceProof.verify(circuit, changed, 42, result.proof(), pcs));
        assertThrows(InvalidProofException.class,
                () -> ZkInferenceProof.verify(circuit, result.outputs(), 43, result.proof(), pcs));
        assertThrows(InvalidProofException.class,
                () -> ZkInferenceProof.verify(otherWeight, result.outputs(), 42, result.proof(), pcs));
        int[][] fewer = {result.outputs()[0], result.outputs()[1]};
        assertThrows(InvalidProofException.class, () -> ZkInferenceProof.verify(circuit, fewer, 42, result.proof(), pcs));
    }

    @Test
    void aPublicInputProofIsNotAZkInferenceProof() {
        CircuitProof.Result pub = CircuitProof.prove(circuit, inputs, 42, pcs, new SecureRandom());
        assertThrows(InvalidProofException.class,
                () -> ZkInferenceProof.verify(circuit, pub.outputs(), 42, pub.proof(), pcs));
        assertThrows(InvalidProofException.class,
                () -> CircuitProof.verify(circuit, inputs, result.outputs(), 42, result.proof(), pcs));
    }

    @Test
    void outOfRangeInputIsRefusedAtProvingTime() {
        int[][] bad = copy(inputs);
        bad[0][3] = circuit.activationLimit() + 1;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ZkInferenceProof.prove(circuit, bad, 1, pcs, new SecureRandom()));
        assertFalse(e.getMessage().isEmpty());
    }

    /** Proves with a witness altered by {@code tamper} (the cheating provers), expects rejection. */
    void expectCheatRejected(java.util.function.Consumer<long[][]> tamper, String what, String reason) {
        CircuitProof.Result forged = ZkInferenceProof.prove(circuit, inputs, ZkMode.PRIVATE_INPUT, 42, pcs, new SecureRandom(),
                (v, classes) -> tamper.andThen(this::recount).accept(v));
        InvalidProofException e = assertThrows(InvalidProofException.class,
                () -> ZkInferenceProof.verify(circuit, forged.outputs(), 42, forged.proof(), pcs), what);
        assertTrue(e.getMessage().startsWith(reason), what + ": " + e.getMessage());
    }

    void recount(long[][] v) {
        CircuitProofTest.recount(v, new CircuitLayout(circuit, inputs.length, true, false));
    }

    /** Recomputes layer {@code l} (z, r, a) from its (possibly tampered) input. */
    void rerun(long[][] v, int l) {
        CircuitLayout layout = new CircuitLayout(circuit, inputs.length, true, false);
        DenseLayerWitness w = DenseLayerWitness.compute(layout.dense[l], v[CircuitLayout.input(l)]);
        v[CircuitLayout.z(l)] = w.z();
        v[CircuitLayout.r(l)] = w.r();
        v[CircuitLayout.a(l)] = activate(l, w.z());
    }

    long[] activate(int l, long[] z) {
        long[] a = new long[z.length];
        for (int e = 0; e < z.length; e++) {
            a[e] = Goldilocks.fromSigned(circuit.layers().get(l).activate(Goldilocks.toSigned(z[e])));
        }
        return a;
    }

    @Test
    void cheatingProverInsideTheComputationIsRejected() {
        int last = circuit.layers().size() - 1;
        long scale = 1L << circuit.layers().get(last).shift();
        // one hidden activation flipped, the rest of the network recomputed from it: only the
        // activation lookup is false, and the cheater balances the masked sums — the C2 claim
        // Σ U_h = Σ U_g catches it
        expectCheatRejected(v -> {
            v[CircuitLayout.a(0)][3] = Goldilocks.add(v[CircuitLayout.a(0)][3], 1);
            rerun(v, 1);
        }, "flipped activation", "zk-LogUp fraction opening");
        // one rounding skipped: z + 1 and r − 2^k keep the dense equation; the range lookup catches it
        expectCheatRejected(v -> {
            v[CircuitLayout.z(last)][1] = Goldilocks.add(v[CircuitLayout.z(last)][1], 1);
            v[CircuitLayout.r(last)][1] = Goldilocks.sub(v[CircuitLayout.r(last)][1], scale);
            v[CircuitLayout.a(last)] = activate(last, v[CircuitLayout.z(last)]);
        }, "skipped rounding", "zk-LogUp fraction opening");
        // a different weight: z off by one with consistent lookups; the dense sum is false
        expectCheatRejected(v -> {
            v[CircuitLayout.z(last)][0] = Goldilocks.add(v[CircuitLayout.z(last)][0], 1);
            v[CircuitLayout.a(last)] = activate(last, v[CircuitLayout.z(last)]);
        }, "different weight", "dense sumcheck");
        // an input outside [−Q, Q] (the network recomputed from it): the input range lookup
        expectCheatRejected(v -> {
            v[CircuitLayout.INPUT][2] = Goldilocks.fromSigned(circuit.activationLimit() + 5);
            rerun(v, 0);
            rerun(v, 1);
        }, "out-of-range input", "zk-LogUp fraction opening");
    }

    @Test
    void twoProofsOfTheSameStatementDiffer() {
        CircuitProof.Result again = ZkInferenceProof.prove(circuit, inputs, 42, pcs, new SecureRandom());
        assertArrayEquals(result.outputs(), again.outputs());
        assertFalse(java.util.Arrays.equals(result.proof(), again.proof()));
    }

    /**
     * The hidden input's encoding does not appear in the proof: no 8-byte window of the proof
     * equals the canonical encoding of any non-zero input row's first two values as field
     * elements (a plain-text leak would contain them), and no 16-byte run of the encoded input.
     */
    @Test
    void hiddenInputEncodingDoesNotAppearInTheProof() {
        byte[] proof = result.proof();
        for (int[] row : inputs) {
            byte[] enc = new byte[row.length * Goldilocks.BYTES];
            for (int j = 0; j < row.length; j++) {
                Goldilocks.encode(Goldilocks.fromSigned(row[j]), enc, j * Goldilocks.BYTES);
            }
            for (int start = 0; start + 16 <= enc.length; start += Goldilocks.BYTES) {
                assertFalse(contains(proof, java.util.Arrays.copyOfRange(enc, start, start + 16)),
                        "input bytes at " + start + " appear in the proof");
            }
        }
    }

    @Test
    void randomByteMutationsAreRejected() {
        SplittableRandom r = new SplittableRandom(3);
        byte[] proof = result.proof();
        for (int trial = 0; trial < 1000; trial++) {
            byte[] bad = proof.clone();
            int pos = r.nextInt(bad.length);
            bad[pos] ^= (byte) (1 + r.nextInt(255));
            try {
                ZkInferenceProof.verify(circuit, result.outputs(), 42, bad, pcs);
                fail("mutation at byte " + pos + " accepted");
            } catch (InvalidProofException expected) {
                // rejected with a reason
            }
        }
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        return new String(hay, java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains(new String(needle, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    private static int[][] copy(int[][] a) {
        int[][] out = new int[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
