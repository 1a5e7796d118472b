package org.zkml4j.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.zkml4j.backend.inference.CircuitProof;
import org.zkml4j.backend.inference.ModelCommitment;
import org.zkml4j.backend.inference.ZkInferenceProof;
import org.zkml4j.backend.inference.ZkMode;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.pcs.LigeroPcs;
import org.zkml4j.backend.pcs.PcsParameters;
import org.zkml4j.backend.random.AesCtrRandom;
import org.zkml4j.compiler.CircuitCompiler;
import org.zkml4j.compiler.CompiledCircuit;
import org.zkml4j.compiler.IntegerExecutor;
import org.zkml4j.compiler.QuantizationOptions;
import org.zkml4j.sdk.model.Activation;
import org.zkml4j.sdk.model.Dense;
import org.zkml4j.sdk.model.ModelGraph;
import org.zkml4j.sdk.model.Softmax;

/**
 * Whole-model proofs of MLPs: 784-128-10 and 784-512-256-10 (ReLU), batch 1 and 64, with public
 * or private (zero-knowledge) inputs, with {@code -p output=private} class-only statements, and
 * with {@code -p weights=committed} a model commitment in place of the weights. Select with e.g. {@code -p hidden=512-256 -p batch=64 -p input=private}.
 * The setup prints each configuration's proof size.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class InferenceBenchmark {
    @Param({"1", "64"})
    public int batch;

    /** Hidden layer widths, dash-separated. */
    @Param({"128", "512-256"})
    public String hidden;

    /** Input visibility: public (CircuitProof) or private (ZkInferenceProof). */
    @Param({"public", "private"})
    public String input;

    /** Output visibility: public, or private (only the classes shown; needs a private input or committed weights). */
    @Param({"public"})
    public String output;

    /** Weight visibility: public, or committed (a model commitment with {@link #budget} openings). */
    @Param({"public"})
    public String weights;

    /** Openings of the model commitment (committed weights); it is made again every iteration. */
    @Param({"64"})
    public int budget;

    ModelCommitment model;

    LigeroPcs pcs;
    final AesCtrRandom rng = AesCtrRandom.create();
    CompiledCircuit circuit;
    int[][] inputs;
    CircuitProof.Result proof;
    int[] classes;
    CompiledCircuit structure;
    /** The mode (and model commitment) {@link #proof} was made in. */
    ZkMode proofMode;

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

    @Setup
    public void setup() {
        // as CircuitEngine: each opening held to its share of 2^−100 (PcsParameters.forOpenings)
        boolean committed = weights.equals("committed");
        int openings = committed ? 4 : input.equals("private") ? 3 : 2;
        pcs = new LigeroPcs(PcsParameters.forOpenings(100, openings));
        SplittableRandom data = new SplittableRandom(5);
        java.util.List<org.zkml4j.sdk.model.Node> nodes = new java.util.ArrayList<>();
        int width = 784;
        for (String h : hidden.split("-")) {
            int next = Integer.parseInt(h);
            nodes.add(dense(data, width, next));
            nodes.add(Activation.relu());
            width = next;
        }
        nodes.add(dense(data, width, 10));
        nodes.add(new Softmax());
        ModelGraph graph = new ModelGraph(784, nodes);
        float[][] pixels = new float[Math.max(batch, 64)][784];
        for (float[] row : pixels) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) data.nextDouble();
            }
        }
        circuit = CircuitCompiler.compile(graph, pixels, QuantizationOptions.defaults());
        structure = circuit.withholdParameters();
        IntegerExecutor executor = new IntegerExecutor(circuit);
        inputs = new int[batch][];
        for (int b = 0; b < batch; b++) {
            inputs[b] = executor.quantizeInput(pixels[b]);
        }
        if (output.equals("private") && !input.equals("private") && !committed) {
            throw new IllegalArgumentException("-p output=private needs -p input=private or -p weights=committed");
        }
        commitWeights();
        proof = prove();
        proofMode = model == null && input.equals("public") ? null : mode();
        classes = new int[batch];
        for (int b = 0; b < batch; b++) {
            classes[b] = executor.runQuantized(inputs[b]).predictedClass();
        }
        System.out.printf("%nproof size (%s, batch %d, %s input, %s output, %s weights): %d bytes%n", hidden, batch,
                input, output, weights, proof.proof().length);
    }

    /** A fresh model commitment (committed weights) so that no iteration runs out of openings. */
    @Setup(Level.Iteration)
    public void commitWeights() {
        if (weights.equals("committed")) {
            byte[] seed = new byte[ModelCommitment.SEED_BYTES];
            new java.security.SecureRandom().nextBytes(seed);
            model = ModelCommitment.commit(circuit, seed, 100, budget, 0);
        }
    }

    ZkMode mode() {
        return new ZkMode(input.equals("private"), output.equals("private"), model);
    }

    @Benchmark
    public CircuitProof.Result prove() {
        if (input.equals("public") && model == null) {
            return CircuitProof.prove(circuit, inputs, 1, pcs, rng);
        }
        return ZkInferenceProof.prove(circuit, inputs, mode(), 1, pcs, rng);
    }

    @Benchmark
    public CircuitProof.Result verify() throws InvalidProofException {
        if (proofMode != null) {
            boolean hiddenOutputs = output.equals("private");
            ZkInferenceProof.verify(model == null ? circuit : structure, proofMode, input.equals("private") ? null : inputs,
                    hiddenOutputs ? null : proof.outputs(), hiddenOutputs ? classes : null, 1, proof.proof(), pcs);
        } else {
            CircuitProof.verify(circuit, inputs, proof.outputs(), 1, proof.proof(), pcs);
        }
        return proof;
    }
}
