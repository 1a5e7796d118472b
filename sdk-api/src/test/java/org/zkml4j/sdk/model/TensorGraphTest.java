package org.zkml4j.sdk.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** ModelGraph as a DAG: wiring, validation and the forward pass through the tensor node kinds. */
class TensorGraphTest {
    static final Shape X = Shape.image(1, 2, 2);
    static final float[] INPUT = {1, -1, 2, 3};

    static Conv2d pointwise(float w, float b) {
        return Conv2d.of(new float[][][][] {{{{w}}}}, new float[] {b}, 1, 1, 1, 1, 1, Padding.NONE);
    }

    static Dense one(float w, float b) {
        return new Dense(new float[][] {{w}}, new float[] {b});
    }

    /** x → conv(2x) → relu → add(·, x) → global average → dense(2y + 1). */
    static ModelGraph residual() {
        return new ModelGraph("x", X, List.of(
                GraphNode.of("c", pointwise(2, 0), "x"),
                GraphNode.of("r", Activation.relu(), "c"),
                GraphNode.of("s", new Add(), "r", "x"),
                GraphNode.of("g", new GlobalAvgPool(), "s"),
                GraphNode.of("y", one(2, 1), "g")), "y");
    }

    static String error(List<GraphNode> nodes, String output) {
        return assertThrows(IllegalArgumentException.class, () -> new ModelGraph("x", X, nodes, output)).getMessage();
    }

    @Test
    void evaluate_residualAdd() {
        // conv: [2, −2, 4, 6]; relu: [2, 0, 4, 6]; + x: [3, −1, 6, 9]; mean 17/4; 2 · 4.25 + 1
        ModelGraph g = residual();
        assertArrayEquals(new float[] {9.5f}, g.evaluate(INPUT));
        assertEquals(Shape.flat(1), g.outputShape());
        assertEquals(Shape.image(1, 2, 2), g.outputShapeOf(2));
        assertFalse(g.isChain());
        assertEquals(2 + 2, g.parameterCount());
    }

    @Test
    void evaluate_concatJoinsChannelsInInputOrder() {
        ModelGraph g = new ModelGraph("x", X, List.of(
                GraphNode.of("a", pointwise(1, 0), "x"),
                GraphNode.of("b", pointwise(-1, 10), "x"),
                GraphNode.of("y", new Concat(), "a", "b")), "y");
        assertEquals(Shape.image(2, 2, 2), g.outputShape());
        assertArrayEquals(new float[] {1, -1, 2, 3, 9, 11, 8, 7}, g.evaluate(INPUT));
    }

    @Test
    void evaluate_batchNormFlattenAndReshape() {
        ModelGraph g = ModelGraph.chain(Shape.flat(4),
                new Reshape(Shape.image(2, 1, 2)),
                new BatchNorm(new float[] {2, -1}, new float[] {1, 0.5f}),
                new Flatten(),
                new Dense(new float[][] {{1, 0, 0, 0}, {0, 0, 0, 1}}, new float[2]));
        // channel 0 [1, −1] → [3, −1]; channel 1 [2, 3] → [−1.5, −2.5]
        assertArrayEquals(new float[] {3, -2.5f}, g.evaluate(INPUT));
        assertTrue(g.isChain());
    }

    @Test
    void shapes_leNet5OnMnist() {
        Dense d120 = new Dense(new float[120][256], new float[120]);
        ModelGraph g = ModelGraph.chain(Shape.image(1, 28, 28),
                Conv2d.of(new float[6][1][5][5], new float[6], 1, 1, 1, 1, 1, Padding.NONE), Activation.relu(),
                MaxPool2d.of(2, 2, 2, 2, Padding.NONE),
                Conv2d.of(new float[16][6][5][5], new float[16], 1, 1, 1, 1, 1, Padding.NONE), Activation.relu(),
                MaxPool2d.of(2, 2, 2, 2, Padding.NONE),
                new Flatten(), d120, Activation.relu(),
                new Dense(new float[84][120], new float[84]), Activation.relu(),
                new Dense(new float[10][84], new float[10]), new Softmax());
        assertEquals(Shape.image(6, 24, 24), g.outputShapeOf(0));
        assertEquals(Shape.image(6, 12, 12), g.outputShapeOf(2));
        assertEquals(Shape.image(16, 8, 8), g.outputShapeOf(3));
        assertEquals(Shape.image(16, 4, 4), g.outputShapeOf(5));
        assertEquals(Shape.flat(256), g.outputShapeOf(6));
        assertEquals(Shape.flat(10), g.outputShape());
        assertEquals(156 + 2416 + 30840 + 10164 + 850, g.parameterCount());
        assertArrayEquals(new float[] {0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f},
                g.evaluate(new float[784]), 1e-7f);
    }

    @Test
    void evaluate_isDeterministicAndLeavesTheInputAlone() {
        float[] x = INPUT.clone();
        assertArrayEquals(residual().evaluate(x), residual().evaluate(x));
        assertArrayEquals(INPUT, x);
    }

    @Test
    void constructor_danglingNameIsRefused() {
        assertEquals("node 1 (add): field \"inputs\": value \"nope\" is not defined: it is neither the model input"
                + " \"x\" nor the output of a node", error(List.of(
                        GraphNode.of("c", pointwise(1, 0), "x"),
                        GraphNode.of("y", new Add(), "c", "nope")), "y"));
    }

