package org.zkml4j.sdk.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.zkml4j.sdk.model.ModelGraphJsonTest.message;
import static org.zkml4j.sdk.model.ModelGraphJsonTest.resource;

import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Version 2 of the model format: tensor graphs. */
class ModelGraphJsonV2Test {

    static float[] random(SplittableRandom rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return v;
    }

    static float[][][][] filters(SplittableRandom rng, int out, int in, int kh, int kw) {
        float[][][][] w = new float[out][in][kh][];
        for (float[][][] f : w) {
            for (float[][] c : f) {
                for (int i = 0; i < kh; i++) {
                    c[i] = random(rng, kw);
                }
            }
        }
        return w;
    }

    /** A CNN that uses every node kind, on a [2, 6, 6] input, ending in a 3-class softmax. */
    static ModelGraph everyKind() {
        SplittableRandom rng = new SplittableRandom(12);
        float[][] dense = new float[3][];
        for (int o = 0; o < 3; o++) {
            dense[o] = random(rng, 16);
        }
        return new ModelGraph("x", Shape.image(2, 6, 6), List.of(
                GraphNode.of("c1", Conv2d.of(filters(rng, 4, 1, 3, 3), random(rng, 4), 2, 1, 1, 1, 1, Padding.SAME), "x"),
                GraphNode.of("b1", new BatchNorm(random(rng, 4), random(rng, 4)), "c1"),
                GraphNode.of("r1", Activation.leakyRelu(0.1f), "b1"),
                GraphNode.of("c2", Conv2d.of(filters(rng, 4, 1, 3, 3), random(rng, 4), 4, 1, 1, 2, 2,
                        Padding.of(2, 2, 2, 2)), "r1"),
                GraphNode.of("s", new Add(), "c2", "r1"),
                GraphNode.of("m", MaxPool2d.of(2, 2, 2, 2, Padding.NONE), "s"),
                GraphNode.of("a", AvgPool2d.of(3, 3, 2, 2, Padding.of(1, 1, 1, 1), false), "s"),
                GraphNode.of("k", new Concat(), "m", "a"),
                GraphNode.of("g", new GlobalAvgPool(), "k"),
                GraphNode.of("h", new GlobalMaxPool(), "k"),
                GraphNode.of("q", new Concat(), "g", "h"),
                GraphNode.of("rs", new Reshape(Shape.image(4, 2, 2)), "q"),
                GraphNode.of("t", Activation.tanh(), "rs"),
                GraphNode.of("fl", new Flatten(), "t"),
                GraphNode.of("d", new Dense(dense, random(rng, 3)), "fl"),
                GraphNode.of("p", new Softmax(), "d")), "p");
    }

    @Test
    void roundTrip_everyNodeKindKeepsStructureValuesAndOutputs() throws IOException {
        ModelGraph model = everyKind();
        ModelGraph back = ModelGraphJson.fromJson(ModelGraphJson.toJson(model));
        assertEquals(model, back);
        assertEquals(ModelGraphJson.toJson(model), ModelGraphJson.toJson(back));
        float[] x = random(new SplittableRandom(5), 72);
        assertArrayEquals(model.evaluate(x), back.evaluate(x));
        assertEquals(Shape.image(8, 3, 3), back.outputShapeOf(7));
        assertTrue(back.isClassifier());
    }

    @Test
    void roundTrip_avgPoolFlagAndSpecialNamesSurvive() throws IOException {
        ModelGraph model = new ModelGraph("in \"quoted\"\n", Shape.image(1, 3, 3), List.of(
                GraphNode.of("ü/1", AvgPool2d.of(2, 2, 2, 2, Padding.SAME, true), "in \"quoted\"\n"),
                GraphNode.of("y", Conv2d.of(new float[][][][] {{{{1}}}}, new float[1], 1, 1, 1, 1, 1, Padding.NONE),
                        "ü/1")), "y");
        assertEquals(model, ModelGraphJson.fromJson(ModelGraphJson.toJson(model)));
    }

    @Test
    void read_handWrittenResidualNetworkEvaluatesToTheHandComputedValue() throws IOException {
        ModelGraph model = ModelGraphJson.fromJson(resource("residual-cnn.json"));
        assertEquals(TensorGraphTest.residual().nodes(), model.nodes());
        assertArrayEquals(new float[] {9.5f}, model.evaluate(TensorGraphTest.INPUT));
    }

