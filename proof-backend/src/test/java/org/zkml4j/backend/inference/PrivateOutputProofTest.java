package org.zkml4j.backend.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.layer.ZkArgmax;
import org.zkml4j.backend.pcs.LigeroPcs;
import org.zkml4j.backend.pcs.PcsParameters;
import org.zkml4j.compiler.CircuitCompiler;
import org.zkml4j.compiler.CompiledCircuit;
import org.zkml4j.compiler.IntegerExecutor;
import org.zkml4j.compiler.QuantizationOptions;
import org.zkml4j.sdk.Logits;
import org.zkml4j.sdk.model.ModelGraph;

/**
 * {@link ZkInferenceProof#proveClasses}: PRIVATE input and outputs, public classes. A 12-20-5
 * classifier on a batch of 3 (one padding row).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrivateOutputProofTest {
    final LigeroPcs pcs = new LigeroPcs(PcsParameters.DEFAULT);
    CompiledCircuit circuit;
    CompiledCircuit otherWeight;
    int[][] inputs;
    int[] classes;
    CircuitProof.Result result;

    @BeforeAll
    void setUp() {
        SplittableRandom rng = new SplittableRandom(11);
        CircuitProofTest.Classifier pair = CircuitProofTest.classifier(rng, 5);
        circuit = pair.circuit();
        otherWeight = pair.otherWeight();
        IntegerExecutor exec = new IntegerExecutor(circuit);
        float[][] x = CircuitProofTest.samples(rng, 3, 12);
        inputs = new int[x.length][];
        classes = new int[x.length];
        for (int b = 0; b < x.length; b++) {
            inputs[b] = exec.quantizeInput(x[b]);
            classes[b] = exec.runQuantized(inputs[b]).predictedClass();
        }
        result = ZkInferenceProof.proveClasses(circuit, inputs, 42, pcs, new SecureRandom());
    }

    @Test
    void honestProofVerifiesForTheExecutorsClasses() throws InvalidProofException {
        IntegerExecutor exec = new IntegerExecutor(circuit);
        for (int b = 0; b < inputs.length; b++) {
            assertArrayEquals(exec.runQuantized(inputs[b]).logits(), result.outputs()[b]);
        }
        ZkInferenceProof.verifyClasses(circuit, classes, 42, result.proof(), pcs);
    }

    @Test
    void otherClassNonceModelOrRowCountIsRejected() {
        for (int b = 0; b < classes.length; b++) {
            int[] changed = classes.clone();
            changed[b] = (changed[b] + 1) % 5;
            assertThrows(InvalidProofException.class,
                    () -> ZkInferenceProof.verifyClasses(circuit, changed, 42, result.proof(), pcs), "row " + b);
        }
        assertThrows(InvalidProofException.class,
                () -> ZkInferenceProof.verifyClasses(circuit, classes, 43, result.proof(), pcs));
        assertThrows(InvalidProofException.class,
                () -> ZkInferenceProof.verifyClasses(otherWeight, classes, 42, result.proof(), pcs));
        int[] fewer = {classes[0], classes[1]};
        assertThrows(InvalidProofException.class,
                () -> ZkInferenceProof.verifyClasses(circuit, fewer, 42, result.proof(), pcs));
        InvalidProofException e = assertThrows(InvalidProofException.class,
                () -> ZkInferenceProof.verifyClasses(circuit, new int[] {0, 7, 1}, 42, result.proof(), pcs));
        assertTrue(e.getMessage().startsWith("statement does not fit the circuit"), e.getMessage());
    }

    @Test
    void publicOutputProofsAndClassProofsAreNotInterchangeable() {
        CircuitProof.Result logits = ZkInferenceProof.prove(circuit, inputs, 42, pcs, new SecureRandom());
        assertThrows(InvalidProofException.class,
                () -> ZkInferenceProof.verifyClasses(circuit, classes, 42, logits.proof(), pcs));
        assertThrows(InvalidProofException.class,
                () -> ZkInferenceProof.verify(circuit, result.outputs(), 42, result.proof(), pcs));
    }

    @Test
    void aRegressorOrAPublicInputCannotHaveHiddenOutputs() {
        CompiledCircuit regressor = CircuitCompiler.compile(
                ModelGraph.of(12, CircuitProofTest.dense(new SplittableRandom(1), 12, 2)),
                CircuitProofTest.samples(new SplittableRandom(2), 16, 12), QuantizationOptions.defaults());
        assertThrows(IllegalArgumentException.class, () -> ZkInferenceProof.proveClasses(regressor,
                new int[1][12], 1, pcs, new SecureRandom()));
        assertThrows(IllegalArgumentException.class, () -> new CircuitLayout(circuit, 1, false, true));
    }

    /** Proves with the witness and classes altered by {@code tamper}, expects rejection for the altered classes. */
    void expectCheatRejected(BiConsumer<long[][], int[]> tamper, String what, String reason) {
        int[][] claimed = new int[1][];
        CircuitProof.Result forged = ZkInferenceProof.prove(circuit, inputs, ZkMode.PRIVATE_INPUT_AND_OUTPUTS, 42, pcs, new SecureRandom(),
                (v, c) -> {
                    tamper.accept(v, c);
                    claimed[0] = c.clone();
                });
        InvalidProofException e = assertThrows(InvalidProofException.class,
                () -> ZkInferenceProof.verifyClasses(circuit, claimed[0], 42, forged.proof(), pcs), what);
        assertTrue(e.getMessage().startsWith(reason), what + ": " + e.getMessage());
    }

    /** The margins for {@code c} as an honest prover would compute them, with their multiplicities. */
    void remargin(long[][] v, int[] c) {
        CircuitLayout layout = new CircuitLayout(circuit, inputs.length, true, true);
        v[layout.margins()] = ZkArgmax.margins(layout.argmax(c), v[layout.output()]);
        CircuitProofTest.recount(v, layout.marginMultiplicities(), layout.marginLookup.table(), v[layout.margins()]);
    }

    @Test
    void cheatingProverIsRejected() {
        // a false class with its true margins: one is negative, the margin range lookup catches it
        expectCheatRejected((v, c) -> {
            c[0] = (c[0] + 1) % 5;
            remargin(v, c);
        }, "false class", "zk-LogUp fraction opening");
        // a false class with made-up margins in range (all −Q … all zero): the argmax sumcheck
        expectCheatRejected((v, c) -> {
            c[1] = (c[1] + 2) % 5;
            CircuitLayout layout = new CircuitLayout(circuit, inputs.length, true, true);
            v[layout.margins()] = new long[v[layout.margins()].length];
            CircuitProofTest.recount(v, layout.marginMultiplicities(), layout.marginLookup.table(),
                    v[layout.margins()]);
        }, "made-up margins", "argmax sumcheck");
        // a logit raised so another class wins, margins honest for it: the activation lookup of
        // the last layer no longer holds
        expectCheatRejected((v, c) -> {
            CircuitLayout layout = new CircuitLayout(circuit, inputs.length, true, true);
            int m = layout.outputWidth(), other = (c[2] + 1) % 5;
            v[layout.output()][2 * m + other] = Goldilocks.fromSigned(circuit.activationLimit());
            c[2] = other;
            remargin(v, c);
        }, "raised logit", "zk-LogUp fraction opening");
    }

    @Test
    void twoProofsDifferAndTheLogitsDoNotAppearInTheProof() {
        CircuitProof.Result again = ZkInferenceProof.proveClasses(circuit, inputs, 42, pcs, new SecureRandom());
        assertFalse(java.util.Arrays.equals(result.proof(), again.proof()));
        String proof = new String(result.proof(), java.nio.charset.StandardCharsets.ISO_8859_1);
        for (int[] row : result.outputs()) {
            byte[] enc = new byte[row.length * Goldilocks.BYTES];
            for (int j = 0; j < row.length; j++) {
                Goldilocks.encode(Goldilocks.fromSigned(row[j]), enc, j * Goldilocks.BYTES);
            }
            for (int start = 0; start + 16 <= enc.length; start += Goldilocks.BYTES) {
                String run = new String(java.util.Arrays.copyOfRange(enc, start, start + 16),
                        java.nio.charset.StandardCharsets.ISO_8859_1);
                assertFalse(proof.contains(run), "logits at " + start + " appear in the proof");
            }
        }
    }

    @Test
    void randomByteMutationsAreRejected() {
        SplittableRandom r = new SplittableRandom(5);
        byte[] proof = result.proof();
        for (int trial = 0; trial < 200; trial++) {
            byte[] bad = proof.clone();
            int pos = r.nextInt(bad.length);
            bad[pos] ^= (byte) (1 + r.nextInt(255));
            try {
                ZkInferenceProof.verifyClasses(circuit, classes, 42, bad, pcs);
                fail("mutation at byte " + pos + " accepted");
            } catch (InvalidProofException expected) {
                // rejected with a reason
            }
        }
    }
}