    @Test
    void constructor_cycleIsRefused() {
        assertEquals("node 1 (add): field \"inputs\": value \"b\" is produced by node 2, which depends on node 1:"
                + " the graph has a cycle", error(List.of(
                        GraphNode.of("c", pointwise(1, 0), "x"),
                        GraphNode.of("a", new Add(), "c", "b"),
                        GraphNode.of("b", pointwise(1, 0), "a")), "b"));
        assertEquals("node 0 (add): field \"inputs\": value \"a\" is produced by node 0 itself: the graph has a"
                + " cycle", error(List.of(GraphNode.of("a", new Add(), "x", "a")), "a"));
    }

    @Test
    void constructor_nodesOutOfOrderAreRefused() {
        assertEquals("node 0 (conv2d): field \"inputs\": value \"c\" is produced by node 1, later in the list;"
                + " nodes must be listed in topological order (every value produced before it is read)",
                error(List.of(GraphNode.of("y", pointwise(1, 0), "c"), GraphNode.of("c", pointwise(1, 0), "x")), "y"));
    }

    @Test
    void constructor_namesMustBeUnique() {
        assertEquals("node 1 (conv2d): field \"output\": value \"c\" is already produced by node 0; every value has"
                + " its own name", error(List.of(
                        GraphNode.of("c", pointwise(1, 0), "x"),
                        GraphNode.of("c", pointwise(1, 0), "c")), "c"));
        assertEquals("node 0 (conv2d): field \"output\": \"x\" is the model input's name; every value has its own"
                + " name", error(List.of(GraphNode.of("x", pointwise(1, 0), "x")), "x"));
    }

    @Test
    void constructor_everyValueButTheOutputIsRead() {
        assertEquals("node 0 (conv2d): its output \"a\" is never read; every value but the model output is read by"
                + " a node", error(List.of(
                        GraphNode.of("a", pointwise(1, 0), "x"),
                        GraphNode.of("b", pointwise(1, 0), "x")), "b"));
        assertEquals("the model output \"a\" must be the value produced by the last node, node 1 (activation),"
                + " which produces \"b\"", error(List.of(
                        GraphNode.of("a", pointwise(1, 0), "x"),
                        GraphNode.of("b", Activation.relu(), "a")), "a"));
    }

    @Test
    void constructor_shapesMustAgree() {
        assertEquals("node 2 (add): field \"inputs\": adds values of equal shape, got [1, 2, 2] and [1, 1, 1]",
                error(List.of(
                        GraphNode.of("a", pointwise(1, 0), "x"),
                        GraphNode.of("p", MaxPool2d.of(2, 2, 2, 2, Padding.NONE), "x"),
                        GraphNode.of("y", new Add(), "a", "p")), "y"));
        assertEquals("node 1 (dense): takes 3 inputs but receives 4 from node 0", error(List.of(
                GraphNode.of("a", pointwise(1, 0), "x"),
                GraphNode.of("y", new Dense(new float[][] {{1, 1, 1}}, new float[1]), "a")), "y"));
        assertEquals("node 1 (softmax): softmax takes a flat [n] value but its input has shape [1, 2, 2]; add a"
                + " flatten node before it", error(List.of(
                        GraphNode.of("a", pointwise(1, 0), "x"),
                        GraphNode.of("y", new Softmax(), "a")), "y"));
        assertEquals("node 1 (reshape): field \"shape\": [3] has 3 elements but the input has shape [1, 2, 2] (4)",
                error(List.of(
                        GraphNode.of("a", pointwise(1, 0), "x"),
                        GraphNode.of("y", new Reshape(Shape.flat(3)), "a")), "y"));
    }

    @Test
    void constructor_inputCountIsChecked() {
        assertEquals("node 1 (add): field \"inputs\": add reads 2 values, got 1", error(List.of(
                GraphNode.of("a", pointwise(1, 0), "x"),
                GraphNode.of("y", new Add(), "a")), "y"));
        assertEquals("node 1 (concat): field \"inputs\": concat reads at least 2 values, got 1", error(List.of(
                GraphNode.of("a", pointwise(1, 0), "x"),
                GraphNode.of("y", new Concat(), "a")), "y"));
        assertEquals("node 0 (conv2d): field \"inputs\": conv2d reads 1 value, got 2", error(List.of(
                GraphNode.of("y", pointwise(1, 0), "x", "x")), "y"));
    }

    @Test
    void constructor_graphWithoutWeightsIsRefused() {
        assertEquals("a model needs at least one dense or conv2d node; the 1 nodes have none",
                error(List.of(GraphNode.of("y", new GlobalMaxPool(), "x")), "y"));
    }

    @Test
    void chain_namesValuesV0ToVn() {
        ModelGraph g = ModelGraph.of(1, one(1, 0), Activation.relu());
        assertEquals("v0", g.inputName());
        assertEquals("v2", g.outputName());
        assertEquals(List.of("v1"), g.graphNodes().get(1).inputs());
        assertEquals(g, new ModelGraph("v0", Shape.flat(1), List.of(
                GraphNode.of("v1", one(1, 0), "v0"), GraphNode.of("v2", Activation.relu(), "v1")), "v2"));
    }

    @Test
    void shape_rejectsOtherRanksAndEmptyExtents() {
        assertEquals("a shape is [n] or [channels, height, width]; got 2 dimensions [2, 3]",
                assertThrows(IllegalArgumentException.class, () -> new Shape(new int[] {2, 3})).getMessage());
        assertEquals("every extent of a shape must be at least 1; got [1, 0, 2]",
                assertThrows(IllegalArgumentException.class, () -> Shape.image(1, 0, 2)).getMessage());
    }
}
