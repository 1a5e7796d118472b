package org.zkml4j.backend.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;
import org.zkml4j.backend.pcs.Claim;
import org.zkml4j.backend.pcs.LigeroPcs;
import org.zkml4j.backend.pcs.LinearFunctional;
import org.zkml4j.backend.pcs.PcsParameters;
import org.zkml4j.backend.poly.Multilinear;
import org.zkml4j.compiler.CircuitCompiler;
import org.zkml4j.compiler.CompiledCircuit;
import org.zkml4j.compiler.IntegerExecutor;
import org.zkml4j.compiler.QuantizationOptions;
import org.zkml4j.sdk.Logits;
import org.zkml4j.sdk.model.Activation;
import org.zkml4j.sdk.model.ModelGraph;
import org.zkml4j.sdk.model.Node;
import org.zkml4j.sdk.model.Softmax;

/**
 * Attacks on zero knowledge, as an outside reviewer ran them: collect every evaluation claim a
 * verifier sees about a hidden vector — in one proof, or over a reusable commitment's whole budget
 * with its certificate — write each as two F_p-linear equations on the doubled vector (real half ‖
 * random half), and solve. The vector is hidden only if the equations' random-half columns have
 * full rank: then every assignment of the real half is consistent with what was revealed, and no
 * hidden entry is determined. On the layouts before the hiding ledger, each case below determined
 * entries exactly (a binary classifier's logits from one proof, a 10-class head's bias after 20 of
 * 31 proofs, a 4-feature committed row after 2 of 4).
 */
class HidingAttackTest {
    final LigeroPcs pcs = new LigeroPcs(PcsParameters.forOpenings(100, 4));

    static CompiledCircuit compile(SplittableRandom rng, boolean classifier, int... widths) {
        List<Node> nodes = new ArrayList<>();
        for (int l = 1; l < widths.length; l++) {
            nodes.add(CircuitProofTest.dense(rng, widths[l - 1], widths[l]));
            if (l < widths.length - 1) {
                nodes.add(Activation.relu());
            }
        }
        if (classifier) {
            nodes.add(new Softmax());
        }
        return CircuitCompiler.compile(new ModelGraph(widths[0], nodes), CircuitProofTest.samples(rng, 32, widths[0]),
                QuantizationOptions.defaults());
    }

    static int[][] inputs(SplittableRandom rng, CompiledCircuit circuit, int rows) {
        IntegerExecutor exec = new IntegerExecutor(circuit);
        float[][] x = CircuitProofTest.samples(rng, rows, circuit.inputSize());
        int[][] q = new int[rows][];
        for (int b = 0; b < rows; b++) {
            q[b] = exec.quantizeInput(x[b]);
        }
        return q;
    }

    @Test
    void aBinaryClassifierAtBatchOneHidesItsLogitsInputAndEveryIntermediate() throws InvalidProofException {
        SplittableRandom rng = new SplittableRandom(1);
        CompiledCircuit circuit = compile(rng, true, 3, 2, 2);
        int[][] in = inputs(rng, circuit, 1);
        CircuitProof.Result p = ZkInferenceProof.prove(circuit, in, ZkMode.PRIVATE_INPUT_AND_OUTPUTS, 5, pcs,
                new SecureRandom());
        int[] classes = {new IntegerExecutor(circuit).runQuantized(in[0]).predictedClass()};
        ZkInferenceProof.Revealed seen = ZkInferenceProof.verifyRevealing(circuit, ZkMode.PRIVATE_INPUT_AND_OUTPUTS,
                null, null, classes, 5, p.proof(), pcs);
        assertEveryHiddenVectorUndetermined(seen);
    }

    @Test
    void widthOneLayersAndAOneFeatureInputStayHidden() throws InvalidProofException {
        SplittableRandom rng = new SplittableRandom(2);
        CompiledCircuit circuit = compile(rng, false, 1, 1, 2, 1);
        int[][] in = inputs(rng, circuit, 1);
        CircuitProof.Result p = ZkInferenceProof.prove(circuit, in, ZkMode.PRIVATE_INPUT, 6, pcs, new SecureRandom());
        assertEveryHiddenVectorUndetermined(ZkInferenceProof.verifyRevealing(circuit, ZkMode.PRIVATE_INPUT, null,
                p.outputs(), null, 6, p.proof(), pcs));
    }

