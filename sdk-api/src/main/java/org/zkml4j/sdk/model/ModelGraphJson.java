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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The JSON form of a {@link ModelGraph}, format {@value #FORMAT}, specified in
 * {@code docs/model-format.md}. Writers write version {@value #VERSION} (named values with shapes,
 * nodes with their inputs and output); readers read versions 1 (a chain over a flat input) and 2:
 *
 * <pre>{@code
 * {"format":"zkml4j-model","version":2,"input":"x","output":"p",
 *  "values":[{"name":"x","shape":[2]},{"name":"h","shape":[2]},{"name":"p","shape":[2]}],
 *  "nodes":[
 *   {"type":"dense","inputs":["x"],"output":"h","weights":[[1.0,2.0],[0.5,-1.0]],"bias":[0.5,0.0]},
 *   {"type":"softmax","inputs":["h"],"output":"p"}]}
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

    /** The format version this class writes; it reads this one and version 1. */
    public static final int VERSION = 2;

    private static final List<String> TYPES = List.of("dense", "activation", "softmax", "conv2d", "maxpool2d",
            "avgpool2d", "globalavgpool", "globalmaxpool", "batchnorm", "add", "concat", "flatten", "reshape");
    private static final List<String> V1_TYPES = TYPES.subList(0, 3);
    private static final String NODE_TYPES = String.join(", ", TYPES);
    private static final String V1_NODE_TYPES = String.join(", ", V1_TYPES);
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
     * Writes {@code model} to {@code writer} (flushed, not closed) in version {@value #VERSION}: one
     * value and one node per line, one weight row (one convolution filter) per line, floats via
     * {@link Float#toString(float)}.
     */
    public static void write(ModelGraph model, Writer writer) throws IOException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(writer, "writer");
        Output out = new Output(writer);
        out.append("{\n  \"format\": \"").append(FORMAT).append("\",\n  \"version\": ").append(Integer.toString(VERSION))
                .append(",\n  \"input\": ").append(quote(model.inputName()))
                .append(",\n  \"output\": ").append(quote(model.outputName()))
                .append(",\n  \"values\": [\n    {\"name\": ").append(quote(model.inputName()))
                .append(", \"shape\": ").append(model.inputShape().toString()).append('}');
        List<GraphNode> nodes = model.graphNodes();
        for (int n = 0; n < nodes.size(); n++) {
            out.append(",\n    {\"name\": ").append(quote(nodes.get(n).output())).append(", \"shape\": ")
                    .append(model.outputShapeOf(n).toString()).append('}');
        }
        out.append("\n  ],\n  \"nodes\": [");
        for (int n = 0; n < nodes.size(); n++) {
            out.append(n == 0 ? "\n    " : ",\n    ");
            writeNode(nodes.get(n), out);
        }
        out.append("\n  ]\n}\n");
        out.flush();
    }

    private static void writeNode(GraphNode g, Output out) throws IOException {
        Node node = g.op();
        out.append("{\"type\": \"").append(node.type()).append("\", \"inputs\": [");
        for (int k = 0; k < g.inputs().size(); k++) {
            out.append(k == 0 ? "" : ", ").append(quote(g.inputs().get(k)));
        }
        out.append("], \"output\": ").append(quote(g.output()));
        if (node instanceof Dense d) {
            out.append(", \"weights\": [");
            for (int o = 0; o < d.outputSize(); o++) {
                out.append(o == 0 ? "\n      [" : ",\n      [");
                for (int i = 0; i < d.inputSize(); i++) {
                    out.append(i == 0 ? "" : ", ").number(d.weight(o, i));
                }
                out.append(']');
            }
            out.append("\n    ], \"bias\": ");
            out.vector(d.bias());
        } else if (node instanceof Activation a) {
            out.append(", \"function\": \"").append(functionName(a.kind())).append('"');
            if (a.kind() == ActivationKind.LEAKY_RELU) {
                out.append(", \"alpha\": ").number(a.alpha());
            }
        } else if (node instanceof Conv2d c) {
            Window2d w = c.window();
            out.append(", \"groups\": ").append(Integer.toString(c.groups()));
            pair(out, "stride", w.strideH(), w.strideW());
            pair(out, "dilation", w.dilationH(), w.dilationW());
            out.append(", \"padding\": ").append(padding(w.padding())).append(", \"weights\": [");
            for (int o = 0; o < c.outputChannels(); o++) {
                out.append(o == 0 ? "\n      [" : ",\n      [");
                for (int ch = 0; ch < c.channelsPerGroup(); ch++) {
                    out.append(ch == 0 ? "[" : ", [");
                    for (int i = 0; i < w.kernelH(); i++) {
                        out.append(i == 0 ? "[" : ", [");
                        for (int j = 0; j < w.kernelW(); j++) {
                            out.append(j == 0 ? "" : ", ").number(c.weight(o, ch, i, j));
                        }
                        out.append(']');
                    }
                    out.append(']');
                }
                out.append(']');
            }
            out.append("\n    ], \"bias\": ");
            out.vector(c.bias());
        } else if (node instanceof MaxPool2d p) {
            window(out, p.window());
        } else if (node instanceof AvgPool2d p) {
            window(out, p.window());
            out.append(", \"countIncludePad\": ").append(Boolean.toString(p.countIncludePad()));
        } else if (node instanceof BatchNorm b) {
            out.append(", \"scale\": ");
            out.vector(b.scale());
            out.append(", \"shift\": ");
            out.vector(b.shift());
        } else if (node instanceof Reshape r) {
            out.append(", \"shape\": ").append(r.shape().toString());
        }
        out.append('}');
    }

    private static void window(Output out, Window2d w) throws IOException {
        pair(out, "kernel", w.kernelH(), w.kernelW());
        pair(out, "stride", w.strideH(), w.strideW());
        out.append(", \"padding\": ").append(padding(w.padding()));
    }

    private static void pair(Output out, String field, int h, int w) throws IOException {
        out.append(", \"").append(field).append("\": [").append(Integer.toString(h)).append(", ")
                .append(Integer.toString(w)).append("]");
    }

    private static String padding(Padding p) {
        return p.same() ? "\"same\"" : "[" + p.top() + ", " + p.bottom() + ", " + p.left() + ", " + p.right() + "]";
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped. */
    private static String quote(String s) {
        StringBuilder q = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                q.append('\\').append(c);
            } else if (c < 0x20) {
                q.append(String.format("\\u%04x", (int) c));
            } else {
                q.append(c);
            }
        }
        return q.append('"').toString();
    }

    /** A buffer that hands its text to the writer in chunks, so large models never sit in memory twice. */
    private static final class Output {
        private final Writer writer;
        private final StringBuilder buffer = new StringBuilder(FLUSH_CHARS + 1024);

        Output(Writer writer) {
            this.writer = writer;
        }

        Output append(String s) throws IOException {
            buffer.append(s);
            return drain();
        }

        Output append(char c) throws IOException {
            buffer.append(c);
            return drain();
        }

        Output number(float f) throws IOException {
            return append(Float.toString(f));
        }

        void vector(float[] values) throws IOException {
            append('[');
            for (int k = 0; k < values.length; k++) {
                append(k == 0 ? "" : ", ").number(values[k]);
            }
            append(']');
        }

        private Output drain() throws IOException {
            if (buffer.length() >= FLUSH_CHARS) {
                writer.append(buffer);
                buffer.setLength(0);
            }
            return this;
        }

        void flush() throws IOException {
            writer.append(buffer);
            buffer.setLength(0);
            writer.flush();
        }
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

    /** One node as read, before the graph is assembled. */
    private record ParsedNode(String type, int seen, Node op, List<String> inputs, String output) {}

    /** One entry of {@code "values"}. */
    private record Declared(int index, Shape shape) {}

    /** Recursive-descent over the document structure; every value is peeked before use. */
    private static final class Parser {
        private static final int F_TYPE = 1;
        private static final int F_WEIGHTS = 1 << 1;
        private static final int F_BIAS = 1 << 2;
        private static final int F_FUNCTION = 1 << 3;
        private static final int F_ALPHA = 1 << 4;
        private static final int F_INPUTS = 1 << 5;
        private static final int F_OUTPUT = 1 << 6;
        private static final int F_KERNEL = 1 << 7;
        private static final int F_STRIDE = 1 << 8;
        private static final int F_DILATION = 1 << 9;
        private static final int F_PADDING = 1 << 10;
        private static final int F_GROUPS = 1 << 11;
        private static final int F_COUNT_INCLUDE_PAD = 1 << 12;
        private static final int F_SCALE = 1 << 13;
        private static final int F_SHIFT = 1 << 14;
        private static final int F_SHAPE = 1 << 15;
        private static final String[] FIELD_NAMES = {"type", "weights", "bias", "function", "alpha", "inputs", "output",
            "kernel", "stride", "dilation", "padding", "groups", "countIncludePad", "scale", "shift", "shape"};
        private static final int WIRING = F_TYPE | F_INPUTS | F_OUTPUT;
        private static final int MAX_DEPTH = 4;

        private final JsonReader json;
        private final long maxParameters;
        private long parameters;
        /** The version, once read (0 before): nodes read after it are checked against it at once. */
        private int version;

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
            int inputSize = 0;
            String input = null;
            String output = null;
            List<String> valueNames = null;
            List<Shape> valueShapes = null;
            List<ParsedNode> nodes = null;
            while (json.hasNext()) {
                String name = json.nextName();
                switch (name) {
                    case "format":
                        duplicate(format, name);
                        format = true;
                        readFormat();
                        break;
                    case "version":
                        duplicate(version != 0, name);
                        version = readVersion();
                        break;
                    case "inputSize":
                        duplicate(inputSize != 0, name);
                        inputSize = readInputSize();
                        break;
                    case "input":
                        duplicate(input != null, name);
                        input = readString("$.input", "field \"input\" must be a string (the input value's name)");
                        break;
                    case "output":
                        duplicate(output != null, name);
                        output = readString("$.output", "field \"output\" must be a string (the output value's name)");
                        break;
                    case "values":
                        duplicate(valueNames != null, name);
                        valueNames = new ArrayList<>();
                        valueShapes = new ArrayList<>();
                        readValues(valueNames, valueShapes);
                        break;
                    case "nodes":
                        duplicate(nodes != null, name);
                        nodes = readNodes();
                        break;
                    default:
                        throw fail("$." + abbreviate(name), "unknown field \"" + abbreviate(name)
                                + "\" at the top level; the fields are format, version, then inputSize, nodes"
                                + " (version 1) or input, output, values, nodes (version 2)");
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
            if (version == 0) {
                throw fail("$", "missing field \"version\" (must be 1 or " + VERSION + ")");
            }
            if (version == 1) {
                notIn1("input", input != null);
                notIn1("output", output != null);
                notIn1("values", valueNames != null);
                if (inputSize == 0) {
                    throw fail("$", "missing field \"inputSize\" (the length of the input vector)");
                }
                if (nodes == null) {
                    throw fail("$", "missing field \"nodes\" (the array of nodes)");
                }
                return chain(inputSize, nodes);
            }
            if (inputSize != 0) {
                throw fail("$.inputSize", "field \"inputSize\" is version 1's; version 2 declares the input's shape"
                        + " in \"values\"");
            }
            require2(input, "input", "the input value's name");
            require2(output, "output", "the output value's name");
            require2(valueNames, "values", "every value's name and shape");
            require2(nodes, "nodes", "the array of nodes");
            return graph(input, output, valueNames, valueShapes, nodes);
        }

        private static void notIn1(String field, boolean present) throws ModelFormatException {
            if (present) {
                throw fail("$." + field, "field \"" + field + "\" is not part of version 1 of the format (version 1"
                        + " has inputSize and nodes applied in order); use version 2");
            }
        }

        private static void require2(Object value, String field, String meaning) throws ModelFormatException {
            if (value == null) {
                throw fail("$", "missing field \"" + field + "\" (" + meaning + ")");
            }
        }

        /** A version-1 document: nodes without wiring, applied in order. */
        private ModelGraph chain(int inputSize, List<ParsedNode> nodes) throws ModelFormatException {
            List<Node> ops = new ArrayList<>(nodes.size());
            for (int n = 0; n < nodes.size(); n++) {
                ParsedNode p = nodes.get(n);
                checkVersion1(n, p.type(), p.seen());
                ops.add(p.op());
            }
            try {
                return new ModelGraph(inputSize, ops);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(e.getMessage() + " (at $.nodes)", e);
            }
        }

        /** Version 1 has only dense, activation and softmax nodes, applied in order (no wiring). */
        private static void checkVersion1(int n, String type, int seen) throws ModelFormatException {
            String path = "$.nodes[" + n + "]";
            if (!V1_TYPES.contains(type) && TYPES.contains(type)) {
                throw fail(path + ".type", "node " + n + ": node type \"" + abbreviate(type) + "\" needs version 2"
                        + " of the format; version 1 has " + V1_NODE_TYPES);
            }
            int wiring = seen & (F_INPUTS | F_OUTPUT);
            if (wiring != 0) {
                String field = fieldName(Integer.lowestOneBit(wiring));
                throw fail(path + "." + field, where(n, type) + ": field \"" + field + "\" is not part of"
                        + " version 1 of the format, whose nodes are applied in order; use version 2");
            }
        }

        /** A version-2 document: the graph, then every declared value checked against it. */
        private static ModelGraph graph(String input, String output, List<String> valueNames, List<Shape> valueShapes,
                List<ParsedNode> nodes) throws ModelFormatException {
            Map<String, Declared> declared = new HashMap<>();
            for (int v = 0; v < valueNames.size(); v++) {
                Declared before = declared.putIfAbsent(valueNames.get(v), new Declared(v, valueShapes.get(v)));
                if (before != null) {
                    throw fail("$.values[" + v + "].name", "value \"" + abbreviate(valueNames.get(v))
                            + "\" is declared twice (values " + before.index() + " and " + v + ")");
                }
            }
            Declared in = declared.get(input);
            if (in == null) {
                throw fail("$.input", "the input \"" + abbreviate(input) + "\" is not declared in \"values\"");
            }
            List<GraphNode> wired = new ArrayList<>(nodes.size());
            for (int n = 0; n < nodes.size(); n++) {
                ParsedNode p = nodes.get(n);
                String path = "$.nodes[" + n + "]";
                require(n, path, p.type(), p.seen(), F_INPUTS, "inputs", "the names of the values it reads");
                require(n, path, p.type(), p.seen(), F_OUTPUT, "output", "the name of the value it produces");
                try {
                    wired.add(new GraphNode(p.op(), p.inputs(), p.output()));
                } catch (IllegalArgumentException e) {
                    throw fail(path, where(n, p.type()) + ": " + withoutType(p.type(), e));
                }
            }
            ModelGraph graph;
            try {
                graph = new ModelGraph(input, in.shape(), wired, output);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(e.getMessage() + " (at $.nodes)", e);
            }
            for (int n = 0; n < nodes.size(); n++) {
                String name = nodes.get(n).output();
                Declared d = declared.get(name);
                String at = where(n, nodes.get(n).type());
                if (d == null) {
                    throw fail("$.nodes[" + n + "].output", at + ": its output \"" + abbreviate(name)
                            + "\" is not declared in \"values\"");
                }
                if (!d.shape().equals(graph.outputShapeOf(n))) {
                    throw fail("$.values[" + d.index() + "].shape", at + ": its output \"" + abbreviate(name)
                            + "\" has shape " + graph.outputShapeOf(n) + " but \"values\" declares " + d.shape());
                }
            }
            if (declared.size() != nodes.size() + 1) {
                java.util.Set<String> produced = new java.util.HashSet<>();
                for (ParsedNode p : nodes) {
                    produced.add(p.output());
                }
                for (int v = 0; v < valueNames.size(); v++) {
                    String name = valueNames.get(v);
                    if (!name.equals(input) && !produced.contains(name)) {
                        throw fail("$.values[" + v + "]", "value \"" + abbreviate(name) + "\" is declared but is"
                                + " neither the input nor the output of a node");
                    }
                }
            }
            return graph;
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

        private int readVersion() throws IOException {
            JsonToken t = json.peek();
            if (t != JsonToken.NUMBER) {
                throw fail("$.version", "field \"version\" must be the number 1 or " + VERSION + ", found "
                        + describe(t));
            }
            String literal = json.nextString();
            if (!literal.equals("1") && !literal.equals(Integer.toString(VERSION))) {
                throw fail("$.version", "unsupported format version " + abbreviate(literal)
                        + "; this reader supports versions 1 and " + VERSION);
            }
            return Integer.parseInt(literal);
        }

        private int readInputSize() throws IOException {
            JsonToken t = json.peek();
            if (t != JsonToken.NUMBER) {
                throw fail("$.inputSize", "field \"inputSize\" must be a positive integer, found " + describe(t));
            }
            String literal = json.nextString();
            long value = integer(literal);
            if (value <= 0 || value > Integer.MAX_VALUE) {
                throw fail("$.inputSize", "field \"inputSize\" must be an integer in [1, " + Integer.MAX_VALUE
                        + "], found " + abbreviate(literal));
            }
            return (int) value;
        }

        /** The value of a digits-only literal of at most 10 digits, else −1. */
        private static long integer(String literal) {
            boolean digits = !literal.isEmpty() && literal.length() <= 10 && literal.chars().allMatch(Character::isDigit);
            return digits ? Long.parseLong(literal) : -1;
        }

        private void readValues(List<String> names, List<Shape> shapes) throws IOException {
            JsonToken t = json.peek();
            if (t != JsonToken.BEGIN_ARRAY) {
                throw fail("$.values", "field \"values\" must be an array of {\"name\", \"shape\"} objects, found "
                        + describe(t));
            }
            json.beginArray();
            while (json.hasNext()) {
                int v = names.size();
                String path = "$.values[" + v + "]";
                t = json.peek();
                if (t != JsonToken.BEGIN_OBJECT) {
                    throw fail(path, "value " + v + ": expected an object {\"name\", \"shape\"}, found " + describe(t));
                }
                json.beginObject();
                String name = null;
                Shape shape = null;
                while (json.hasNext()) {
                    String field = json.nextName();
                    if (field.equals("name")) {
                        if (name != null) {
                            throw fail(path + ".name", "value " + v + ": duplicate field \"name\"");
                        }
                        name = readString(path + ".name", "value " + v + ": field \"name\" must be a string");
                        if (name.isEmpty()) {
                            throw fail(path + ".name", "value " + v + ": field \"name\" is empty; values have"
                                    + " non-empty names");
                        }
                    } else if (field.equals("shape")) {
                        if (shape != null) {
                            throw fail(path + ".shape", "value " + v + ": duplicate field \"shape\"");
                        }
                        shape = readShape(path + ".shape", "value " + v + ": field \"shape\"");
                    } else {
                        throw fail(path + "." + abbreviate(field), "value " + v + ": unknown field \""
                                + abbreviate(field) + "\"; a value has name, shape");
                    }
                }
                json.endObject();
                if (name == null) {
                    throw fail(path, "value " + v + ": missing field \"name\"");
                }
                if (shape == null) {
                    throw fail(path, "value " + v + ": missing field \"shape\" ([n] or [channels, height, width])");
                }
                names.add(name);
                shapes.add(shape);
            }
            json.endArray();
        }

        private Shape readShape(String path, String what) throws IOException {
            int[] dims = readInts(path, what, -1, 1);
            try {
                return new Shape(dims);
            } catch (IllegalArgumentException e) {
                throw fail(path, what + ": " + e.getMessage());
            }
        }

        private List<ParsedNode> readNodes() throws IOException {
            JsonToken t = json.peek();
            if (t != JsonToken.BEGIN_ARRAY) {
                throw fail("$.nodes", "field \"nodes\" must be an array of node objects, found " + describe(t));
            }
            json.beginArray();
            List<ParsedNode> nodes = new ArrayList<>();
            while (json.hasNext()) {
                nodes.add(readNode(nodes.size()));
            }
            json.endArray();
            return nodes;
        }

        /** Every field a node object can hold, read in any order. */
        private static final class Fields {
            int seen;
            String type;
            String function;
            float alpha;
            Nested weights;
            float[] bias;
            float[] scale;
            float[] shift;
            List<String> inputs = List.of();
            String output = "";
            int[] kernel;
            int[] stride;
            int[] dilation;
            Padding padding;
            int groups;
            boolean countIncludePad;
            Shape shape;
        }

        private ParsedNode readNode(int n) throws IOException {
            String path = "$.nodes[" + n + "]";
            JsonToken t = json.peek();
            if (t != JsonToken.BEGIN_OBJECT) {
                throw fail(path, "node " + n + ": expected an object with a \"type\" (" + NODE_TYPES + "), found "
                        + describe(t));
            }
            json.beginObject();
            Fields f = new Fields();
            while (json.hasNext()) {
                String name = json.nextName();
                int field = fieldBit(name);
                String at = where(n, f.type);
                if (field == 0) {
                    throw fail(path + "." + abbreviate(name), at + ": unknown field \"" + abbreviate(name) + "\"; "
                            + fieldsOf(f.type));
                }
                if ((f.seen & field) != 0) {
                    throw fail(path + "." + name, at + ": duplicate field \"" + name + "\"");
                }
                f.seen |= field;
                String p = path + "." + name;
                String what = at + ": field \"" + name + "\"";
                switch (field) {
                    case F_TYPE -> f.type = readString(p, "node " + n + ": field \"type\" must be a string ("
                            + NODE_TYPES + ")");
                    case F_WEIGHTS -> f.weights = readNested(p, what, weightsDepth(f.type));
                    case F_BIAS -> f.bias = readVector(p, what);
                    case F_SCALE -> f.scale = readVector(p, what);
                    case F_SHIFT -> f.shift = readVector(p, what);
                    case F_FUNCTION -> f.function = readString(p, what + " must be a string (" + FUNCTIONS + ")");
                    case F_ALPHA -> f.alpha = readFloat(p, what);
                    case F_INPUTS -> f.inputs = readNames(p, what);
                    case F_OUTPUT -> f.output = readString(p, what + " must be a string (the name of the value it"
                            + " produces)");
                    case F_KERNEL -> f.kernel = readInts(p, what + " ([height, width])", 2, 1);
                    case F_STRIDE -> f.stride = readInts(p, what + " ([height, width])", 2, 1);
                    case F_DILATION -> f.dilation = readInts(p, what + " ([height, width])", 2, 1);
                    case F_PADDING -> f.padding = readPadding(p, what);
                    case F_GROUPS -> f.groups = readInts(p, what, 0, 1)[0];
                    case F_COUNT_INCLUDE_PAD -> f.countIncludePad = readBoolean(p, what);
                    case F_SHAPE -> f.shape = readShape(p, what);
                    default -> throw new AssertionError(field);
                }
            }
            json.endObject();
            if (f.type == null) {
                throw fail(path, "node " + n + ": missing field \"type\" (" + NODE_TYPES + ")");
            }
            if (version == 1) {
                checkVersion1(n, f.type, f.seen);
            }
            return new ParsedNode(f.type, f.seen, op(n, path, f), f.inputs, f.output);
        }

        private static int weightsDepth(String type) {
            if ("dense".equals(type)) {
                return 2;
            }
            return "conv2d".equals(type) ? 4 : 0;
        }

        /** The node's operation, once all its fields are read. */
        private static Node op(int n, String path, Fields f) throws ModelFormatException {
            String type = f.type;
            int seen = f.seen;
            try {
                switch (type) {
                    case "dense":
                        fields(n, path, type, seen, F_WEIGHTS | F_BIAS);
                        require(n, path, type, seen, F_WEIGHTS, "weights", "the [out][in] weight matrix");
                        require(n, path, type, seen, F_BIAS, "bias", "one value per output");
                        return new Dense(f.weights.matrix(n, type), f.bias);
                    case "activation": {
                        fields(n, path, type, seen, F_FUNCTION | F_ALPHA);
                        require(n, path, type, seen, F_FUNCTION, "function", FUNCTIONS);
                        ActivationKind kind = functionKind(f.function);
                        if (kind == null) {
                            throw fail(path + ".function", "node " + n + " (activation): unknown function \""
                                    + abbreviate(f.function) + "\"; supported functions: " + FUNCTIONS);
                        }
                        if (kind == ActivationKind.LEAKY_RELU && (seen & F_ALPHA) == 0) {
                            throw fail(path, "node " + n + " (activation leaky_relu): missing field \"alpha\""
                                    + " (the negative slope)");
                        }
                        if (kind != ActivationKind.LEAKY_RELU && (seen & F_ALPHA) != 0) {
                            throw fail(path + ".alpha", "node " + n + " (activation " + f.function + "): unexpected"
                                    + " field \"alpha\"; only leaky_relu has one");
                        }
                        return new Activation(kind, f.alpha);
                    }
                    case "conv2d": {
                        fields(n, path, type, seen, F_WEIGHTS | F_BIAS | F_GROUPS | F_STRIDE | F_DILATION | F_PADDING);
                        require(n, path, type, seen, F_WEIGHTS, "weights", "[out][in / groups][kernelH][kernelW]");
                        require(n, path, type, seen, F_BIAS, "bias", "one value per filter");
                        require(n, path, type, seen, F_GROUPS, "groups", "1, or the input channels for depthwise");
                        require(n, path, type, seen, F_STRIDE, "stride", "[height, width]");
                        require(n, path, type, seen, F_DILATION, "dilation", "[height, width]; [1, 1] for none");
                        require(n, path, type, seen, F_PADDING, "padding", "[top, bottom, left, right] or \"same\"");
                        float[][][][] w = f.weights.filters(n, type);
                        return new Conv2d(w, f.bias, f.groups, new Window2d(w[0][0].length, w[0][0][0].length,
                                f.stride[0], f.stride[1], f.dilation[0], f.dilation[1], f.padding));
                    }
                    case "maxpool2d":
                    case "avgpool2d": {
                        boolean avg = type.equals("avgpool2d");
                        fields(n, path, type, seen, F_KERNEL | F_STRIDE | F_PADDING | (avg ? F_COUNT_INCLUDE_PAD : 0));
                        require(n, path, type, seen, F_KERNEL, "kernel", "[height, width]");
                        require(n, path, type, seen, F_STRIDE, "stride", "[height, width]");
                        require(n, path, type, seen, F_PADDING, "padding", "[top, bottom, left, right] or \"same\"");
                        Window2d window = new Window2d(f.kernel[0], f.kernel[1], f.stride[0], f.stride[1], 1, 1,
                                f.padding);
                        if (!avg) {
                            return new MaxPool2d(window);
                        }
                        require(n, path, type, seen, F_COUNT_INCLUDE_PAD, "countIncludePad",
                                "whether padding counts in the divisor");
                        return new AvgPool2d(window, f.countIncludePad);
                    }
                    case "batchnorm":
                        fields(n, path, type, seen, F_SCALE | F_SHIFT);
                        require(n, path, type, seen, F_SCALE, "scale", "one value per channel");
                        require(n, path, type, seen, F_SHIFT, "shift", "one value per channel");
                        return new BatchNorm(f.scale, f.shift);
                    case "reshape":
                        fields(n, path, type, seen, F_SHAPE);
                        require(n, path, type, seen, F_SHAPE, "shape", "[n] or [channels, height, width]");
                        return new Reshape(f.shape);
                    case "softmax":
                        fields(n, path, type, seen, 0);
                        return new Softmax();
                    case "globalavgpool":
                        fields(n, path, type, seen, 0);
                        return new GlobalAvgPool();
                    case "globalmaxpool":
                        fields(n, path, type, seen, 0);
                        return new GlobalMaxPool();
                    case "add":
                        fields(n, path, type, seen, 0);
                        return new Add();
                    case "concat":
                        fields(n, path, type, seen, 0);
                        return new Concat();
                    case "flatten":
                        fields(n, path, type, seen, 0);
                        return new Flatten();
                    default:
                        throw fail(path + ".type", "node " + n + ": unknown node type \"" + abbreviate(type)
                                + "\"; supported types: " + NODE_TYPES);
                }
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(where(n, type) + ": " + withoutType(type, e) + " (at " + path + ")", e);
            }
        }

        /** A nested array of numbers, read before its node's type may be known. */
        private static final class Nested {
            final int[] extents = {-1, -1, -1, -1};
            final FloatList values = new FloatList();
            int depth;
            String path;

            float[][] matrix(int n, String type) throws ModelFormatException {
                depth(n, type, 2, "[out][in]");
                float[][] m = new float[extents[0]][extents[1]];
                int k = 0;
                for (float[] row : m) {
                    for (int i = 0; i < row.length; i++) {
                        row[i] = values.values[k++];
                    }
                }
                return m;
            }

            float[][][][] filters(int n, String type) throws ModelFormatException {
                depth(n, type, 4, "[out][in / groups][kernelH][kernelW]");
                float[][][][] w = new float[extents[0]][extents[1]][extents[2]][extents[3]];
                int k = 0;
                for (float[][][] filter : w) {
                    for (float[][] channel : filter) {
                        for (float[] row : channel) {
                            for (int j = 0; j < row.length; j++) {
                                row[j] = values.values[k++];
                            }
                        }
                    }
                }
                return w;
            }

            private void depth(int n, String type, int expected, String layout) throws ModelFormatException {
                if (depth != expected) {
                    throw fail(path, where(n, type) + ": field \"weights\" has " + depth + " dimension"
                            + (depth == 1 ? "" : "s") + "; a " + type + " node's weights are " + layout);
                }
            }
        }

        /**
         * A rectangular nested array of numbers with {@code depth} levels (2 for dense, 4 for conv2d),
         * or, when the node's type is not known yet (0), as many as the first element has.
         */
        private Nested readNested(String path, String what, int depth) throws IOException {
            Nested nested = new Nested();
            nested.depth = depth;
            nested.path = path;
            JsonToken t = json.peek();
            if (t != JsonToken.BEGIN_ARRAY) {
                throw fail(path, what + (depth == 4 ? " must be an array [out][in / groups][kernelH][kernelW] of numbers"
                        : " must be an array of rows (arrays of numbers)") + ", found " + describe(t));
            }
            readLevel(nested, 0, path, what, new int[MAX_DEPTH]);
            return nested;
        }

        private void readLevel(Nested nested, int level, String path, String what, int[] index) throws IOException {
            JsonToken t = json.peek();
            if (t != JsonToken.BEGIN_ARRAY) {
                throw fail(path, what + ": " + element(nested.depth, index, level)
                        + (nested.depth == 2 ? " must be an array of numbers, found " + describe(t) + " (weights is [out][in])"
                                : " must be an array, found " + describe(t)
                                        + " (weights is [out][in / groups][kernelH][kernelW])"));
            }
            json.beginArray();
            int count = 0;
            while (json.hasNext()) {
                index[level] = count;
                String p = path + "[" + count + "]";
                if (nested.depth == 0 && json.peek() != JsonToken.BEGIN_ARRAY) {
                    nested.depth = level + 1;
                } else if (nested.depth == 0 && level + 1 == MAX_DEPTH) {
                    throw fail(p, what + " is nested deeper than " + MAX_DEPTH + " levels");
                }
                if (level + 1 == nested.depth) {
                    nested.values.add(readFloat(p, what + ": " + element(nested.depth, index, level + 1)));
                } else {
                    readLevel(nested, level + 1, p, what, index);
                }
                count++;
            }
            json.endArray();
            if (count == 0) {
                throw fail(path, level == 0 ? what + (nested.depth == 4 ? " has no filters" : " has no rows")
                        : what + ": " + element(nested.depth, index, level) + " is empty");
            }
            if (nested.extents[level] < 0) {
                nested.extents[level] = count;
            } else if (nested.extents[level] != count) {
                throw fail(path, what + ": " + (nested.depth == 2 ? "ragged rows: " : "ragged: ")
                        + element(nested.depth, index, level) + " has " + count + " values but "
                        + element(nested.depth, new int[MAX_DEPTH], level) + " has " + nested.extents[level]);
            }
        }

        /** The array element at the first {@code level} indices: "row 1, column 0" for matrices, else "weights[1][0]". */
        private static String element(int depth, int[] index, int level) {
            if (depth == 2 && level == 1) {
                return "row " + index[0];
            }
            if (depth == 2 && level == 2) {
                return "row " + index[0] + ", column " + index[1];
            }
            StringBuilder s = new StringBuilder("weights");
            for (int k = 0; k < level; k++) {
                s.append('[').append(index[k]).append(']');
            }
            return s.toString();
        }

        private float[] readVector(String path, String what) throws IOException {
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

        /**
         * Integers ≥ {@code min} (digits-only literals): an array of {@code count} of them, of 1 to
         * 3 when {@code count} is −1, or a single one when {@code count} is 0.
         */
        private int[] readInts(String path, String what, int count, int min) throws IOException {
            String expected = count == 0 ? "an integer ≥ " + min
                    : (count < 0 ? "an array of 1 or 3 integers" : "an array of " + count + " integers") + " ≥ " + min;
            JsonToken t = json.peek();
            if (count == 0) {
                return new int[] {readInt(path, what, expected, min)};
            }
            if (t != JsonToken.BEGIN_ARRAY) {
                throw fail(path, what + " must be " + expected + ", found " + describe(t));
            }
            json.beginArray();
            int[] values = new int[Math.max(count, 3)];
            int size = 0;
            while (json.hasNext()) {
                if (size == values.length || (count > 0 && size == count)) {
                    throw fail(path + "[" + size + "]", what + " must be " + expected + "; it has more values");
                }
                values[size] = readInt(path + "[" + size + "]", what, expected, min);
                size++;
            }
            json.endArray();
            if (count > 0 ? size != count : size != 1 && size != 3) {
                throw fail(path, what + " must be " + expected + "; it has " + size);
            }
            return Arrays.copyOf(values, size);
        }

        private int readInt(String path, String what, String expected, int min) throws IOException {
            JsonToken t = json.peek();
            if (t != JsonToken.NUMBER) {
                throw fail(path, what + " must be " + expected + ", found " + describe(t));
            }
            String literal = json.nextString();
            long value = integer(literal);
            if (value < min || value > Integer.MAX_VALUE) {
                throw fail(path, what + " must be " + expected + " (at most " + Integer.MAX_VALUE + "), found "
                        + abbreviate(literal));
            }
            return (int) value;
        }

        private Padding readPadding(String path, String what) throws IOException {
            String expected = " must be \"same\" or [top, bottom, left, right]";
            if (json.peek() == JsonToken.STRING) {
                String s = json.nextString();
                if (!s.equals("same")) {
                    throw fail(path, what + expected + ", found \"" + abbreviate(s) + "\"");
                }
                return Padding.SAME;
            }
            if (json.peek() != JsonToken.BEGIN_ARRAY) {
                throw fail(path, what + expected + ", found " + describe(json.peek()));
            }
            int[] p = readInts(path, what + " ([top, bottom, left, right])", 4, 0);
            return Padding.of(p[0], p[1], p[2], p[3]);
        }

        private boolean readBoolean(String path, String what) throws IOException {
            JsonToken t = json.peek();
            if (t != JsonToken.BOOLEAN) {
                throw fail(path, what + " must be true or false, found " + describe(t));
            }
            return json.nextBoolean();
        }

        private List<String> readNames(String path, String what) throws IOException {
            JsonToken t = json.peek();
            if (t != JsonToken.BEGIN_ARRAY) {
                throw fail(path, what + " must be an array of value names, found " + describe(t));
            }
            json.beginArray();
            List<String> names = new ArrayList<>();
            while (json.hasNext()) {
                names.add(readString(path + "[" + names.size() + "]", what + ", index " + names.size()
                        + " must be a string (a value's name)"));
            }
            json.endArray();
            return names;
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

        private static void duplicate(boolean seen, String name) throws ModelFormatException {
            if (seen) {
                throw fail("$." + name, "duplicate field \"" + name + "\" at the top level");
            }
        }

        /** Refuses fields other than the wiring and {@code allowed}. */
        private static void fields(int n, String path, String type, int seen, int allowed)
                throws ModelFormatException {
            int extra = seen & ~(allowed | WIRING);
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
            for (int k = 0; k < FIELD_NAMES.length; k++) {
                if (FIELD_NAMES[k].equals(name)) {
                    return 1 << k;
                }
            }
            return 0;
        }

        private static String fieldName(int bit) {
            return FIELD_NAMES[Integer.numberOfTrailingZeros(bit)];
        }

        private static String where(int n, String type) {
            return type == null ? "node " + n : "node " + n + " (" + abbreviate(type) + ")";
        }

        /** A node's message without the "type: " its constructor starts with. */
        private static String withoutType(String type, IllegalArgumentException e) {
            String m = String.valueOf(e.getMessage());
            return m.startsWith(type + ": ") ? m.substring(type.length() + 2) : m;
        }

        private static String fieldsOf(String type) {
            String wiring = "type, inputs, output (version 2)";
            if (type == null) {
                return "a node has " + wiring + " and the fields of its type";
            }
            switch (type) {
                case "dense":
                    return "a dense node has " + wiring + ", weights, bias";
                case "activation":
                    return "an activation node has " + wiring + ", function, alpha (leaky_relu only)";
                case "conv2d":
                    return "a conv2d node has " + wiring + ", groups, stride, dilation, padding, weights, bias";
                case "maxpool2d":
                    return "a maxpool2d node has " + wiring + ", kernel, stride, padding";
                case "avgpool2d":
                    return "an avgpool2d node has " + wiring + ", kernel, stride, padding, countIncludePad";
                case "batchnorm":
                    return "a batchnorm node has " + wiring + ", scale, shift";
                case "reshape":
                    return "a reshape node has " + wiring + ", shape";
                case "softmax":
                case "globalavgpool":
                case "globalmaxpool":
                case "add":
                case "concat":
                case "flatten":
                    return "a " + type + " node has only " + wiring;
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
