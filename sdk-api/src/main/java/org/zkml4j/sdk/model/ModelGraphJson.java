package org.zkml4j.sdk.model;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.EOFException;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The JSON form of a {@link ModelGraph}, format {@value #FORMAT} version {@value #VERSION}, specified
 * in {@code docs/model-format.md}:
 *
 * <pre>{@code
 * {"format":"zkml4j-model","version":1,"inputSize":2,"nodes":[
 *   {"type":"dense","weights":[[1.0,2.0],[0.5,-1.0]],"bias":[0.5,0.0]},
 *   {"type":"activation","function":"leaky_relu","alpha":0.01},
 *   {"type":"softmax"}]}
 * }</pre>
 *
 * <p>Writing emits every float with {@link Float#toString(float)}, and reading parses each number
 * literal with {@link Float#parseFloat(String)}, so a write–read round trip is bit-exact (including
 * {@code -0.0} and subnormals). Reading is strict and streaming (Gson's {@code JsonReader}, no
 * reflection): memory stays proportional to the document, and every defect is a
 * {@link ModelFormatException} whose message names the node index and field.
 */
public final class ModelGraphJson {

    /** The value of the {@code "format"} member. */
    public static final String FORMAT = "zkml4j-model";

    /** The format version this class reads and writes. */
    public static final int VERSION = 1;

    private static final String NODE_TYPES = "dense, activation, softmax";
    private static final String FUNCTIONS = "relu, leaky_relu, sigmoid, tanh, identity";
    private static final int FLUSH_CHARS = 1 << 14;

    private ModelGraphJson() {
    }

    /**
     * Reads one model document from {@code reader} (not closed), which must hold nothing else.
     *
     * @throws ModelFormatException if the document is not a valid model
     * @throws IOException if {@code reader} fails
     */
    public static ModelGraph read(Reader reader) throws IOException {
        return read(reader, ModelGraph.MAX_PARAMETERS);
    }

    /**
     * Reads the UTF-8 model file at {@code path}; error messages start with the path.
     *
     * @throws ModelFormatException if the file is not a valid model (or not UTF-8)
     * @throws IOException if the file cannot be read
     */
    public static ModelGraph read(Path path) throws IOException {
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return read(reader);
        } catch (ModelFormatException e) {
            throw new ModelFormatException(path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a model from a JSON string.
     *
     * @throws ModelFormatException if {@code json} is not a valid model
     */
    public static ModelGraph fromJson(String json) throws ModelFormatException {
        try {
            return read(new StringReader(json));
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("a StringReader failed", e);
        }
    }

    /**
     * Writes {@code model} to {@code writer} (flushed, not closed): one weight row per line,
     * floats via {@link Float#toString(float)}.
     */
    public static void write(ModelGraph model, Writer writer) throws IOException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(writer, "writer");
        StringBuilder out = new StringBuilder(FLUSH_CHARS + 1024);
        out.append("{\n  \"format\": \"").append(FORMAT).append("\",\n  \"version\": ").append(VERSION)
                .append(",\n  \"inputSize\": ").append(model.inputSize()).append(",\n  \"nodes\": [");
        List<Node> nodes = model.nodes();
        for (int n = 0; n < nodes.size(); n++) {
            out.append(n == 0 ? "\n    " : ",\n    ");
            Node node = nodes.get(n);
            if (node instanceof Dense d) {
                out.append("{\"type\": \"dense\", \"weights\": [");
                for (int o = 0; o < d.outputSize(); o++) {
                    out.append(o == 0 ? "\n      [" : ",\n      [");
                    for (int i = 0; i < d.inputSize(); i++) {
                        if (i > 0) {
                            out.append(", ");
                        }
                        out.append(Float.toString(d.weight(o, i)));
                        if (out.length() >= FLUSH_CHARS) {
                            writer.append(out);
                            out.setLength(0);
                        }
                    }
                    out.append(']');
                }
                out.append("\n    ], \"bias\": [");
                for (int o = 0; o < d.outputSize(); o++) {
                    if (o > 0) {
                        out.append(", ");
                    }
                    out.append(Float.toString(d.bias(o)));
                    if (out.length() >= FLUSH_CHARS) {
                        writer.append(out);
                        out.setLength(0);
                    }
                }
                out.append("]}");
            } else if (node instanceof Activation a) {
                out.append("{\"type\": \"activation\", \"function\": \"").append(functionName(a.kind())).append('"');
                if (a.kind() == ActivationKind.LEAKY_RELU) {
                    out.append(", \"alpha\": ").append(Float.toString(a.alpha()));
                }
                out.append('}');
            } else if (node instanceof Softmax) {
                out.append("{\"type\": \"softmax\"}");
            } else {
                throw new AssertionError(node.getClass());
            }
        }
        out.append("\n  ]\n}\n");
        writer.append(out);
        writer.flush();
    }

    /** Writes {@code model} as a UTF-8 file at {@code path}, replacing any existing file. */
    public static void write(ModelGraph model, Path path) throws IOException {
        try (Writer writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            write(model, writer);
        }
    }

    /** The document {@link #write(ModelGraph, Writer)} produces, as a string. */
    public static String toJson(ModelGraph model) {
        StringWriter out = new StringWriter();
        try {
            write(model, out);
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter failed", e);
        }
        return out.toString();
    }

    private static String functionName(ActivationKind kind) {
        switch (kind) {
            case RELU:
                return "relu";
            case LEAKY_RELU:
                return "leaky_relu";
            case SIGMOID:
                return "sigmoid";
            case TANH:
                return "tanh";
            case IDENTITY:
                return "identity";
            default:
                throw new AssertionError(kind);
        }
    }

    private static ActivationKind functionKind(String name) {
        switch (name) {
            case "relu":
                return ActivationKind.RELU;
            case "leaky_relu":
                return ActivationKind.LEAKY_RELU;
            case "sigmoid":
                return ActivationKind.SIGMOID;
            case "tanh":
                return ActivationKind.TANH;
            case "identity":
                return ActivationKind.IDENTITY;
            default:
                return null;
        }
    }

    /** {@link #read(Reader)} with a parameter limit; package-private so tests can use a small one. */
    static ModelGraph read(Reader reader, long maxParameters) throws IOException {
        Objects.requireNonNull(reader, "reader");
        SourceReader source = new SourceReader(reader);
        JsonReader json = new JsonReader(source);
        json.setStrictness(Strictness.STRICT);
        try {
            return new Parser(json, maxParameters).document();
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException e) {
            if (e == source.failure) {
                if (e instanceof CharacterCodingException) {
                    throw new ModelFormatException("the input is not valid text in its encoding (model files are"
                            + " UTF-8): " + e, e);
                }
                throw e;
            }
            throw syntaxError(e);
        } catch (IllegalStateException | NumberFormatException e) {
            // Not expected (the parser peeks before consuming), but never let them escape.
            throw new ModelFormatException("malformed JSON: " + e.getMessage(), e);
        }
    }

    /** Gson's syntax errors, without its advice to switch to lenient parsing. */
    private static ModelFormatException syntaxError(IOException e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        message = message.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON",
                "unexpected character");
        if (e instanceof EOFException) {
            return new ModelFormatException("the document is truncated: "
                    + message.replace("End of input", "end of input"), e);
        }
        return new ModelFormatException("malformed JSON: " + message, e);
    }

    /** Remembers an exception thrown by the wrapped reader, to tell I/O failures from bad syntax. */
    private static final class SourceReader extends FilterReader {
        IOException failure;

        SourceReader(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void close() {
            // The caller owns the reader.
        }
    }

    /** A growable float array: four bytes per number read, never more than the document holds. */
    private static final class FloatList {
        float[] values = new float[16];
        int size;

        void add(float v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        float[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    /** Recursive-descent over the fixed document structure; every value is peeked before use. */
    private static final class Parser {
        private static final int F_TYPE = 1;
        private static final int F_WEIGHTS = 2;
        private static final int F_BIAS = 4;
        private static final int F_FUNCTION = 8;
        private static final int F_ALPHA = 16;

        private final JsonReader json;
        private final long maxParameters;
        private long parameters;

        Parser(JsonReader json, long maxParameters) {
            this.json = json;
            this.maxParameters = maxParameters;
        }

        ModelGraph document() throws IOException {
            JsonToken first;
            try {
                first = json.peek();
            } catch (EOFException e) {
                throw new ModelFormatException("the document is empty; expected a JSON object"
                        + " {\"format\": \"" + FORMAT + "\", \"version\": " + VERSION + ", ...}", e);
            }
            if (first != JsonToken.BEGIN_OBJECT) {
                throw fail("$", "expected a JSON object {\"format\": \"" + FORMAT + "\", \"version\": " + VERSION
                        + ", ...}, found " + describe(first));
            }
            json.beginObject();
            boolean format = false;
            boolean version = false;
            int inputSize = 0;
            List<Node> nodes = null;
            while (json.hasNext()) {
                String name = json.nextName();
                switch (name) {
                    case "format":
                        duplicate(format, "$.format", "the top level", name);
                        format = true;
                        readFormat();
                        break;
                    case "version":
                        duplicate(version, "$.version", "the top level", name);
                        version = true;
                        readVersion();
                        break;
                    case "inputSize":
                        duplicate(inputSize != 0, "$.inputSize", "the top level", name);
                        inputSize = readInputSize();
                        break;
                    case "nodes":
                        duplicate(nodes != null, "$.nodes", "the top level", name);
                        nodes = readNodes();
                        break;
                    default:
                        throw fail("$." + abbreviate(name), "unknown field \"" + abbreviate(name)
                                + "\" at the top level; the fields are format, version, inputSize, nodes");
                }
            }
            json.endObject();
            try {
                JsonToken end = json.peek();
                if (end != JsonToken.END_DOCUMENT) {
                    throw fail("$", "unexpected content after the model object");
                }
            } catch (MalformedJsonException e) {
                throw new ModelFormatException("unexpected content after the model object: "
                        + syntaxError(e).getMessage().replace("malformed JSON: ", ""), e);
            }
            if (!format) {
                throw fail("$", "missing field \"format\" (must be \"" + FORMAT + "\")");
            }
            if (!version) {
                throw fail("$", "missing field \"version\" (must be " + VERSION + ")");
            }
            if (inputSize == 0) {
                throw fail("$", "missing field \"inputSize\" (the length of the input vector)");
            }
            if (nodes == null) {
                throw fail("$", "missing field \"nodes\" (the array of nodes)");
            }
            try {
                return new ModelGraph(inputSize, nodes);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(e.getMessage() + " (at $.nodes)", e);
            }
        }

        private void readFormat() throws IOException {
            JsonToken t = json.peek();
            if (t != JsonToken.STRING) {
                throw fail("$.format", "field \"format\" must be the string \"" + FORMAT + "\", found "
                        + describe(t));
            }
            String value = json.nextString();
            if (!FORMAT.equals(value)) {
                throw fail("$.format", "not a zkml4j model: \"format\" is \"" + abbreviate(value)
                        + "\", expected \"" + FORMAT + "\"");
            }
        }

        private void readVersion() throws IOException {
            JsonToken t = json.peek();
            if (t != JsonToken.NUMBER) {
                throw fail("$.version", "field \"version\" must be the number " + VERSION + ", found " + describe(t));
            }
            String literal = json.nextString();
            if (!literal.equals(Integer.toString(VERSION))) {
                throw fail("$.version", "unsupported format version " + abbreviate(literal)
                        + "; this reader supports version " + VERSION);
            }
        }

        private int readInputSize() throws IOException {
            JsonToken t = json.peek();
            if (t != JsonToken.NUMBER) {
                throw fail("$.inputSize", "field \"inputSize\" must be a positive integer, found " + describe(t));
            }
            String literal = json.nextString();
            boolean digits = !literal.isEmpty() && literal.length() <= 10 && literal.chars().allMatch(Character::isDigit);
            long value = digits ? Long.parseLong(literal) : -1;
            if (value <= 0 || value > Integer.MAX_VALUE) {
                throw fail("$.inputSize", "field \"inputSize\" must be an integer in [1, " + Integer.MAX_VALUE
                        + "], found " + abbreviate(literal));
            }
            return (int) value;
        }

        private List<Node> readNodes() throws IOException {
            JsonToken t = json.peek();
            if (t != JsonToken.BEGIN_ARRAY) {
                throw fail("$.nodes", "field \"nodes\" must be an array of node objects, found " + describe(t));
            }
            json.beginArray();
            List<Node> nodes = new ArrayList<>();
            while (json.hasNext()) {
                nodes.add(readNode(nodes.size()));
            }
            json.endArray();
            return nodes;
        }

        private Node readNode(int n) throws IOException {
            String path = "$.nodes[" + n + "]";
            JsonToken t = json.peek();
            if (t != JsonToken.BEGIN_OBJECT) {
                throw fail(path, "node " + n + ": expected an object with a \"type\" (" + NODE_TYPES + "), found "
                        + describe(t));
            }
            json.beginObject();
            int seen = 0;
            String type = null;
            String function = null;
            float alpha = 0f;
            float[][] weights = null;
            float[] bias = null;
            while (json.hasNext()) {
                String name = json.nextName();
                int field = fieldBit(name);
                if (field == 0) {
                    throw fail(path + "." + abbreviate(name), where(n, type) + ": unknown field \"" + abbreviate(name) + "\"; "
                            + fieldsOf(type));
                }
                if ((seen & field) != 0) {
                    throw fail(path + "." + name, where(n, type) + ": duplicate field \"" + name + "\"");
                }
                seen |= field;
                switch (field) {
                    case F_TYPE:
                        type = readString(path + ".type", where(n, null) + ": field \"type\" must be a string ("
                                + NODE_TYPES + ")");
                        break;
                    case F_WEIGHTS:
                        weights = readWeights(n, path + ".weights");
                        break;
                    case F_BIAS:
                        bias = readVector(n, path + ".bias");
                        break;
                    case F_FUNCTION:
                        function = readString(path + ".function", where(n, type) + ": field \"function\" must be"
                                + " a string (" + FUNCTIONS + ")");
                        break;
                    case F_ALPHA:
                        alpha = readFloat(path + ".alpha", where(n, type) + ": field \"alpha\"");
                        break;
                    default:
                        throw new AssertionError(field);
                }
            }
            json.endObject();
            if (type == null) {
                throw fail(path, "node " + n + ": missing field \"type\" (" + NODE_TYPES + ")");
            }
            switch (type) {
                case "dense":
                    onlyFields(n, path, type, seen, F_TYPE | F_WEIGHTS | F_BIAS);
                    require(n, path, type, seen, F_WEIGHTS, "weights", "the [out][in] weight matrix");
                    require(n, path, type, seen, F_BIAS, "bias", "one value per output");
                    try {
                        return new Dense(weights, bias);
                    } catch (IllegalArgumentException e) {
                        throw new ModelFormatException("node " + n + " (dense): "
                                + e.getMessage().replaceFirst("^dense: ", "") + " (at " + path + ")", e);
                    }
                case "activation": {
                    onlyFields(n, path, type, seen, F_TYPE | F_FUNCTION | F_ALPHA);
                    require(n, path, type, seen, F_FUNCTION, "function", FUNCTIONS);
                    ActivationKind kind = functionKind(function);
                    if (kind == null) {
                        throw fail(path + ".function", "node " + n + " (activation): unknown function \""
                                + abbreviate(function) + "\"; supported functions: " + FUNCTIONS);
                    }
                    if (kind == ActivationKind.LEAKY_RELU && (seen & F_ALPHA) == 0) {
                        throw fail(path, "node " + n + " (activation leaky_relu): missing field \"alpha\""
                                + " (the negative slope)");
                    }
                    if (kind != ActivationKind.LEAKY_RELU && (seen & F_ALPHA) != 0) {
                        throw fail(path + ".alpha", "node " + n + " (activation " + function + "): unexpected field"
                                + " \"alpha\"; only leaky_relu has one");
                    }
                    return new Activation(kind, alpha);
                }
                case "softmax":
                    onlyFields(n, path, type, seen, F_TYPE);
                    return new Softmax();
                default:
                    throw fail(path + ".type", "node " + n + ": unknown node type \"" + abbreviate(type)
                            + "\"; supported types: " + NODE_TYPES);
            }
        }

        private float[][] readWeights(int n, String path) throws IOException {
            String what = "node " + n + " (dense): field \"weights\"";
            JsonToken t = json.peek();
            if (t != JsonToken.BEGIN_ARRAY) {
                throw fail(path, what + " must be an array of rows (arrays of numbers), found " + describe(t));
            }
            json.beginArray();
            List<float[]> rows = new ArrayList<>();
            int columns = -1;
            while (json.hasNext()) {
                int r = rows.size();
                String rowPath = path + "[" + r + "]";
                t = json.peek();
                if (t != JsonToken.BEGIN_ARRAY) {
                    throw fail(rowPath, what + ": row " + r + " must be an array of numbers, found " + describe(t)
                            + " (weights is [out][in])");
                }
                json.beginArray();
                FloatList row = new FloatList();
                while (json.hasNext()) {
                    row.add(readFloat(rowPath + "[" + row.size + "]",
                            what + ": row " + r + ", column " + row.size));
                }
                json.endArray();
                if (row.size == 0) {
                    throw fail(rowPath, what + ": row " + r + " is empty");
                }
                if (columns < 0) {
                    columns = row.size;
                } else if (row.size != columns) {
                    throw fail(rowPath, what + ": ragged rows: row " + r + " has " + row.size
                            + " values but row 0 has " + columns);
                }
                rows.add(row.toArray());
            }
            json.endArray();
            if (rows.isEmpty()) {
                throw fail(path, what + " has no rows");
            }
            return rows.toArray(new float[0][]);
        }

        private float[] readVector(int n, String path) throws IOException {
            String what = "node " + n + " (dense): field \"bias\"";
            JsonToken t = json.peek();
            if (t != JsonToken.BEGIN_ARRAY) {
                throw fail(path, what + " must be an array of numbers, found " + describe(t));
            }
            json.beginArray();
            FloatList values = new FloatList();
            while (json.hasNext()) {
                values.add(readFloat(path + "[" + values.size + "]", what + ", index " + values.size));
            }
            json.endArray();
            return values.toArray();
        }

        /** A number literal rounded to the nearest float (exact for Float.toString output). */
        private float readFloat(String path, String what) throws IOException {
            JsonToken t = json.peek();
            if (t != JsonToken.NUMBER) {
                throw fail(path, what + " must be a number, found " + describe(t));
            }
            String literal = json.nextString();
            float value = Float.parseFloat(literal);
            if (!Float.isFinite(value)) {
                throw fail(path, what + ": " + abbreviate(literal) + " is outside the float range (magnitude at most "
                        + Float.MAX_VALUE + ")");
            }
            if (++parameters > maxParameters) {
                throw fail(path, "the model exceeds the limit of " + maxParameters + " parameters"
                        + (maxParameters == ModelGraph.MAX_PARAMETERS ? " (2^28)" : ""));
            }
            return value;
        }

        private String readString(String path, String expectation) throws IOException {
            JsonToken t = json.peek();
            if (t != JsonToken.STRING) {
                throw fail(path, expectation + ", found " + describe(t));
            }
            return json.nextString();
        }

        private static void duplicate(boolean seen, String path, String where, String name)
                throws ModelFormatException {
            if (seen) {
                throw fail(path, "duplicate field \"" + name + "\" at " + where);
            }
        }

        private static void onlyFields(int n, String path, String type, int seen, int allowed)
                throws ModelFormatException {
            int extra = seen & ~allowed;
            if (extra != 0) {
                String name = fieldName(Integer.lowestOneBit(extra));
                throw fail(path + "." + name, where(n, type) + ": unexpected field \"" + name + "\"; "
                        + fieldsOf(type));
            }
        }

        private static void require(int n, String path, String type, int seen, int field, String name,
                String meaning) throws ModelFormatException {
            if ((seen & field) == 0) {
                throw fail(path, where(n, type) + ": missing field \"" + name + "\" (" + meaning + ")");
            }
        }

        private static int fieldBit(String name) {
            switch (name) {
                case "type":
                    return F_TYPE;
                case "weights":
                    return F_WEIGHTS;
                case "bias":
                    return F_BIAS;
                case "function":
                    return F_FUNCTION;
                case "alpha":
                    return F_ALPHA;
                default:
                    return 0;
            }
        }

        private static String fieldName(int bit) {
            switch (bit) {
                case F_TYPE:
                    return "type";
                case F_WEIGHTS:
                    return "weights";
                case F_BIAS:
                    return "bias";
                case F_FUNCTION:
                    return "function";
                case F_ALPHA:
                    return "alpha";
                default:
                    throw new AssertionError(bit);
            }
        }

        private static String where(int n, String type) {
            return type == null ? "node " + n : "node " + n + " (" + abbreviate(type) + ")";
        }

        private static String fieldsOf(String type) {
            if (type == null) {
                return "node fields are type, weights, bias (dense), function, alpha (activation)";
            }
            switch (type) {
                case "dense":
                    return "a dense node has type, weights, bias";
                case "activation":
                    return "an activation node has type, function, alpha (leaky_relu only)";
                case "softmax":
                    return "a softmax node has only type";
                default:
                    return "supported node types: " + NODE_TYPES;
            }
        }

        private static String describe(JsonToken t) {
            switch (t) {
                case BEGIN_ARRAY:
                    return "an array";
                case BEGIN_OBJECT:
                    return "an object";
                case STRING:
                    return "a string";
                case NUMBER:
                    return "a number";
                case BOOLEAN:
                    return "a boolean";
                case NULL:
                    return "null";
                case END_DOCUMENT:
                    return "the end of the document";
                default:
                    return t.toString();
            }
        }

        private static ModelFormatException fail(String path, String message) {
            return new ModelFormatException(message + " (at " + path + ")");
        }
    }

    /** A user-supplied string for a message: at most 40 characters. */
    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
