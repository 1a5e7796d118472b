package org.zkml4j.sdk.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ModelGraphJsonTest {
    static final String DENSE = "{\"type\":\"dense\",\"weights\":[[1,2],[3,4]],\"bias\":[0,0]}";
    static final String RELU = "{\"type\":\"activation\",\"function\":\"relu\"}";
    static final String TYPES = "dense, activation, softmax, conv2d, maxpool2d, avgpool2d, globalavgpool,"
            + " globalmaxpool, batchnorm, add, concat, flatten, reshape";

    /** A valid version-1 document with input size 2 and the given node objects. */
    static String doc(String nodes) {
        return "{\"format\":\"zkml4j-model\",\"version\":1,\"inputSize\":2,\"nodes\":[" + nodes + "]}";
    }

    /** A document with the given top-level members. */
    static String top(String members) {
        return "{" + members + "}";
    }

    static String resource(String name) throws IOException {
        try (InputStream in = ModelGraphJsonTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static ModelGraph everyNodeKind() {
        return ModelGraph.of(2,
                ModelGraphTest.first(),
                Activation.leakyRelu(0.01f),
                Activation.sigmoid(),
                Activation.tanh(),
                Activation.identity(),
                Activation.relu(),
                ModelGraphTest.second(),
                new Softmax());
    }

    static String message(String json) {
        return assertThrows(ModelFormatException.class, () -> ModelGraphJson.fromJson(json)).getMessage();
    }

    static void assertMessageContains(String expected, String json) {
        String actual = message(json);
        assertTrue(actual.contains(expected), () -> "message \"" + actual + "\" lacks \"" + expected + "\"");
    }

    @Test
    void roundTrip_everyNodeKind() throws IOException {
        ModelGraph model = everyNodeKind();
        assertEquals(model, ModelGraphJson.fromJson(ModelGraphJson.toJson(model)));
        StringWriter out = new StringWriter();
        ModelGraphJson.write(model, out);
        assertEquals(model, ModelGraphJson.read(new StringReader(out.toString())));
    }

    @Test
    void roundTrip_floatsAreBitExact() throws IOException {
        float[] special = {
            0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MIN_NORMAL / 3,
            Math.nextDown(Float.MIN_NORMAL), 1e-38f, -1e-38f, 1e-45f, Float.MAX_VALUE, -Float.MAX_VALUE,
            0.1f, 1f / 3, Math.nextUp(1f), Math.nextDown(1f), 16777217f, 3.4e38f, 123456.79f, -2.5e-7f,
        };
        SplittableRandom rng = new SplittableRandom(7);
        int columns = 1 << 12;
        float[][] weights = new float[17][columns];
        for (float[] row : weights) {
            for (int i = 0; i < columns; i++) {
                float f;
                do {
                    f = Float.intBitsToFloat(rng.nextInt());
                } while (!Float.isFinite(f));
                row[i] = f;
            }
        }
        System.arraycopy(special, 0, weights[0], 0, special.length);
        float[] bias = new float[17];
        System.arraycopy(special, 0, bias, 0, bias.length);
        Dense dense = new Dense(weights, bias);
        ModelGraph back = ModelGraphJson.fromJson(ModelGraphJson.toJson(ModelGraph.of(columns, dense)));
        Dense read = (Dense) back.nodes().get(0);
        for (int o = 0; o < weights.length; o++) {
            for (int i = 0; i < columns; i++) {
                assertEquals(Float.floatToRawIntBits(weights[o][i]), Float.floatToRawIntBits(read.weight(o, i)),
                        "weights[" + o + "][" + i + "] = " + weights[o][i]);
            }
            assertEquals(Float.floatToRawIntBits(bias[o]), Float.floatToRawIntBits(read.bias(o)));
        }
        assertEquals(dense, read);
    }

    @Test
    void roundTrip_leakyReluAlphaIsExact() throws IOException {
        ModelGraph model = ModelGraph.of(2, ModelGraphTest.first(), Activation.leakyRelu(Float.MIN_VALUE));
        assertEquals(model, ModelGraphJson.fromJson(ModelGraphJson.toJson(model)));
    }

    @Test
    void roundTrip_viaFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.json");
        ModelGraphJson.write(everyNodeKind(), file);
        assertEquals(everyNodeKind(), ModelGraphJson.read(file));
    }

    @Test
    void write_tinyModelMatchesGoldenFile() throws IOException {
        assertEquals(resource("tiny-mlp-v2.json"), ModelGraphJson.toJson(ModelGraphTest.tinyMlp()));
    }

    @Test
    void read_goldenFileEvaluatesToHandComputedProbabilities() throws IOException {
        ModelGraph model = ModelGraphJson.fromJson(resource("tiny-mlp.json"));
        assertEquals(ModelGraphTest.tinyMlp(), model);
        assertTrue(model.isClassifier());
        assertArrayEquals(new float[] {0.0024726232f, 0.99752738f}, model.evaluate(new float[] {1, -2}), 1e-7f);
    }

    @Test
    void read_membersInAnyOrderAndAnyNumberSpelling() throws IOException {
        ModelGraph model = ModelGraphJson.fromJson(resource("every-activation.json"));
        assertEquals(2, model.inputSize());
        assertEquals(6, model.nodes().size());
        assertEquals(Activation.leakyRelu(0.01f), model.nodes().get(1));
        assertEquals(Activation.sigmoid(), model.nodes().get(2));
        assertEquals(Activation.tanh(), model.nodes().get(3));
        assertEquals(Activation.identity(), model.nodes().get(4));
        Dense first = (Dense) model.nodes().get(0);
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(first.bias(1)));
        assertEquals(1e-3f, first.bias(2));
        assertEquals(new Dense(new float[][] {{1f, -1.5f, 0.25f}}, new float[1]), model.nodes().get(5));
        assertEquals(1, model.outputSize());
    }

    @Test
    void read_numbersRoundToNearestFloat() throws IOException {
        Dense d = (Dense) ModelGraphJson.fromJson(doc("{\"type\":\"dense\","
                + "\"weights\":[[1e-50,-1e-50,1E2,3.4028235e38,0.30000000000000004,-0]],\"bias\":[7]}")
                .replace("\"inputSize\":2", "\"inputSize\":6")).nodes().get(0);
        assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(d.weight(0, 0)));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(d.weight(0, 1)));
        assertEquals(100f, d.weight(0, 2));
        assertEquals(Float.MAX_VALUE, d.weight(0, 3));
        assertEquals(0.3f, d.weight(0, 4));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(d.weight(0, 5)));
    }

    @Test
    void read_ignoresByteOrderMarkAndWhitespace() throws IOException {
        assertEquals(2, ModelGraphJson.fromJson("\uFEFF \n" + doc(DENSE) + "\n\n").outputSize());
    }

    @Test
    void read_emptyDocumentSaysSo() {
        assertMessageContains("the document is empty", "");
        assertMessageContains("the document is empty", " \n\t");
    }

    @Test
    void read_wrongFormatSaysNotAZkml4jModel() {
        assertEquals("not a zkml4j model: \"format\" is \"onnx\", expected \"zkml4j-model\" (at $.format)",
                message("{\"format\":\"onnx\",\"version\":1}"));
    }

    @Test
    void read_unsupportedVersionNamesSupportedVersion() {
        assertEquals("unsupported format version 3; this reader supports versions 1 and 2 (at $.version)",
                message(doc(DENSE).replace("\"version\":1", "\"version\":3")));
    }

    @Test
    void read_unknownNodeTypeNamesSupportedTypes() {
        assertEquals("node 1: unknown node type \"conv3d\"; supported types: " + TYPES
                + " (at $.nodes[1].type)", message(doc(DENSE + ",{\"type\":\"conv3d\"}")));
    }

    @Test
    void read_version1RefusesVersion2NodeTypes() {
        assertEquals("node 1: node type \"conv2d\" needs version 2 of the format; version 1 has dense, activation,"
                + " softmax (at $.nodes[1].type)", message(doc(DENSE + ",{\"type\":\"conv2d\"}")));
    }

    @Test
    void read_unknownFunctionNamesSupportedFunctions() {
        assertEquals("node 1 (activation): unknown function \"gelu\"; supported functions: relu, leaky_relu,"
                + " sigmoid, tanh, identity (at $.nodes[1].function)",
                message(doc(DENSE + ",{\"type\":\"activation\",\"function\":\"gelu\"}")));
    }

    @Test
    void read_raggedWeightsNamesNodeAndRow() {
        assertEquals("node 1 (dense): field \"weights\": ragged rows: row 1 has 1 values but row 0 has 2"
                + " (at $.nodes[1].weights[1])",
                message(doc(DENSE + ",{\"type\":\"dense\",\"weights\":[[1,2],[3]],\"bias\":[0,0]}")));
    }

    @Test
    void read_nonNumberWeightNamesRowAndColumn() {
        assertEquals("node 0 (dense): field \"weights\": row 1, column 0 must be a number, found a string"
                + " (at $.nodes[0].weights[1][0])",
                message(doc("{\"type\":\"dense\",\"weights\":[[1,2],[\"3\",4]],\"bias\":[0,0]}")));
    }

    @Test
    void read_outOfRangeNumberSaysFloatRange() {
        assertEquals("node 0 (dense): field \"bias\", index 1: -1e39 is outside the float range (magnitude at"
                + " most 3.4028235E38) (at $.nodes[0].bias[1])",
                message(doc("{\"type\":\"dense\",\"weights\":[[1,2],[3,4]],\"bias\":[0,-1e39]}")));
    }

    @Test
    void read_shapeMismatchNamesNodes() {
        assertEquals("node 2 (dense): takes 3 inputs but receives 2 from node 1 (at $.nodes)",
                message(doc(DENSE + "," + RELU + ",{\"type\":\"dense\",\"weights\":[[1,2,3]],\"bias\":[0]}")));
    }

    @Test
    void read_trailingGarbageRejected() {
        assertMessageContains("unexpected content after the model object", doc(DENSE) + " x");
        assertMessageContains("unexpected content after the model object", doc(DENSE) + doc(DENSE));
    }

    @Test
    void read_parameterLimitEnforcedWhileReading() {
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelGraphJson.read(new StringReader(doc(DENSE)), 5));
        assertEquals("the model exceeds the limit of 5 parameters (at $.nodes[0].bias[1])", e.getMessage());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("top-level array", "[]", "expected a JSON object {\"format\": \"zkml4j-model\""),
                Arguments.of("top-level null", "null", "found null (at $)"),
                Arguments.of("top-level string", "\"zkml4j-model\"", "found a string (at $)"),
                Arguments.of("format not a string", top("\"format\":1"),
                        "field \"format\" must be the string \"zkml4j-model\", found a number (at $.format)"),
                Arguments.of("missing format", top("\"version\":1,\"inputSize\":2,\"nodes\":[" + DENSE + "]"),
                        "missing field \"format\" (must be \"zkml4j-model\") (at $)"),
                Arguments.of("version 1.0", doc(DENSE).replace("\"version\":1", "\"version\":1.0"),
                        "unsupported format version 1.0"),
                Arguments.of("version string", doc(DENSE).replace("\"version\":1", "\"version\":\"1\""),
                        "field \"version\" must be the number 1 or 2, found a string (at $.version)"),
                Arguments.of("missing version", doc(DENSE).replace("\"version\":1,", ""),
                        "missing field \"version\" (must be 1 or 2)"),
                Arguments.of("missing inputSize", doc(DENSE).replace("\"inputSize\":2,", ""),
                        "missing field \"inputSize\""),
                Arguments.of("inputSize zero", doc(DENSE).replace("\"inputSize\":2", "\"inputSize\":0"),
                        "field \"inputSize\" must be an integer in [1, 2147483647], found 0 (at $.inputSize)"),
                Arguments.of("inputSize negative", doc(DENSE).replace("\"inputSize\":2", "\"inputSize\":-2"),
                        "must be an integer in [1, 2147483647], found -2"),
                Arguments.of("inputSize fraction", doc(DENSE).replace("\"inputSize\":2", "\"inputSize\":2.5"),
                        "found 2.5"),
                Arguments.of("inputSize exponent", doc(DENSE).replace("\"inputSize\":2", "\"inputSize\":2e0"),
                        "found 2e0"),
                Arguments.of("inputSize too large", doc(DENSE).replace("\"inputSize\":2", "\"inputSize\":3000000000"),
                        "found 3000000000"),
                Arguments.of("inputSize string", doc(DENSE).replace("\"inputSize\":2", "\"inputSize\":\"2\""),
                        "field \"inputSize\" must be a positive integer, found a string"),
                Arguments.of("missing nodes", top("\"format\":\"zkml4j-model\",\"version\":1,\"inputSize\":2"),
                        "missing field \"nodes\""),
                Arguments.of("nodes object", doc(DENSE).replaceFirst("\\[.*\\]\\}$", "{}}"),
                        "field \"nodes\" must be an array of node objects, found an object (at $.nodes)"),
                Arguments.of("no nodes", doc(""), "a model needs at least one dense or conv2d node; the node list is empty"),
                Arguments.of("only activations", doc(RELU), "a model needs at least one dense or conv2d node"),
                Arguments.of("node is a number", doc(DENSE + ",7"),
                        "node 1: expected an object with a \"type\" (" + TYPES + "), found a number"
                                + " (at $.nodes[1])"),
                Arguments.of("node is an array", doc("[" + DENSE + "]"), "node 0: expected an object"),
                Arguments.of("missing type", doc("{\"weights\":[[1,2]],\"bias\":[0]}"),
                        "node 0: missing field \"type\" (" + TYPES + ") (at $.nodes[0])"),
                Arguments.of("type not a string", doc("{\"type\":1}"),
                        "node 0: field \"type\" must be a string (" + TYPES + "), found a number"
                                + " (at $.nodes[0].type)"),
                Arguments.of("type null", doc("{\"type\":null}"), "found null (at $.nodes[0].type)"),
                Arguments.of("type is case-sensitive", doc("{\"type\":\"Dense\"}"), "unknown node type \"Dense\""),
                Arguments.of("missing function", doc(DENSE + ",{\"type\":\"activation\"}"),
                        "node 1 (activation): missing field \"function\""),
                Arguments.of("function null", doc(DENSE + ",{\"type\":\"activation\",\"function\":null}"),
                        "node 1 (activation): field \"function\" must be a string (relu, leaky_relu, sigmoid, tanh,"
                                + " identity), found null"),
                Arguments.of("leaky_relu without alpha",
                        doc(DENSE + ",{\"type\":\"activation\",\"function\":\"leaky_relu\"}"),
                        "node 1 (activation leaky_relu): missing field \"alpha\" (the negative slope)"),
                Arguments.of("relu with alpha",
                        doc(DENSE + ",{\"type\":\"activation\",\"function\":\"relu\",\"alpha\":0}"),
                        "node 1 (activation relu): unexpected field \"alpha\"; only leaky_relu has one"
                                + " (at $.nodes[1].alpha)"),
                Arguments.of("alpha string",
                        doc(DENSE + ",{\"type\":\"activation\",\"function\":\"leaky_relu\",\"alpha\":\"0.1\"}"),
                        "node 1 (activation): field \"alpha\" must be a number, found a string"),
                Arguments.of("alpha out of range",
                        doc(DENSE + ",{\"type\":\"activation\",\"function\":\"leaky_relu\",\"alpha\":1e40}"),
                        "1e40 is outside the float range"),
                Arguments.of("dense without weights", doc("{\"type\":\"dense\",\"bias\":[0]}"),
                        "node 0 (dense): missing field \"weights\" (the [out][in] weight matrix)"),
                Arguments.of("dense without bias", doc("{\"type\":\"dense\",\"weights\":[[1,2]]}"),
                        "node 0 (dense): missing field \"bias\" (one value per output)"),
                Arguments.of("weights flat", doc("{\"type\":\"dense\",\"weights\":[1,2],\"bias\":[0]}"),
                        "node 0 (dense): field \"weights\": row 0 must be an array of numbers, found a number"
                                + " (weights is [out][in]) (at $.nodes[0].weights[0])"),
                Arguments.of("weights three deep", doc("{\"type\":\"dense\",\"weights\":[[[1,2]]],\"bias\":[0]}"),
                        "row 0, column 0 must be a number, found an array (at $.nodes[0].weights[0][0])"),
                Arguments.of("weights object", doc("{\"type\":\"dense\",\"weights\":{},\"bias\":[0]}"),
                        "field \"weights\" must be an array of rows (arrays of numbers), found an object"),
                Arguments.of("weights no rows", doc("{\"type\":\"dense\",\"weights\":[],\"bias\":[]}"),
                        "node 0 (dense): field \"weights\" has no rows (at $.nodes[0].weights)"),
                Arguments.of("weights empty row", doc("{\"type\":\"dense\",\"weights\":[[]],\"bias\":[0]}"),
                        "node 0 (dense): field \"weights\": row 0 is empty (at $.nodes[0].weights[0])"),
                Arguments.of("weight null", doc("{\"type\":\"dense\",\"weights\":[[1,null]],\"bias\":[0]}"),
                        "row 0, column 1 must be a number, found null"),
                Arguments.of("weight boolean", doc("{\"type\":\"dense\",\"weights\":[[true,1]],\"bias\":[0]}"),
                        "row 0, column 0 must be a number, found a boolean"),
                Arguments.of("weight out of range", doc("{\"type\":\"dense\",\"weights\":[[1,3.5e38]],\"bias\":[0]}"),
                        "node 0 (dense): field \"weights\": row 0, column 1: 3.5e38 is outside the float range"),
                Arguments.of("bias wrong length", doc("{\"type\":\"dense\",\"weights\":[[1,2],[3,4]],\"bias\":[0]}"),
                        "node 0 (dense): bias has 1 values but weights has 2 rows (one bias per output)"
                                + " (at $.nodes[0])"),
                Arguments.of("bias not an array", doc("{\"type\":\"dense\",\"weights\":[[1,2]],\"bias\":0}"),
                        "node 0 (dense): field \"bias\" must be an array of numbers, found a number"),
                Arguments.of("bias nested", doc("{\"type\":\"dense\",\"weights\":[[1,2]],\"bias\":[[0]]}"),
                        "node 0 (dense): field \"bias\", index 0 must be a number, found an array"),
                Arguments.of("unknown top-level field", doc(DENSE).replace("{\"format\"", "{\"metadata\":{},\"format\""),
                        "unknown field \"metadata\" at the top level; the fields are format, version, then inputSize,"
                                + " nodes (version 1) or input, output, values, nodes (version 2) (at $.metadata)"),
                Arguments.of("unknown node field", doc(DENSE.replace("\"bias\"", "\"activation\":\"relu\",\"bias\"")),
                        "node 0 (dense): unknown field \"activation\"; a dense node has type, inputs, output (version 2), weights, bias"),
                Arguments.of("unknown field before type", doc("{\"name\":\"fc1\"}"),
                        "node 0: unknown field \"name\"; a node has type, inputs, output (version 2) and the fields"
                                + " of its type"),
                Arguments.of("dense with function", doc(DENSE.replace("}", ",\"function\":\"relu\"}")),
                        "node 0 (dense): unexpected field \"function\"; a dense node has type, inputs, output (version 2),"
                                + " weights, bias"),
                Arguments.of("softmax with weights", doc(DENSE + ",{\"type\":\"softmax\",\"weights\":[[1]]}"),
                        "node 1 (softmax): unexpected field \"weights\"; a softmax node has only type, inputs, output"),
                Arguments.of("softmax not last", doc(DENSE + ",{\"type\":\"softmax\"}," + RELU),
                        "node 1 (softmax): softmax must be the last node (a classifier's output), but 1 node"
                                + " follows"),
                Arguments.of("duplicate top-level field", doc(DENSE).replace("\"version\":1", "\"version\":1,\"version\":1"),
                        "duplicate field \"version\" at the top level"),
                Arguments.of("duplicate node field", doc(DENSE.replace("}", ",\"bias\":[1,1]}")),
                        "node 0 (dense): duplicate field \"bias\" (at $.nodes[0].bias)"),
                Arguments.of("NaN literal", doc("{\"type\":\"dense\",\"weights\":[[NaN]],\"bias\":[0]}"),
                        "malformed JSON: unexpected character at line 1"),
                Arguments.of("Infinity literal", doc("{\"type\":\"dense\",\"weights\":[[-Infinity]],\"bias\":[0]}"),
                        "malformed JSON"),
                Arguments.of("leading zero", doc("{\"type\":\"dense\",\"weights\":[[01]],\"bias\":[0]}"),
                        "malformed JSON"),
                Arguments.of("trailing comma", doc(DENSE + ","), "malformed JSON"),
                Arguments.of("comment", "// model\n" + doc(DENSE), "malformed JSON"),
                Arguments.of("single quotes", doc(DENSE).replace("\"format\"", "'format'"), "malformed JSON"),
                Arguments.of("unquoted name", doc(DENSE).replace("\"format\"", "format"), "malformed JSON"),
                Arguments.of("missing colon", doc(DENSE).replace("\"format\":", "\"format\" "), "malformed JSON"),
                Arguments.of("truncated", doc(DENSE).substring(0, doc(DENSE).indexOf("[[") + 4),
                        "the document is truncated: end of input at line 1 column"),
                Arguments.of("truncated in a string", doc(DENSE).substring(0, 40),
                        "malformed JSON: Unterminated string"),
                Arguments.of("bad escape", doc(DENSE).replace("zkml4j-model", "zkml4j\\x"), "malformed JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void read_malformedDocumentRejectedWithUsefulMessage(String name, String json, String expected) {
        assertMessageContains(expected, json);
    }

    @Test
    void read_everyTruncationRejected() {
        for (String valid : new String[] {ModelGraphJson.toJson(everyNodeKind()), compact(everyNodeKind())}) {
            int end = valid.lastIndexOf('}');
            for (int length = 0; length <= end; length++) {
                String prefix = valid.substring(0, length);
                try {
                    ModelGraphJson.fromJson(prefix);
                    fail("accepted a truncated document: " + prefix);
                } catch (ModelFormatException expected) {
                    assertTrue(expected.getMessage() != null && !expected.getMessage().isEmpty());
                } catch (RuntimeException | Error e) {
                    throw new AssertionError("truncation at " + length + " threw " + e, e);
                }
            }
        }
    }

    @Test
    void read_randomMutationsRejectedOrAcceptedButNeverCrash() {
        String valid = compact(everyNodeKind());
        String alphabet = "{}[],:\"-+.eE0123456789 \\tnulrsayp";
        SplittableRandom rng = new SplittableRandom(2024);
        for (int iteration = 0; iteration < 5000; iteration++) {
            StringBuilder s = new StringBuilder(valid);
            int edits = 1 + rng.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = rng.nextInt(s.length());
                switch (rng.nextInt(4)) {
                    case 0:
                        s.deleteCharAt(at);
                        break;
                    case 1:
                        s.insert(at, alphabet.charAt(rng.nextInt(alphabet.length())));
                        break;
                    case 2:
                        s.setCharAt(at, alphabet.charAt(rng.nextInt(alphabet.length())));
                        break;
                    default:
                        int from = rng.nextInt(s.length());
                        int to = Math.min(s.length(), from + 1 + rng.nextInt(20));
                        s.insert(at, s.substring(from, to));
                        break;
                }
            }
            String mutated = s.toString();
            try {
                ModelGraphJson.fromJson(mutated);
            } catch (ModelFormatException expected) {
                // fine: rejected with a message
            } catch (RuntimeException | Error e) {
                throw new AssertionError("mutation threw " + e + " for: " + mutated, e);
            }
        }
    }

    @Test
    void read_pathInvalidUtf8IsAFormatErrorNamingTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.json");
        byte[] prefix = "{\"format\":\"zkml4j-".getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[prefix.length + 2];
        System.arraycopy(prefix, 0, bytes, 0, prefix.length);
        bytes[prefix.length] = (byte) 0xff;
        bytes[prefix.length + 1] = '"';
        Files.write(file, bytes);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelGraphJson.read(file));
        assertTrue(e.getMessage().startsWith(file + ": the input is not valid text in its encoding"), e.getMessage());
    }

    @Test
    void read_pathFormatErrorStartsWithThePath(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("empty.json");
        Files.writeString(file, "");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelGraphJson.read(file));
        assertTrue(e.getMessage().startsWith(file + ": the document is empty"), e.getMessage());
    }

    @Test
    void read_missingFileIsAnIoExceptionNotAFormatError(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> ModelGraphJson.read(dir.resolve("absent.json")));
        assertTrue(!(e instanceof ModelFormatException), e.toString());
    }

    @Test
    void read_readerFailurePropagatesUnchanged() {
        for (IOException failure : new IOException[] {new IOException("disk on fire"), new EOFException("cut")}) {
            Reader failing = new Reader() {
                private boolean first = true;

                @Override
                public int read(char[] buffer, int offset, int length) throws IOException {
                    if (first) {
                        first = false;
                        buffer[offset] = '{';
                        return 1;
                    }
                    throw failure;
                }

                @Override
                public void close() {
                }
            };
            assertSame(failure, assertThrows(IOException.class, () -> ModelGraphJson.read(failing)));
        }
    }

    @Test
    void write_flushesLargeModelsInChunks() throws IOException {
        SplittableRandom rng = new SplittableRandom(3);
        float[][] w = new float[64][300];
        for (float[] row : w) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) rng.nextGaussian();
            }
        }
        ModelGraph model = ModelGraph.of(300, new Dense(w, new float[64]), Activation.tanh());
        StringWriter out = new StringWriter();
        ModelGraphJson.write(model, out);
        assertEquals(ModelGraphJson.toJson(model), out.toString());
        assertEquals(model, ModelGraphJson.read(new StringReader(out.toString())));
    }

    /** The writer's document with all whitespace removed (still valid: no string holds a space). */
    static String compact(ModelGraph model) {
        return ModelGraphJson.toJson(model).replaceAll("\\s+", "");
    }
}