    @Test
    void read_version1ChainEqualsItsVersion2Form() throws IOException {
        assertEquals(ModelGraphJson.fromJson(resource("tiny-mlp.json")),
                ModelGraphJson.fromJson(resource("tiny-mlp-v2.json")));
    }

    @Test
    void read_everyTruncationRejected() {
        String valid = ModelGraphJson.toJson(everyKind());
        int end = valid.lastIndexOf('}');
        for (int length = 0; length <= end; length += 7) {
            try {
                ModelGraphJson.fromJson(valid.substring(0, length));
                fail("accepted a truncated document of " + length + " characters");
            } catch (ModelFormatException expected) {
                assertTrue(!expected.getMessage().isEmpty());
            }
        }
    }

    @Test
    void read_randomMutationsRejectedOrAcceptedButNeverCrash() {
        String valid = ModelGraphJson.toJson(everyKind()).replaceAll("\\s+", "");
        String alphabet = "{}[],:\"-.e0123456789 sametruflx";
        SplittableRandom rng = new SplittableRandom(12);
        for (int iteration = 0; iteration < 3000; iteration++) {
            StringBuilder s = new StringBuilder(valid);
            for (int e = 1 + rng.nextInt(3); e > 0; e--) {
                int at = rng.nextInt(s.length());
                switch (rng.nextInt(3)) {
                    case 0 -> s.deleteCharAt(at);
                    case 1 -> s.insert(at, alphabet.charAt(rng.nextInt(alphabet.length())));
                    default -> s.setCharAt(at, alphabet.charAt(rng.nextInt(alphabet.length())));
                }
            }
            try {
                ModelGraphJson.fromJson(s.toString());
            } catch (ModelFormatException expected) {
                // rejected with a message
            } catch (RuntimeException | Error e) {
                throw new AssertionError("mutation threw " + e + " for: " + s, e);
            }
        }
    }

    static final String CONV = "{\"type\":\"conv2d\",\"inputs\":[\"x\"],\"output\":\"c\",\"groups\":1,\"stride\":[1,1],"
            + "\"dilation\":[1,1],\"padding\":[0,0,0,0],\"weights\":[[[[1,2],[3,4]]]],\"bias\":[0]}";
    static final String DENSE = "{\"type\":\"dense\",\"inputs\":[\"c\"],\"output\":\"y\",\"weights\":[[1,1,1,1]],"
            + "\"bias\":[0]}";
    static final String VALUES = "[{\"name\":\"x\",\"shape\":[1,3,3]},{\"name\":\"c\",\"shape\":[1,2,2]},"
            + "{\"name\":\"y\",\"shape\":[1]}]";

    /** A valid version-2 document: conv2d on a [1, 3, 3] input, then dense. */
    static String doc(String values, String nodes) {
        return "{\"format\":\"zkml4j-model\",\"version\":2,\"input\":\"x\",\"output\":\"y\",\"values\":" + values
                + ",\"nodes\":[" + nodes + "]}";
    }

    static String doc() {
        return doc(VALUES, CONV + "," + DENSE);
    }

    @Test
    void read_theValidFixtureIsValid() throws IOException {
        assertArrayEquals(new float[] {37 + 47 + 67 + 77},
                ModelGraphJson.fromJson(doc()).evaluate(Conv2dTest.NINE));
    }

