package org.zkml4j.backend.inference;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.pcs.LigeroPcs;
import org.zkml4j.backend.pcs.PcsParameters;
import org.zkml4j.compiler.CompiledCircuit;
import org.zkml4j.compiler.IntegerExecutor;

/**
 * {@link ZkInferenceProof} with COMMITTED inputs or outputs: the verifier holds published
 * {@link DataCommitment} bytes instead of the values. A 12-20-5 classifier on 3 (inputs) or 4
 * (outputs) rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommittedInputProofTest {
    final LigeroPcs pcs = new LigeroPcs(new PcsParameters(102));
    static final int ROWS = 16;
    CompiledCircuit circuit;
    int[][] inputs;
    int[][] otherInputs;
    DataCommitment owner;
    DataCommitment published;

    @BeforeAll
    void setUp() throws InvalidProofException {
        SplittableRandom rng = new SplittableRandom(17);
        circuit = CircuitProofTest.classifier(rng, 5).circuit();
        IntegerExecutor exec = new IntegerExecutor(circuit);
        // the batch a budget of 4 proofs needs (DataCommitment.inputBatch: 256 entries of 16 features)
        inputs = new int[ROWS][];
        otherInputs = new int[ROWS][];
        float[][] x = CircuitProofTest.samples(rng, 2 * ROWS, 12);
        for (int b = 0; b < ROWS; b++) {
            inputs[b] = exec.quantizeInput(x[b]);
            otherInputs[b] = exec.quantizeInput(x[b + ROWS]);
        }
        owner = DataCommitment.forInputs(circuit, inputs, CommittedWeightsProofTest.seed(4), 100, 4);
        published = DataCommitment.read(owner.toBytes(), 100);
    }

    ZkMode mode(boolean classes, DataCommitment c) {
        return new ZkMode(true, classes, null, c);
    }

    @Test
    void proofsVerifyAgainstThePublishedCommitmentOnly() throws InvalidProofException {
        CircuitProof.Result shown = ZkInferenceProof.prove(circuit, inputs, mode(false, owner), 3, pcs,
                new SecureRandom());
        ZkInferenceProof.verify(circuit, mode(false, published), null, shown.outputs(), null, 3, shown.proof(), pcs);
        CircuitProof.Result classes = ZkInferenceProof.prove(circuit, inputs, mode(true, owner), 3, pcs,
                new SecureRandom());
        IntegerExecutor exec = new IntegerExecutor(circuit);
        int[] c = new int[ROWS];
        for (int b = 0; b < ROWS; b++) {
            c[b] = exec.runQuantized(inputs[b]).predictedClass();
        }
        ZkInferenceProof.verify(circuit, mode(true, published), null, null, c, 3, classes.proof(), pcs);
        // the same proof is not a private-input proof (the commitment is bound), nor under another commitment
        assertThrows(InvalidProofException.class, () -> ZkInferenceProof.verify(circuit, ZkMode.PRIVATE_INPUT, null,
                shown.outputs(), null, 3, shown.proof(), pcs));
        DataCommitment other = DataCommitment.read(DataCommitment.forInputs(circuit, otherInputs,
                CommittedWeightsProofTest.seed(4), 100, 4).toBytes(), 100);
        assertThrows(InvalidProofException.class, () -> ZkInferenceProof.verify(circuit, mode(false, other), null,
                shown.outputs(), null, 3, shown.proof(), pcs));
        int[][] changed = shown.outputs().clone();
        changed[2] = changed[2].clone();
        changed[2][0] += 1;
        assertThrows(InvalidProofException.class, () -> ZkInferenceProof.verify(circuit, mode(false, published), null,
                changed, null, 3, shown.proof(), pcs));
        assertThrows(InvalidProofException.class, () -> ZkInferenceProof.verify(circuit, mode(false, published), null,
                shown.outputs(), null, 4, shown.proof(), pcs));
    }

    @Test
    void aProverCannotUseOtherInputsThanTheCommittedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ZkInferenceProof.prove(circuit, otherInputs, mode(false, owner), 3, pcs, new SecureRandom()));
        assertTrue(e.getMessage().contains("not the committed ones"), e.getMessage());
        // its own commitment to other inputs does not verify under the published one
        DataCommitment own = DataCommitment.forInputs(circuit, otherInputs, CommittedWeightsProofTest.seed(5), 100, 4);
        CircuitProof.Result forged = ZkInferenceProof.prove(circuit, otherInputs, mode(false, own), 3, pcs,
                new SecureRandom());
        assertThrows(InvalidProofException.class, () -> ZkInferenceProof.verify(circuit, mode(false, published), null,
                forged.outputs(), null, 3, forged.proof(), pcs));
    }

    @Test
    void malformedCommitmentsAndMutatedProofsAreRejected() {
        byte[] bytes = owner.toBytes();
        for (int cut = 0; cut < bytes.length; cut += 7) {
            byte[] truncated = java.util.Arrays.copyOf(bytes, cut);
            assertThrows(InvalidProofException.class, () -> DataCommitment.read(truncated, 100));
        }
        CircuitProof.Result p = ZkInferenceProof.prove(circuit, inputs, mode(false, owner), 3, pcs, new SecureRandom());
        SplittableRandom r = new SplittableRandom(2);
        for (int trial = 0; trial < 100; trial++) {
            byte[] bad = p.proof().clone();
            int pos = r.nextInt(bad.length);
            bad[pos] ^= (byte) (1 + r.nextInt(255));
            try {
                ZkInferenceProof.verify(circuit, mode(false, published), null, p.outputs(), null, 3, bad, pcs);
                fail("mutation at byte " + pos + " accepted");
            } catch (InvalidProofException expected) {
                // rejected with a reason
            }
        }
    }

    @Test
    void committedOutputs_proofBindsTheOutputsAndARevealCanBeChecked() throws InvalidProofException {
        IntegerExecutor exec = new IntegerExecutor(circuit);
        int[][] four = {inputs[0], inputs[1], inputs[2], otherInputs[0]};
        int[][] logits = new int[4][];
        for (int b = 0; b < 4; b++) {
            logits[b] = exec.runQuantized(four[b]).logits();
        }
        byte[] seed = CommittedWeightsProofTest.seed(6);
        DataCommitment outputs = DataCommitment.forOutputs(circuit, logits, seed, 100, 2);
        CircuitProof.Result p = ZkInferenceProof.prove(circuit, four, new ZkMode(true, false, null, null, outputs), 3,
                pcs, new SecureRandom());
        DataCommitment publishedOutputs = DataCommitment.read(outputs.toBytes(), 100);
        ZkMode mode = new ZkMode(true, false, null, null, publishedOutputs);
        ZkInferenceProof.verify(circuit, mode, null, null, null, 3, p.proof(), pcs);
        // whoever the prover reveals the outputs and the secret to re-creates the published bytes
        // from the structure alone
        org.junit.jupiter.api.Assertions.assertArrayEquals(outputs.toBytes(),
                DataCommitment.forOutputs(circuit.withholdParameters(), logits, seed, 100, 2).toBytes());
        // the proof is not valid for another output commitment, and a prover cannot commit other outputs
        int[][] lie = {logits[0], logits[1], logits[2], logits[3].clone()};
        lie[3][0] += 1;
        DataCommitment other = DataCommitment.forOutputs(circuit, lie, seed, 100, 2);
        assertThrows(InvalidProofException.class, () -> ZkInferenceProof.verify(circuit,
                new ZkMode(true, false, null, null, DataCommitment.read(other.toBytes(), 100)), null, null, null, 3,
                p.proof(), pcs));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ZkInferenceProof.prove(circuit,
                four, new ZkMode(true, false, null, null, other), 3, pcs, new SecureRandom()));
        assertTrue(e.getMessage().contains("not the committed ones"), e.getMessage());
        assertThrows(InvalidProofException.class, () -> ZkInferenceProof.verify(circuit, ZkMode.PRIVATE_INPUT, null,
                logits, null, 3, p.proof(), pcs));
        assertThrows(IllegalArgumentException.class, () -> DataCommitment.forOutputs(circuit, new int[][] {logits[0],
                logits[1], logits[2]}, seed, 100, 2));
    }
}
