package org.zkml4j.backend.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.pcs.HidingLedger;
import org.zkml4j.backend.pcs.LigeroPcs;
import org.zkml4j.backend.pcs.PcsParameters;
import org.zkml4j.compiler.CompiledCircuit;
import org.zkml4j.compiler.IntegerExecutor;

/**
 * The hiding ledger against every proof kind, on the smallest shapes: a 1-feature input, a width-2
 * hidden layer and a 2-class head at batch 1. Each proof is tallied from what its verifier saw; every
 * hidden vector must be revealed no more than the layout was sized for, and the whole proof's
 * simulation bound must stay below 2^−105.
 */
class HidingLedgerProofTest {
    final LigeroPcs pcs = new LigeroPcs(PcsParameters.forOpenings(100, 6));
    final SplittableRandom rng = new SplittableRandom(9);
    final CompiledCircuit circuit = HidingAttackTest.compile(rng, true, 1, 2, 2);
    final int[][] row = HidingAttackTest.inputs(rng, circuit, 1);

    @Test
    void everyProofKindRevealsNoMoreThanItsLayoutHides() throws InvalidProofException {
        ModelCommitment model = ModelCommitment.commit(circuit, CommittedWeightsProofTest.seed(1), 100, 16, 0);
        for (boolean committedWeights : new boolean[] {false, true}) {
            ModelCommitment m = committedWeights ? model : null;
            for (String input : new String[] {"public", "private", "committed"}) {
                if (input.equals("public") && m == null) {
                    continue; // nothing hidden: CircuitProof
                }
                for (String output : new String[] {"public", "classes", "committed"}) {
                    check(m, input, output);
                }
            }
        }
    }

    private void check(ModelCommitment model, String input, String output) throws InvalidProofException {
        String kind = "input " + input + ", outputs " + output + ", weights " + (model == null ? "public" : "committed");
        boolean hiddenInput = !input.equals("public");
        int rows = output.equals("committed") ? DataCommitment.outputBatch(circuit, 1, 2)
                : model != null && output.equals("public") ? ZkInferenceProof.batchFor(circuit, 1) : 1;
        if (input.equals("committed")) {
            rows = Math.max(rows, DataCommitment.inputBatch(circuit, rows, 4));
        }
        int[][] in = new int[rows][];
        Arrays.fill(in, row[0]);
        DataCommitment inputs = input.equals("committed")
                ? DataCommitment.forInputs(circuit, in, CommittedWeightsProofTest.seed(2), 100, 4) : null;
        DataCommitment outputs = null;
        if (output.equals("committed")) {
            int[][] logits = new int[rows][];
            Arrays.fill(logits, new IntegerExecutor(circuit).runQuantized(row[0]).logits());
            outputs = DataCommitment.forOutputs(circuit, logits, CommittedWeightsProofTest.seed(3), 100, 2);
        }
        ZkMode mode = new ZkMode(hiddenInput, output.equals("classes"), model, inputs, outputs);
        CircuitProof.Result p = ZkInferenceProof.prove(circuit, in, mode, 1, pcs, new SecureRandom());
        int[] classes = null;
        if (output.equals("classes")) {
            classes = new int[rows];
            Arrays.fill(classes, new IntegerExecutor(circuit).runQuantized(row[0]).predictedClass());
        }
        ZkInferenceProof.Revealed seen = ZkInferenceProof.verifyRevealing(
                model == null ? circuit : circuit.withholdParameters(), mode, hiddenInput ? null : in,
                output.equals("public") ? p.outputs() : null, classes, 1, p.proof(), pcs);
        HidingLedger ledger = ZkInferenceProof.ledger(seen.layout(), mode, seen.claims(), seen.modelClaims());
        ledger.check();
        assertTrue(ledger.totalBits() >= HidingLedger.TARGET_BITS - 5, kind + ": " + ledger.totalBits());
        CircuitLayout layout = seen.layout();
        for (int v = 0; v < layout.lengths.length; v++) {
            if (!layout.isPublic(v)) {
                long expected = v == layout.output() && output.equals("committed") ? DataCommitment.OUTPUT_EVALUATIONS
                        : CircuitLayout.EVALUATIONS_PER_VECTOR;
                assertTrue(ledger.evaluations(layout.name(v)) <= expected, kind + ": " + layout.name(v) + " revealed "
                        + ledger.evaluations(layout.name(v)) + " times");
            }
        }
        if (model != null) {
            for (int l = 0; l < layout.layerCount(); l++) {
                assertEquals(1, ledger.evaluations("W′ of layer " + l), kind);
                assertEquals(1, ledger.evaluations("b′ of layer " + l), kind);
            }
        }
    }
}