    @Test
    void committedWeightsOfATenClassHeadStayHiddenOverTheWholeBudget() throws InvalidProofException {
        SplittableRandom rng = new SplittableRandom(3);
        CompiledCircuit circuit = compile(rng, true, 6, 8, 10);
        int budget = 32;
        ModelCommitment prover = ModelCommitment.commit(circuit, CommittedWeightsProofTest.seed(7), 100, budget, 0);
        ProofWriter key = new ProofWriter();
        prover.writeCertifiedTo(key);
        ModelCommitment verifier = ModelCommitment.read(new ProofReader(key.toByteArray()), 100);
        CompiledCircuit structure = circuit.withholdParameters();
        Map<Integer, List<Ext[]>> points = new LinkedHashMap<>();
        record(points, PaddingCertificate.verifyRevealing(structure, verifier, 100, prover.certificate()));
        CircuitLayout layout = null;
        for (int proof = 1; proof < budget; proof++) {
            int[][] in = inputs(rng, circuit, 1);
            int[] classes = {new IntegerExecutor(circuit).runQuantized(in[0]).predictedClass()};
            CircuitProof.Result p = ZkInferenceProof.prove(circuit, in, new ZkMode(false, true, prover), proof, pcs,
                    new SecureRandom());
            ZkInferenceProof.Revealed seen = ZkInferenceProof.verifyRevealing(structure,
                    new ZkMode(false, true, verifier), in, null, classes, proof, p.proof(), pcs);
            record(points, seen.modelClaims());
            layout = seen.layout();
        }
        assertEquals(2 * layout.layerCount(), points.size());
        for (Map.Entry<Integer, List<Ext[]>> e : points.entrySet()) {
            assertEquals(budget, e.getValue().size(), "one evaluation per opening");
            int length = e.getKey() % 2 == 0 ? layout.dense[e.getKey() / 2].outputs()
                    * layout.dense[e.getKey() / 2].weightColumns() : layout.dense[e.getKey() / 2].biasLength();
            assertUndetermined("model vector " + e.getKey(), length, e.getValue());
        }
    }

    @Test
    void aCommittedFourFeatureRowStaysHiddenOverTheWholeBudget() throws InvalidProofException {
        SplittableRandom rng = new SplittableRandom(4);
        CompiledCircuit circuit = compile(rng, true, 4, 8, 3);
        int budget = 4;
        int[][] row = inputs(rng, circuit, 1);
        int batch = DataCommitment.inputBatch(circuit, 1, budget);
        int[][] rows = new int[batch][];
        java.util.Arrays.fill(rows, row[0]);
        DataCommitment owner = DataCommitment.forInputs(circuit, rows, CommittedWeightsProofTest.seed(8), 100, budget);
        DataCommitment published = DataCommitment.read(owner.toBytes(), 100);
        List<Ext[]> points = new ArrayList<>();
        CircuitLayout layout = null;
        for (int proof = 0; proof < budget; proof++) {
            CircuitProof.Result p = ZkInferenceProof.prove(circuit, rows, new ZkMode(true, false, null, owner), proof,
                    pcs, new SecureRandom());
            ZkInferenceProof.Revealed seen = ZkInferenceProof.verifyRevealing(circuit,
                    new ZkMode(true, false, null, published), null, p.outputs(), null, proof, p.proof(), pcs);
            layout = seen.layout();
            for (Claim c : seen.claims()) {
                if (c.vector() == CircuitLayout.INPUT) {
                    points.add(point(c));
                }
            }
        }
        assertEquals(2 * budget, points.size(), "two evaluations of the input per proof");
        assertUndetermined("the committed input", layout.lengths[CircuitLayout.INPUT], points);
    }

    /** Each hidden C1 vector of one proof: its claims' equations leave the real half free. */
    static void assertEveryHiddenVectorUndetermined(ZkInferenceProof.Revealed seen) {
        Map<Integer, List<Ext[]>> points = new LinkedHashMap<>();
        for (Claim c : seen.claims()) {
            if (!seen.layout().isPublic(c.vector())) {
                points.computeIfAbsent(c.vector(), k -> new ArrayList<>()).add(point(c));
            }
        }
        assertTrue(points.size() >= 5, "hidden vectors seen: " + points.keySet());
        for (Map.Entry<Integer, List<Ext[]>> e : points.entrySet()) {
            assertUndetermined(seen.layout().name(e.getKey()), seen.layout().lengths[e.getKey()], e.getValue());
        }
    }

