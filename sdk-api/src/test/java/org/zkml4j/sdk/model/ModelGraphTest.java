package org.zkml4j.sdk.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelGraphTest {
    static final float[] X = {1, -2};

    /** 2 → 3: z = W x + b = [-2.5, 2.5, 0] for x = [1, -2]. */
    static Dense first() {
        return new Dense(new float[][] {{1, 2}, {0.5f, -1}, {-1, 0}}, new float[] {0.5f, 0, 1});
    }

    /** 3 → 2. */
    static Dense second() {
        return new Dense(new float[][] {{1, -1, 2}, {-1, 1, 0}}, new float[] {0, 1});
    }

    /** The tiny classifier also stored in tiny-mlp.json. */
    static ModelGraph tinyMlp() {
        return ModelGraph.of(2, first(), Activation.relu(), second(), new Softmax());
    }

    static String error(int inputSize, Node... nodes) {
        return assertThrows(IllegalArgumentException.class, () -> ModelGraph.of(inputSize, nodes)).getMessage();
    }

    @Test
    void evaluate_denseAlone() {
        assertArrayEquals(new float[] {-2.5f, 2.5f, 0f}, ModelGraph.of(2, first()).evaluate(X));
    }

    @Test
    void evaluate_relu() {
        assertArrayEquals(new float[] {0f, 2.5f, 0f}, ModelGraph.of(2, first(), Activation.relu()).evaluate(X));
    }

    @Test
    void evaluate_leakyRelu() {
        assertArrayEquals(new float[] {-0.25f, 2.5f, 0f},
                ModelGraph.of(2, first(), Activation.leakyRelu(0.1f)).evaluate(X), 1e-7f);
    }

    @Test
    void evaluate_sigmoid() {
        assertArrayEquals(new float[] {0.07585818f, 0.92414182f, 0.5f},
                ModelGraph.of(2, first(), Activation.sigmoid()).evaluate(X), 1e-7f);
    }

    @Test
    void evaluate_tanh() {
        assertArrayEquals(new float[] {-0.98661430f, 0.98661430f, 0f},
                ModelGraph.of(2, first(), Activation.tanh()).evaluate(X), 1e-7f);
    }

    @Test
    void evaluate_identity() {
        assertArrayEquals(new float[] {-2.5f, 2.5f, 0f},
                ModelGraph.of(2, first(), Activation.identity()).evaluate(X));
    }

    @Test
    void evaluate_softmaxGivesProbabilities() {
        // softmax([-2.5, 2.5, 0]) = [e^-2.5, e^2.5, 1] / (e^-2.5 + e^2.5 + 1)
        float[] p = ModelGraph.of(2, first(), new Softmax()).evaluate(X);
        assertArrayEquals(new float[] {0.0061882853f, 0.91842297f, 0.075388748f}, p, 1e-7f);
    }

    @Test
    void evaluate_twoLayerClassifier() {
        // relu → [0, 2.5, 0]; second layer → [-2.5, 3.5]; softmax = [1, e^6] / (1 + e^6)
        assertArrayEquals(new float[] {0.0024726232f, 0.99752738f}, tinyMlp().evaluate(X), 1e-7f);
    }

    @Test
    void evaluate_softmaxIsStableForLargeLogits() {
        Dense big = new Dense(new float[][] {{1e30f}, {-1e30f}}, new float[2]);
        assertArrayEquals(new float[] {1f, 0f}, ModelGraph.of(1, big, new Softmax()).evaluate(new float[] {1}));
    }

    @Test
    void evaluate_doesNotModifyInput() {
        float[] x = X.clone();
        tinyMlp().evaluate(x);
        assertArrayEquals(X, x);
    }

    @Test
    void evaluate_wrongLengthThrows() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> tinyMlp().evaluate(new float[3]));
        assertEquals("input has 3 values, expected inputSize 2", e.getMessage());
    }

    @Test
    void evaluate_nonFiniteInputThrowsWithoutPrintingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tinyMlp().evaluate(new float[] {0, Float.NaN}));
        assertEquals("input[1] is not finite; inputs must be finite", e.getMessage());
    }

    @Test
    void outputSize_isLastDenseWidth() {
        assertEquals(2, tinyMlp().outputSize());
        assertEquals(3, ModelGraph.of(2, first(), Activation.tanh()).outputSize());
    }

    @Test
    void isClassifier_trueOnlyWhenEndingInSoftmax() {
        assertTrue(tinyMlp().isClassifier());
        assertFalse(ModelGraph.of(2, first(), Activation.relu()).isClassifier());
    }

    @Test
    void parameterCount_sumsWeightsAndBiases() {
        assertEquals(9 + 8, tinyMlp().parameterCount());
    }

    @Test
    void nodes_areAnUnmodifiableCopy() {
        List<Node> nodes = new ArrayList<>(List.of(first(), Activation.relu()));
        ModelGraph model = new ModelGraph(2, nodes);
        nodes.add(new Softmax());
        assertEquals(2, model.nodes().size());
        assertThrows(UnsupportedOperationException.class, () -> model.nodes().add(new Softmax()));
    }

    @Test
    void equals_comparesStructureAndValues() {
        assertEquals(tinyMlp(), tinyMlp());
        assertEquals(tinyMlp().hashCode(), tinyMlp().hashCode());
        assertFalse(tinyMlp().equals(ModelGraph.of(2, first(), Activation.relu(), second())));
    }

    @Test
    void constructor_nonPositiveInputSizeThrows() {
        assertEquals("inputSize must be positive, got 0", error(0, first()));
        assertEquals("inputSize must be positive, got -3", error(-3, first()));
    }

    @Test
    void constructor_emptyNodeListThrows() {
        assertEquals("a model needs at least one dense or conv2d node; the node list is empty", error(2));
    }

    @Test
    void constructor_noDenseNodeThrows() {
        assertEquals("a model needs at least one dense or conv2d node; the 2 nodes have none",
                error(2, Activation.relu(), new Softmax()));
    }

    @Test
    void constructor_firstDenseMismatchNamesTheModelInput() {
        assertEquals("node 0 (dense): takes 2 inputs but receives 5 from the model input (inputSize)",
                error(5, first()));
    }

    @Test
    void constructor_shapeMismatchNamesTheNodes() {
        assertEquals("node 2 (dense): takes 2 inputs but receives 3 from node 1",
                error(2, first(), Activation.relu(), first()));
    }

    @Test
    void constructor_softmaxNotLastThrows() {
        assertEquals("node 1 (softmax): softmax must be the last node (a classifier's output), but 1 node follows",
                error(2, first(), new Softmax(), Activation.relu()));
        assertEquals("node 1 (softmax): softmax must be the last node (a classifier's output), but 2 nodes follow",
                error(2, first(), new Softmax(), new Softmax(), new Softmax()));
    }

    @Test
    void constructor_nanWeightNamesNodeAndPosition() {
        float[][] w = {{1, 2}, {3, Float.NaN}};
        assertEquals("node 4 (dense): weights[1][1] is NaN; every weight must be finite",
                error(2, first(), Activation.relu(), new Dense(new float[][] {{1, 1, 1}, {1, 1, 1}}, new float[2]),
                        Activation.relu(), new Dense(w, new float[2])));
        assertEquals("node 0 (dense): weights[1][1] is NaN; every weight must be finite",
                error(2, new Dense(w, new float[2])));
    }

    @Test
    void constructor_infiniteBiasNamesNodeAndPosition() {
        Dense d = new Dense(new float[][] {{1}, {1}, {1}}, new float[] {0, 0, Float.NEGATIVE_INFINITY});
        assertEquals("node 0 (dense): bias[2] is -Infinity; every bias must be finite", error(1, d));
    }

    @Test
    void constructor_nonFiniteAlphaNamesNode() {
        assertEquals("node 1 (activation leaky_relu): alpha is Infinity; it must be finite",
                error(2, first(), Activation.leakyRelu(Float.POSITIVE_INFINITY)));
    }

    @Test
    void constructor_tooManyParametersThrows() {
        // 17 square layers of 4096 (64 MiB, one shared instance) exceed 2^28 parameters.
        int n = 4096;
        Dense square = new Dense(new float[n][n], new float[n]);
        List<Node> nodes = Collections.nCopies(17, square);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new ModelGraph(n, nodes));
        assertEquals("node 15 (dense): the model exceeds the limit of 268435456 (2^28) parameters; it has "
                + 16L * (n * n + n) + " up to this node", e.getMessage());
    }

    @Test
    void constructor_nullNodeThrowsNpeNamingTheIndex() {
        List<Node> nodes = new ArrayList<>();
        nodes.add(first());
        nodes.add(null);
        assertEquals("node 1 is null",
                assertThrows(NullPointerException.class, () -> new ModelGraph(2, nodes)).getMessage());
    }
}
