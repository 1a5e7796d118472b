package org.zkml4j.compiler;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A compiled, quantized model: the exact integer computation the proofs attest. Immutable.
 *
 * <p>It holds the input scale, the bit widths, one {@link CircuitLayer} per Dense node (integer
 * weights and bias, scales, shift, activation table, proven {@link Bounds}) and whether the output
 * is a classifier's logits (whose argmax is the predicted class).
 *
 * <p>{@link #canonicalBytes()} is the one canonical encoding (field order in
 * {@code docs/quantization.md}): magic "ZKMC", version 1, little-endian, no padding.
 * {@link #circuitHash()} is its SHA-256 and identifies the circuit in every proof transcript.
 *
 * <p>{@link #withholdParameters()} gives the verifier's structure-only form: everything but the
 * weights and biases (each layer declares a bias bound instead), encoded as version 2 with a flags
 * field, with its own hash. Full circuits always encode as version 1.
 *
 * <pre>{@code
 * CompiledCircuit c = CircuitCompiler.compile(graph, calibrationRows, QuantizationOptions.defaults());
 * byte[] id = c.circuitHash();
 * CompiledCircuit same = CompiledCircuit.read(c.canonicalBytes());
 * CompiledCircuit forVerifier = c.withholdParameters(); // no weights or biases
 * }</pre>
 */
public final class CompiledCircuit {
    /** The four magic bytes "ZKMC". */
    static final byte[] MAGIC = {'Z', 'K', 'M', 'C'};
    /** The encoding version of a full circuit. */
    public static final int VERSION = 1;
    /** The encoding version of a circuit whose parameters are withheld (followed by a flags field). */
    public static final int WITHHELD_VERSION = 2;
    /** Most layers a readable circuit may have. */
    public static final int MAX_LAYERS = 4096;
    /** Largest input or output length of a layer in a readable circuit (2^24). */
    public static final int MAX_DIMENSION = 1 << 24;

    private static final int OUTPUT_VALUES = 0, OUTPUT_CLASSIFIER = 1;
    /** The only flag of version 2, which must be set: weights and biases are absent. */
    private static final int FLAG_PARAMETERS_WITHHELD = 1;

    private final int activationBits;
    private final int weightBits;
    private final int inputSize;
    private final int inputFracBits;
    private final boolean classifier;
    private final boolean withheld;
    private final List<CircuitLayer> layers;
    private final byte[] canonical;
    private final byte[] hash;

    /**
     * @throws IllegalArgumentException if the layers do not chain (sizes, scales), a parameter is out of
     *     range, or only some layers have their parameters withheld
     */
    CompiledCircuit(int activationBits, int weightBits, int inputSize, int inputFracBits, boolean classifier,
            List<CircuitLayer> layers) {
        if (activationBits < QuantizationOptions.MIN_ACTIVATION_BITS || activationBits > QuantizationOptions.MAX_ACTIVATION_BITS) {
            throw new IllegalArgumentException("activation bits " + activationBits + " outside ["
                    + QuantizationOptions.MIN_ACTIVATION_BITS + ", " + QuantizationOptions.MAX_ACTIVATION_BITS + "]");
        }
        if (weightBits < QuantizationOptions.MIN_WEIGHT_BITS || weightBits > QuantizationOptions.MAX_WEIGHT_BITS) {
            throw new IllegalArgumentException("weight bits " + weightBits + " outside ["
                    + QuantizationOptions.MIN_WEIGHT_BITS + ", " + QuantizationOptions.MAX_WEIGHT_BITS + "]");
        }
        if (inputFracBits < QuantizationOptions.MIN_FRAC_BITS || inputFracBits > QuantizationOptions.MAX_FRAC_BITS) {
            throw new IllegalArgumentException("input f_in = " + inputFracBits + " outside ["
                    + QuantizationOptions.MIN_FRAC_BITS + ", " + QuantizationOptions.MAX_FRAC_BITS + "]");
        }
        if (layers.isEmpty() || layers.size() > MAX_LAYERS) {
            throw new IllegalArgumentException("layer count " + layers.size() + " outside [1, " + MAX_LAYERS + "]");
        }
        int size = inputSize, frac = inputFracBits;
        boolean withheld = layers.get(0).parametersWithheld();
        for (int i = 0; i < layers.size(); i++) {
            CircuitLayer l = layers.get(i);
            if (l.parametersWithheld() != withheld) {
                throw new IllegalArgumentException("layer " + i + (withheld ? " has" : " lacks")
                        + " parameters, unlike layer 0: withhold all or none");
            }
            if (l.index() != i || l.inputSize() != size || l.inputFracBits() != frac
                    || l.activationBits() != activationBits) {
                throw new IllegalArgumentException("layer " + i + " does not chain: expected input " + size
                        + " values at f_x = " + frac + ", got " + l.inputSize() + " at f_x = " + l.inputFracBits());
            }
            size = l.outputSize();
            frac = l.outputFracBits();
        }
        this.activationBits = activationBits;
        this.weightBits = weightBits;
        this.inputSize = inputSize;
        this.inputFracBits = inputFracBits;
        this.classifier = classifier;
        this.withheld = withheld;
        this.layers = List.copyOf(layers);
        this.canonical = encode();
        this.hash = sha256(canonical);
    }

    /** Activation bit width B. */
    public int activationBits() {
        return activationBits;
    }

    /** Weight bit width Bw. */
    public int weightBits() {
        return weightBits;
    }

    /** Q = 2^(B−1) − 1: every input and activation lies in [−Q, Q]. */
    public int activationLimit() {
        return FixedPoint.limit(activationBits);
    }

    /** Input length. */
    public int inputSize() {
        return inputSize;
    }

    /** f_in: fractional bits of the quantized input. */
    public int inputFracBits() {
        return inputFracBits;
    }

    /** Whether the outputs are a classifier's logits (the model ended in Softmax); the class is their argmax. */
    public boolean classifier() {
        return classifier;
    }

    /**
     * Whether the weights and biases are withheld (the verifier's structure-only form; see
     * {@link #withholdParameters()}).
     */
    public boolean parametersWithheld() {
        return withheld;
    }

    /**
     * This circuit without its weights and biases: the same sizes, bit widths, scales, shifts,
     * activations, bounds, tables and output kind, plus each layer's {@link CircuitLayer#biasBound()}.
     * Its {@link #circuitHash()} differs from the full circuit's and does not depend on the weights
     * beyond what the bounds reveal (yMax and the bias bound). Returns {@code this} if already withheld.
     */
    public CompiledCircuit withholdParameters() {
        if (withheld) {
            return this;
        }
        List<CircuitLayer> structure = new ArrayList<>(layers.size());
        for (CircuitLayer l : layers) {
            structure.add(l.withheld());
        }
        return new CompiledCircuit(activationBits, weightBits, inputSize, inputFracBits, classifier, structure);
    }

    /** Output length (the last layer's output size). */
    public int outputSize() {
        return layers.get(layers.size() - 1).outputSize();
    }

    /** Fractional bits of the outputs (the last layer's f_a). */
    public int outputFracBits() {
        return layers.get(layers.size() - 1).outputFracBits();
    }

    /** The layers, in order. */
    public List<CircuitLayer> layers() {
        return layers;
    }

    /** Layer {@code i}. */
    public CircuitLayer layer(int i) {
        return layers.get(i);
    }

    /** The canonical encoding, as a fresh array. */
    public byte[] canonicalBytes() {
        return canonical.clone();
    }

    /** SHA-256 of {@link #canonicalBytes()}, as a fresh array. */
    public byte[] circuitHash() {
        return hash.clone();
    }

    /** {@link #circuitHash()} in lowercase hex. */
    public String circuitHashHex() {
        return HexFormat.of().formatHex(hash);
    }

    /** Two circuits are equal iff their canonical encodings are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof CompiledCircuit c && Arrays.equals(canonical, c.canonical);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "CompiledCircuit[B=" + activationBits + ", Bw=" + weightBits + ", input " + inputSize + " at f_in="
                + inputFracBits + ", " + layers.size() + " layers, " + (classifier ? "classifier" : "values")
                + (withheld ? ", parameters withheld" : "") + ", hash " + circuitHashHex().substring(0, 16) + "…]";
    }

    private byte[] encode() {
        Writer w = new Writer();
        w.out.writeBytes(MAGIC);
        if (withheld) {
            w.i32(WITHHELD_VERSION);
            w.i32(FLAG_PARAMETERS_WITHHELD);
        } else {
            w.i32(VERSION);
        }
        w.i32(activationBits);
        w.i32(weightBits);
        w.i32(inputSize);
        w.i32(inputFracBits);
        w.i32(classifier ? OUTPUT_CLASSIFIER : OUTPUT_VALUES);
        w.i32(layers.size());
        for (CircuitLayer l : layers) {
            w.i32(l.inputSize());
            w.i32(l.outputSize());
            w.i32(l.inputFracBits());
            w.i32(l.weightFracBits());
            w.i32(l.preActivationFracBits());
            w.i32(l.shift());
            w.i32(l.activation().code());
            w.i32(Float.floatToRawIntBits(l.alpha()));
            w.i32(l.outputFracBits());
            if (withheld) {
                w.i64(l.biasBound());
            } else {
                for (int v : l.weightsInternal()) {
                    w.i32(v);
                }
                for (long v : l.biasInternal()) {
                    w.i64(v);
                }
            }
            w.i64(l.bounds().yMax());
            w.i64(l.bounds().zMax());
            w.i32(l.bounds().tableSize());
            for (int v : l.tableInternal()) {
                w.i32(v);
            }
        }
        return w.out.toByteArray();
    }

    /**
     * Decodes and fully re-validates a canonical encoding: magic, version, every range, the
     * chaining of layers, and — recomputed from the integer parameters — every bound and every
     * table entry. For a withheld circuit (version 2), which has no parameters, it checks instead
     * that the stored bounds are consistent and that no accumulator can wrap modulo p for any
     * weights within the weight bits and biases within each layer's declared bias bound. Lengths
     * are checked against the remaining bytes before anything is allocated, so memory stays
     * proportional to the input's size.
     *
     * @throws CircuitFormatException if the bytes are not exactly a valid circuit encoding
     */
    public static CompiledCircuit read(byte[] bytes) {
        if (bytes == null) {
            throw new CircuitFormatException("malformed circuit: null input");
        }
        Reader r = new Reader(bytes);
        byte[] magic = r.bytes(4, "magic");
        if (!Arrays.equals(magic, MAGIC)) {
            throw new CircuitFormatException("malformed circuit: bad magic (expected \"ZKMC\")");
        }
        int version = r.i32("version");
        if (version != VERSION && version != WITHHELD_VERSION) {
            throw new CircuitFormatException("malformed circuit: unsupported version " + version
                    + " (this reader supports " + VERSION + " and " + WITHHELD_VERSION + ")");
        }
        boolean withheld = version == WITHHELD_VERSION;
        if (withheld) {
            int flags = r.i32("flags");
            if (flags != FLAG_PARAMETERS_WITHHELD) {
                throw new CircuitFormatException("malformed circuit: flags " + flags + " invalid for version "
                        + WITHHELD_VERSION + " (must be " + FLAG_PARAMETERS_WITHHELD + ": parameters withheld)");
            }
        }
        int b = r.i32("activation bits");
        int bw = r.i32("weight bits");
        int inputSize = r.i32In("input size", 1, MAX_DIMENSION);
        int fIn = r.i32("input f_in");
        int outputKind = r.i32("output kind");
        if (outputKind != OUTPUT_VALUES && outputKind != OUTPUT_CLASSIFIER) {
            throw new CircuitFormatException("malformed circuit: unknown output kind " + outputKind);
        }
        if (b < QuantizationOptions.MIN_ACTIVATION_BITS || b > QuantizationOptions.MAX_ACTIVATION_BITS
                || bw < QuantizationOptions.MIN_WEIGHT_BITS || bw > QuantizationOptions.MAX_WEIGHT_BITS) {
            throw new CircuitFormatException("malformed circuit: bit widths B = " + b + ", Bw = " + bw + " out of range");
        }
        int count = r.i32In("layer count", 1, MAX_LAYERS);
        List<CircuitLayer> layers = new ArrayList<>(Math.min(count, 16));
        for (int i = 0; i < count; i++) {
            String at = "layer " + i + " ";
            int in = r.i32In(at + "input size", 1, MAX_DIMENSION);
            int out = r.i32In(at + "output size", 1, MAX_DIMENSION);
            int fx = r.i32(at + "f_x");
            int fw = r.i32(at + "f_w");
            int fy = r.i32(at + "f_y");
            int k = r.i32(at + "shift");
            int code = r.i32(at + "activation");
            CircuitActivation act = CircuitActivation.fromCode(code);
            if (act == null) {
                throw new CircuitFormatException("malformed circuit: " + at + "unknown activation code " + code);
            }
            float alpha = Float.intBitsToFloat(r.i32(at + "alpha"));
            int fa = r.i32(at + "f_a");
            int[] w = null;
            long[] bias = null;
            long biasBound = 0;
            if (withheld) {
                biasBound = r.i64(at + "bias bound");
            } else {
                r.require((long) in * out * Integer.BYTES + (long) out * Long.BYTES, at + "parameters");
                w = new int[in * out];
                for (int j = 0; j < w.length; j++) {
                    w[j] = r.i32(at + "weights");
                }
                bias = new long[out];
                for (int j = 0; j < out; j++) {
                    bias[j] = r.i64(at + "bias");
                }
            }
            long yMax = r.i64(at + "yMax");
            long zMax = r.i64(at + "zMax");
            int tableSize = r.i32In(at + "table size", 1, QuantizationOptions.MAX_TABLE_SIZE);
            r.require((long) tableSize * Integer.BYTES, at + "table");
            Bounds stored;
            try {
                stored = new Bounds(yMax, zMax, tableSize);
            } catch (IllegalArgumentException e) {
                throw new CircuitFormatException("malformed circuit: " + at + e.getMessage());
            }
            CircuitLayer layer;
            try {
                layer = withheld
                        ? CircuitLayer.createWithheld(i, b, bw, in, out, fx, fw, fy, k, act, alpha, biasBound, stored)
                        : CircuitLayer.create(i, b, bw, in, out, fx, fw, fy, k, act, alpha, w, bias, stored);
            } catch (IllegalArgumentException | CompilationException e) {
                throw new CircuitFormatException("malformed circuit: " + e.getMessage());
            }
            if (layer.outputFracBits() != fa) {
                throw new CircuitFormatException("malformed circuit: " + at + "f_a = " + fa + ", expected "
                        + layer.outputFracBits() + " for " + act);
            }
            int[] table = layer.tableInternal();
            for (int t = 0; t < tableSize; t++) {
                if (r.i32(at + "table") != table[t]) {
                    throw new CircuitFormatException("malformed circuit: " + at + "table entry " + t
                            + " (z = " + (t - zMax) + ") differs from " + act + " at this scale");
                }
            }
            layers.add(layer);
        }
        if (r.remaining() != 0) {
            throw new CircuitFormatException("malformed circuit: " + r.remaining() + " trailing bytes");
        }
        try {
            return new CompiledCircuit(b, bw, inputSize, fIn, outputKind == OUTPUT_CLASSIFIER, layers);
        } catch (IllegalArgumentException e) {
            throw new CircuitFormatException("malformed circuit: " + e.getMessage());
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required on every Java platform", e);
        }
    }

    private static final class Writer {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void i32(int v) {
            for (int i = 0; i < 4; i++) {
                out.write(v >>> (8 * i));
            }
        }

        void i64(long v) {
            for (int i = 0; i < 8; i++) {
                out.write((int) (v >>> (8 * i)));
            }
        }
    }

    private static final class Reader {
        private final byte[] in;
        private int pos;

        Reader(byte[] in) {
            this.in = in;
        }

        int remaining() {
            return in.length - pos;
        }

        void require(long n, String what) {
            if (n < 0 || n > remaining()) {
                throw new CircuitFormatException("malformed circuit: truncated while reading " + what);
            }
        }

        byte[] bytes(int n, String what) {
            require(n, what);
            byte[] b = Arrays.copyOfRange(in, pos, pos + n);
            pos += n;
            return b;
        }

        int i32(String what) {
            require(4, what);
            int v = 0;
            for (int i = 0; i < 4; i++) {
                v |= (in[pos++] & 0xFF) << (8 * i);
            }
            return v;
        }

        int i32In(String what, int min, int max) {
            int v = i32(what);
            if (v < min || v > max) {
                throw new CircuitFormatException(
                        "malformed circuit: " + what + " " + v + " outside [" + min + ", " + max + "]");
            }
            return v;
        }

        long i64(String what) {
            require(8, what);
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v |= (in[pos++] & 0xFFL) << (8 * i);
            }
            return v;
        }
    }
}