    static void record(Map<Integer, List<Ext[]>> points, List<Claim> claims) {
        for (Claim c : claims) {
            points.computeIfAbsent(c.vector(), k -> new ArrayList<>()).add(point(c));
        }
    }

    static Ext[] point(Claim c) {
        assertEquals(1, c.terms().size(), "a claim on one vector");
        return ((LinearFunctional.MultilinearPoint) c.functional()).point();
    }

    /**
     * Sets up the 2·|points| equations over F_p that the evaluations of a doubled vector (length
     * 2·{@code length}) at {@code points} give, and asserts that no entry of its real half is
     * determined — the strongest form: the random-half columns alone have the system's full rank.
     */
    static void assertUndetermined(String what, int length, List<Ext[]> points) {
        int rows = 2 * points.size(), cols = 2 * length;
        long[][] m = new long[rows][];
        for (int i = 0; i < points.size(); i++) {
            long[] eq = Multilinear.eqTable(points.get(i));
            assertEquals(2 * cols, eq.length, what + ": a claim's point does not fit the vector");
            long[] re = new long[cols], im = new long[cols];
            for (int j = 0; j < cols; j++) {
                re[j] = eq[2 * j];
                im[j] = eq[2 * j + 1];
            }
            m[2 * i] = re;
            m[2 * i + 1] = im;
        }
        int randomRank = rank(m, length, cols);
        int determined = determinedRealEntries(m, length);
        assertEquals(0, determined, what + ": " + determined + " of " + length + " hidden entries determined by "
                + points.size() + " evaluations");
        assertEquals(rows, randomRank, what + ": " + rows + " revealed functionals, but the random half of " + length
                + " entries pads only " + randomRank);
    }

    /** Rank over F_p of the columns [from, to) of {@code m} (copied). */
    static int rank(long[][] m, int from, int to) {
        long[][] a = new long[m.length][];
        for (int i = 0; i < m.length; i++) {
            a[i] = java.util.Arrays.copyOfRange(m[i], from, to);
        }
        return eliminate(a).size();
    }

    /** Real-half entries j whose unit vector lies in the row space (their value is determined). */
    static int determinedRealEntries(long[][] m, int length) {
        long[][] a = new long[m.length][];
        for (int i = 0; i < m.length; i++) {
            a[i] = m[i].clone();
        }
        List<Integer> pivots = eliminate(a);
        int determined = 0;
        for (int r = 0; r < pivots.size(); r++) {
            int col = pivots.get(r);
            if (col >= length) {
                continue;
            }
            boolean unit = true;
            for (int j = 0; j < a[r].length && unit; j++) {
                unit = j == col || a[r][j] == 0;
            }
            determined += unit ? 1 : 0;
        }
        return determined;
    }

    /** Reduced row echelon form in place; returns the pivot column of each leading row. */
    static List<Integer> eliminate(long[][] a) {
        List<Integer> pivots = new ArrayList<>();
        int row = 0;
        int cols = a.length == 0 ? 0 : a[0].length;
        for (int col = 0; col < cols && row < a.length; col++) {
            int p = row;
            while (p < a.length && a[p][col] == 0) {
                p++;
            }
            if (p == a.length) {
                continue;
            }
            long[] t = a[p];
            a[p] = a[row];
            a[row] = t;
            long inv = Goldilocks.inverse(a[row][col]);
            for (int j = 0; j < cols; j++) {
                a[row][j] = Goldilocks.mul(a[row][j], inv);
            }
            for (int i = 0; i < a.length; i++) {
                if (i != row && a[i][col] != 0) {
                    long f = a[i][col];
                    for (int j = 0; j < cols; j++) {
                        a[i][j] = Goldilocks.sub(a[i][j], Goldilocks.mul(f, a[row][j]));
                    }
                }
            }
            pivots.add(col);
            row++;
        }
        return pivots;
    }
}