    static Stream<Arguments> malformed() {
        String conv = CONV;
        return Stream.of(
                Arguments.of("unknown node type", doc(VALUES, conv.replace("conv2d", "conv3d") + "," + DENSE),
                        "node 0: unknown node type \"conv3d\"; supported types: dense, activation, softmax, conv2d,"),
                Arguments.of("missing inputs", doc(VALUES, conv.replace("\"inputs\":[\"x\"],", "") + "," + DENSE),
                        "node 0 (conv2d): missing field \"inputs\" (the names of the values it reads) (at $.nodes[0])"),
                Arguments.of("missing output", doc(VALUES, CONV + "," + DENSE.replace(",\"output\":\"y\"", "")),
                        "node 1 (dense): missing field \"output\" (the name of the value it produces)"),
                Arguments.of("missing stride", doc(VALUES, conv.replace("\"stride\":[1,1],", "") + "," + DENSE),
                        "node 0 (conv2d): missing field \"stride\" ([height, width]) (at $.nodes[0])"),
                Arguments.of("duplicate field", doc(VALUES, conv.replace("\"groups\":1,", "\"groups\":1,\"groups\":1,")
                        + "," + DENSE), "node 0 (conv2d): duplicate field \"groups\" (at $.nodes[0].groups)"),
                Arguments.of("field of another kind", doc(VALUES, conv.replace("\"groups\":1,", "\"groups\":1,"
                        + "\"kernel\":[2,2],") + "," + DENSE), "node 0 (conv2d): unexpected field \"kernel\"; a conv2d"
                                + " node has type, inputs, output (version 2), groups, stride, dilation, padding,"
                                + " weights, bias (at $.nodes[0].kernel)"),
                Arguments.of("groups zero", doc(VALUES, conv.replace("\"groups\":1", "\"groups\":0") + "," + DENSE),
                        "node 0 (conv2d): field \"groups\" must be an integer ≥ 1 (at most 2147483647), found 0"
                                + " (at $.nodes[0].groups)"),
                Arguments.of("stride of three", doc(VALUES, conv.replace("\"stride\":[1,1]", "\"stride\":[1,1,1]")
                        + "," + DENSE), "node 0 (conv2d): field \"stride\" ([height, width]) must be an array of 2"
                                + " integers ≥ 1; it has more values (at $.nodes[0].stride[2])"),
                Arguments.of("padding word", doc(VALUES, conv.replace("[0,0,0,0]", "\"valid\"") + "," + DENSE),
                        "node 0 (conv2d): field \"padding\" must be \"same\" or [top, bottom, left, right], found"
                                + " \"valid\" (at $.nodes[0].padding)"),
                Arguments.of("ragged filters", doc(VALUES, conv.replace("[[[[1,2],[3,4]]]]", "[[[[1,2],[3]]]]") + ","
                        + DENSE), "node 0 (conv2d): field \"weights\": ragged: weights[0][0][1] has 1 values but"
                                + " weights[0][0][0] has 2 (at $.nodes[0].weights[0][0][1])"),
                Arguments.of("flat filters", doc(VALUES, conv.replace("[[[[1,2],[3,4]]]]", "[[1,2],[3,4]]") + ","
                        + DENSE), "node 0 (conv2d): field \"weights\": weights[0][0] must be an array, found a number"
                                + " (weights is [out][in / groups][kernelH][kernelW]) (at $.nodes[0].weights[0][0])"),
                Arguments.of("filters before the type, two deep", doc(VALUES, "{\"weights\":[[1,2],[3,4]],"
                        + conv.substring(1).replace(",\"weights\":[[[[1,2],[3,4]]]]", "") + "," + DENSE),
                        "node 0 (conv2d): field \"weights\" has 2 dimensions; a conv2d node's weights are"
                                + " [out][in / groups][kernelH][kernelW] (at $.nodes[0].weights)"),
                Arguments.of("avgpool without countIncludePad", doc(VALUES.replace("[1,2,2]", "[1,1,1]"),
                        "{\"type\":\"avgpool2d\",\"inputs\":[\"x\"],\"output\":\"c\",\"kernel\":[3,3],\"stride\":[1,1],"
                                + "\"padding\":[0,0,0,0]}," + DENSE), "node 0 (avgpool2d): missing field"
                                + " \"countIncludePad\" (whether padding counts in the divisor)"),
                Arguments.of("bad shape rank", doc(VALUES.replace("[1,3,3]", "[3,3]"), CONV + "," + DENSE),
                        "value 0: field \"shape\" must be an array of 1 or 3 integers ≥ 1; it has 2"
                                + " (at $.values[0].shape)"),
                Arguments.of("zero extent", doc(VALUES.replace("[1,3,3]", "[1,0,3]"), CONV + "," + DENSE),
                        "value 0: field \"shape\" must be an array of 1 or 3 integers ≥ 1 (at most 2147483647),"
                                + " found 0 (at $.values[0].shape[1])"),
                Arguments.of("declared shape disagrees", doc(VALUES.replace("[1,2,2]", "[1,3,3]"), CONV + "," + DENSE),
                        "node 0 (conv2d): its output \"c\" has shape [1, 2, 2] but \"values\" declares [1, 3, 3]"
                                + " (at $.values[1].shape)"),
                Arguments.of("shapes do not chain", doc(VALUES, CONV + "," + DENSE.replace("[[1,1,1,1]]", "[[1,1,1]]")),
                        "node 1 (dense): takes 3 inputs but receives 4 from node 0 (at $.nodes)"),
                Arguments.of("undeclared output", doc(VALUES.replace(",{\"name\":\"c\",\"shape\":[1,2,2]}", ""),
                        CONV + "," + DENSE), "node 0 (conv2d): its output \"c\" is not declared in \"values\""
                                + " (at $.nodes[0].output)"),
                Arguments.of("undeclared input", doc(VALUES.replace("\"x\"", "\"z\""), CONV + "," + DENSE),
                        "the input \"x\" is not declared in \"values\" (at $.input)"),
                Arguments.of("value nobody produces", doc(VALUES.replace("]}]", "]},{\"name\":\"z\",\"shape\":[1]}]"),
                        CONV + "," + DENSE), "value \"z\" is declared but is neither the input nor the output of a"
                                + " node (at $.values[3])"),
                Arguments.of("value declared twice", doc(VALUES.replace("]}]", "]},{\"name\":\"c\",\"shape\":[1]}]"),
                        CONV + "," + DENSE), "value \"c\" is declared twice (values 1 and 3) (at $.values[3].name)"),
                Arguments.of("dangling name", doc(VALUES, CONV + "," + DENSE.replace("[\"c\"]", "[\"d\"]")),
                        "node 1 (dense): field \"inputs\": value \"d\" is not defined: it is neither the model input"
                                + " \"x\" nor the output of a node (at $.nodes)"),
                Arguments.of("cycle", doc(VALUES, conv.replace("[\"x\"]", "[\"y\"]") + "," + DENSE),
                        "node 0 (conv2d): field \"inputs\": value \"y\" is produced by node 1, which depends on node 0:"
                                + " the graph has a cycle (at $.nodes)"),
                Arguments.of("output not the last node's", doc(VALUES, CONV + "," + DENSE).replace("\"output\":\"y\",\"v",
                        "\"output\":\"c\",\"v"), "the model output \"c\" must be the value produced by the last node,"
                                + " node 1 (dense), which produces \"y\" (at $.nodes)"),
                Arguments.of("inputs not names", doc(VALUES, conv.replace("[\"x\"]", "[1]") + "," + DENSE),
                        "node 0 (conv2d): field \"inputs\", index 0 must be a string (a value's name), found a number"),
                Arguments.of("inputSize in version 2", doc().replace("\"input\":\"x\"", "\"inputSize\":9,\"input\":\"x\""),
                        "field \"inputSize\" is version 1's; version 2 declares the input's shape in \"values\""
                                + " (at $.inputSize)"),
                Arguments.of("missing values", doc().replace(",\"values\":" + VALUES, ""),
                        "missing field \"values\" (every value's name and shape) (at $)"),
                Arguments.of("values in version 1", ModelGraphJsonTest.doc(ModelGraphJsonTest.DENSE)
                        .replace("\"nodes\"", "\"values\":[],\"nodes\""), "field \"values\" is not part of version 1"
                                + " of the format (version 1 has inputSize and nodes applied in order); use version 2"
                                + " (at $.values)"),
                Arguments.of("wiring in version 1", ModelGraphJsonTest.doc(ModelGraphJsonTest.DENSE
                        .replace("{", "{\"inputs\":[\"v0\"],")), "node 0 (dense): field \"inputs\" is not part of"
                                + " version 1 of the format, whose nodes are applied in order; use version 2"
                                + " (at $.nodes[0].inputs)"),
                Arguments.of("unknown value field", doc(VALUES.replace("{\"name\":\"x\"", "{\"dtype\":1,\"name\":\"x\""),
                        CONV + "," + DENSE), "value 0: unknown field \"dtype\"; a value has name, shape"
                                + " (at $.values[0].dtype)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void read_malformedVersion2DocumentRejectedWithUsefulMessage(String name, String json, String expected) {
        String actual = message(json);
        assertTrue(actual.contains(expected), () -> "message \"" + actual + "\" lacks \"" + expected + "\"");
    }
}
