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
import org.zkml4j.backend.layer.DenseLayer;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;
import org.zkml4j.backend.pcs.LigeroPcs;
import org.zkml4j.backend.pcs.PcsParameters;
import org.zkml4j.compiler.CompiledCircuit;
import org.zkml4j.compiler.IntegerExecutor;

/**
 * {@link ZkInferenceProof} with COMMITTED weights: the verifier holds only the structure-only
 * circuit and the {@link ModelCommitment}. A 12-20-5 classifier on batches of 4 (public outputs) or
 * 3 (classes).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommittedWeightsProofTest {
    final LigeroPcs pcs = new LigeroPcs(new PcsParameters(102));
    CompiledCircuit circuit;
    CompiledCircuit otherWeight;
    CompiledCircuit structure;
    ModelCommitment model;
    ModelCommitment verifierModel;
    int[][] inputs;

    @BeforeAll
    void setUp() throws InvalidProofException {
        SplittableRandom rng = new SplittableRandom(13);
        CircuitProofTest.Classifier pair = CircuitProofTest.classifier(rng, 5);
        circuit = pair.circuit();
        otherWeight = pair.otherWeight();
        structure = circuit.withholdParameters();
        model = ModelCommitment.commit(circuit, seed(1), 100, 64, 0);
        verifierModel = verifierView(model);
        IntegerExecutor exec = new IntegerExecutor(circuit);
        float[][] x = CircuitProofTest.samples(rng, 4, 12);
        inputs = new int[x.length][];
        for (int b = 0; b < x.length; b++) {
            inputs[b] = exec.quantizeInput(x[b]);
        }
    }

    static byte[] seed(int v) {
        byte[] s = new byte[ModelCommitment.SEED_BYTES];
        s[0] = (byte) v;
        return s;
    }

    /** What a verifier reads from the key: the commitment alone. */
    static ModelCommitment verifierView(ModelCommitment m) throws InvalidProofException {
        ProofWriter out = new ProofWriter();
        m.writeTo(out);
        return ModelCommitment.read(new ProofReader(out.toByteArray()), 100);
    }

    CircuitProof.Result prove(boolean privateInput, boolean privateOutputs, int[][] rows) {
        return ZkInferenceProof.prove(circuit, rows, new ZkMode(privateInput, privateOutputs, model), 9, pcs,
                new SecureRandom());
    }

    void verify(boolean privateInput, int[][] in, int[][] outputs, int[] classes, long nonce, byte[] proof,
            ModelCommitment m) throws InvalidProofException {
        ZkInferenceProof.verify(structure, new ZkMode(privateInput, classes != null, m), privateInput ? null : in,
                outputs, classes, nonce, proof, pcs);
    }

    @Test
    void everyVisibilityVerifiesAgainstTheStructureAndTheCommitmentAlone() throws InvalidProofException {
        IntegerExecutor exec = new IntegerExecutor(circuit);
        int[] classes = new int[3];
        for (int b = 0; b < 3; b++) {
            classes[b] = exec.runQuantized(inputs[b]).predictedClass();
        }
        int[][] three = {inputs[0], inputs[1], inputs[2]};
        for (boolean privateInput : new boolean[] {false, true}) {
            CircuitProof.Result shown = prove(privateInput, false, inputs);
            for (int b = 0; b < inputs.length; b++) {
                assertArrayEquals(exec.runQuantized(inputs[b]).logits(), shown.outputs()[b]);
            }
            verify(privateInput, inputs, shown.outputs(), null, 9, shown.proof(), verifierModel);
            CircuitProof.Result hidden = prove(privateInput, true, three);
            verify(privateInput, three, null, classes, 9, hidden.proof(), verifierModel);
        }
    }

    @Test
    void otherOutputInputNonceCommitmentOrModeIsRejected() throws InvalidProofException {
        CircuitProof.Result p = prove(false, false, inputs);
        int[][] changed = copy(p.outputs());
        changed[3][1] += 1;
        assertThrows(InvalidProofException.class, () -> verify(false, inputs, changed, null, 9, p.proof(), verifierModel));
        int[][] otherInput = copy(inputs);
        otherInput[0][0] = otherInput[0][0] == 0 ? 1 : 0;
        assertThrows(InvalidProofException.class,
                () -> verify(false, otherInput, p.outputs(), null, 9, p.proof(), verifierModel));
        assertThrows(InvalidProofException.class,
                () -> verify(false, inputs, p.outputs(), null, 10, p.proof(), verifierModel));
        ModelCommitment sameWeightsOtherSeed = verifierView(ModelCommitment.commit(circuit, seed(2), 100, 64, 0));
        assertThrows(InvalidProofException.class,
                () -> verify(false, inputs, p.outputs(), null, 9, p.proof(), sameWeightsOtherSeed));
        ModelCommitment otherWeights = verifierView(ModelCommitment.commit(otherWeight, seed(1), 100, 64, 0));
        assertThrows(InvalidProofException.class,
                () -> verify(false, inputs, p.outputs(), null, 9, p.proof(), otherWeights));
        // a proof with public weights is not a proof with committed ones
        CircuitProof.Result pub = ZkInferenceProof.prove(circuit, inputs, ZkMode.PRIVATE_INPUT, 9, pcs,
                new SecureRandom());
        assertThrows(InvalidProofException.class, () -> verify(true, inputs, pub.outputs(), null, 9, pub.proof(),
                verifierModel));
    }

    @Test
    void cheatingProverInsideTheComputationIsRejected() {
        int last = circuit.layers().size() - 1;
        // a different weight: z off by one with a consistent activation; the dense sum is false
        CircuitProof.Result forged = ZkInferenceProof.prove(circuit, inputs, new ZkMode(false, false, model), 9, pcs,
                new SecureRandom(), (v, c) -> {
                    v[CircuitLayout.z(last)][0] = Goldilocks.add(v[CircuitLayout.z(last)][0], 1);
                    v[CircuitLayout.a(last)][0] = Goldilocks.fromSigned(
                            circuit.layers().get(last).activate(Goldilocks.toSigned(v[CircuitLayout.z(last)][0])));
                    CircuitProofTest.recount(v, new CircuitLayout(circuit, inputs.length, false, false));
                });
        InvalidProofException e = assertThrows(InvalidProofException.class,
                () -> verify(false, inputs, forged.outputs(), null, 9, forged.proof(), verifierModel));
        assertTrue(e.getMessage().startsWith("dense sumcheck"), e.getMessage());
    }

    @Test
    void publicOutputsNeedAPowerOfTwoBatch() {
        int[][] three = {inputs[0], inputs[1], inputs[2]};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> prove(false, false, three));
        assertTrue(e.getMessage().contains("power of two"), e.getMessage());
        CircuitProof.Result p = prove(false, false, inputs);
        int[][] outputs = {p.outputs()[0], p.outputs()[1], p.outputs()[2]};
        assertThrows(InvalidProofException.class, () -> verify(false, three, outputs, null, 9, p.proof(), verifierModel));
    }

    @Test
    void theBudgetIsEnforcedAndResumable() throws InvalidProofException {
        // slot 0 holds the padding certificate: a budget of 3 leaves two proofs
        ModelCommitment small = ModelCommitment.commit(circuit, seed(3), 100, 3, 0);
        assertEquals(1, small.nextSlot());
        ZkMode mode = new ZkMode(false, false, small);
        ZkInferenceProof.prove(circuit, inputs, mode, 1, pcs, new SecureRandom());
        ZkInferenceProof.prove(circuit, inputs, mode, 2, pcs, new SecureRandom());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ZkInferenceProof.prove(circuit, inputs, mode, 3, pcs, new SecureRandom()));
        assertTrue(e.getMessage().contains("budget of 3"), e.getMessage());
        // resuming from a saved counter: the same commitment and certificate, the next slot
        ModelCommitment resumed = ModelCommitment.commit(circuit, seed(3), 100, 3, 2);
        assertEquals(2, resumed.nextSlot());
        org.junit.jupiter.api.Assertions.assertArrayEquals(small.certificate(), resumed.certificate());
        CircuitProof.Result p = ZkInferenceProof.prove(circuit, inputs, new ZkMode(false, false, resumed), 4, pcs,
                new SecureRandom());
        verify(false, inputs, p.outputs(), null, 4, p.proof(), verifierView(small));
    }

    @Test
    void randomByteMutationsAreRejectedAndNoWeightsAppearInTheProof() {
        CircuitProof.Result p = prove(false, false, inputs);
        SplittableRandom r = new SplittableRandom(8);
        for (int trial = 0; trial < 200; trial++) {
            byte[] bad = p.proof().clone();
            int pos = r.nextInt(bad.length);
            bad[pos] ^= (byte) (1 + r.nextInt(255));
            try {
                verify(false, inputs, p.outputs(), null, 9, bad, verifierModel);
                fail("mutation at byte " + pos + " accepted");
            } catch (InvalidProofException expected) {
                // rejected with a reason
            }
        }
        String proof = new String(p.proof(), java.nio.charset.StandardCharsets.ISO_8859_1);
        long[] weights = new CircuitLayout(circuit, 1).dense[0].weights();
        byte[] enc = new byte[weights.length * Goldilocks.BYTES];
        for (int j = 0; j < weights.length; j++) {
            Goldilocks.encode(weights[j], enc, j * Goldilocks.BYTES);
        }
        int checked = 0;
        for (int j = 0; j + 1 < weights.length; j++) {
            if (Math.abs(Goldilocks.toSigned(weights[j])) < 16 || Math.abs(Goldilocks.toSigned(weights[j + 1])) < 16) {
                continue; // small values could coincide with lengths and counters
            }
            checked++;
            String run = new String(java.util.Arrays.copyOfRange(enc, j * Goldilocks.BYTES, (j + 2) * Goldilocks.BYTES),
                    java.nio.charset.StandardCharsets.ISO_8859_1);
            assertFalse(proof.contains(run), "weights " + j + ", " + (j + 1) + " appear in the proof");
        }
        assertTrue(checked > 20, "only " + checked + " weight pairs checked");
    }

    @Test
    void concurrentProofsTakeDistinctSlots() throws Exception {
        ModelCommitment shared = ModelCommitment.commit(circuit, seed(9), 100, 8, 0);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<CircuitProof.Result>> proofs = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                proofs.add(pool.submit(() -> ZkInferenceProof.prove(circuit, inputs, new ZkMode(false, false, shared),
                        9, pcs, new SecureRandom())));
            }
            ModelCommitment view = verifierView(shared);
            for (java.util.concurrent.Future<CircuitProof.Result> f : proofs) {
                CircuitProof.Result p = f.get();
                verify(false, inputs, p.outputs(), null, 9, p.proof(), view);
            }
            assertEquals(7, shared.nextSlot());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aModelCommitmentWithWeightsInItsPaddingGetsNoCertificate() throws InvalidProofException {
        // layer 0 is 20 × 12, padded to 32 × 16: a weight in padding column 13 would read a padded
        // input, invisible to the dense relation; the padding certificate is what catches it
        ModelCommitment honest = ModelCommitment.commit(circuit, seed(11), 100, 8, 0);
        ModelCommitment.certified(new ProofReader(certifiedBytes(honest, honest.certificate())), structure, 100);
        DenseLayer.CommittedWeights[] layers = {honest.layer(0), honest.layer(1)};
        long[] w = layers[0].weights2().clone();
        w[3 * 16 + 13] = Goldilocks.fromSigned(7);
        layers[0] = new DenseLayer.CommittedWeights(w, layers[0].bias2());
        ModelCommitment padded = ModelCommitment.of(layers, new SplittableRandom(2), 100, 8, 0);
        assertThrows(IllegalArgumentException.class,
                () -> PaddingCertificate.prove(circuit, padded, 100, new SecureRandom()));
        byte[] forged = PaddingCertificate.proveUnsafe(circuit, padded, 100, new SecureRandom());
        InvalidProofException e = assertThrows(InvalidProofException.class, () -> ModelCommitment.certified(
                new ProofReader(certifiedBytes(padded, forged)), structure, 100));
        assertTrue(e.getMessage().startsWith("padding sumcheck"), e.getMessage());
        // nor does another commitment's certificate fit
        assertThrows(InvalidProofException.class, () -> ModelCommitment.certified(
                new ProofReader(certifiedBytes(padded, honest.certificate())), structure, 100));
    }

    private static byte[] certifiedBytes(ModelCommitment m, byte[] certificate) {
        ProofWriter out = new ProofWriter();
        m.writeTo(out);
        out.writeBlock(certificate);
        return out.toByteArray();
    }

    private static int[][] copy(int[][] a) {
        int[][] out = new int[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
