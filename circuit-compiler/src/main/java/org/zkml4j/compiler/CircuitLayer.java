package org.zkml4j.compiler;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * One compiled layer: a quantized dense map followed by requantization and a table activation.
 * Immutable; array accessors return copies. A layer may be structure-only
 * ({@link #parametersWithheld()}): everything but the weights and bias, as a verifier holds it.
 *
 * <p>For an input x ∈ [−Q, Q]^n at f_x fractional bits the layer computes, exactly:
 * <pre>
 *   y_i = Σ_j Wq[i][j]·x_j + bq[i]                 (scale f_x + f_w)
 *   y_i + 2^(k−1) = z_i·2^k + r_i,  0 ≤ r_i &lt; 2^k  (k ≥ 1; z = y, r = 0 for k = 0)
 *   a_i = table[z_i + zMax]                        (scale f_a)
 * </pre>
 */
public final class CircuitLayer {
    /** (p − 1)/2 = 2^63 − 2^31: every proven integer v satisfies |v| ≤ HALF_P. */
    /** The field the proofs work in: Goldilocks, p = 2^64 − 2^32 + 1 (org.zkml4j.backend.field.Goldilocks.P). */
    static final BigInteger FIELD_MODULUS = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE.shiftLeft(32)).add(BigInteger.ONE);
    static final BigInteger HALF_P = FIELD_MODULUS.shiftRight(1);

    private final int index;
    private final int inputSize;
    private final int outputSize;
    private final int inputFracBits;
    private final int weightFracBits;
    private final int preActivationFracBits;
    private final int shift;
    private final CircuitActivation activation;
    private final float alpha;
    private final int outputFracBits;
    private final int activationBits;
    private final int[] weights; // row-major [out][in]; null if withheld
    private final long[] bias; // null if withheld
    private final long biasBound;
    private final int[] table;
    private final Bounds bounds;

    private CircuitLayer(int index, int inputSize, int outputSize, int fx, int fw, int fy, int shift,
            CircuitActivation activation, float alpha, int fa, int activationBits, int[] weights, long[] bias,
            long biasBound, int[] table, Bounds bounds) {
        this.index = index;
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.inputFracBits = fx;
        this.weightFracBits = fw;
        this.preActivationFracBits = fy;
        this.shift = shift;
        this.activation = activation;
        this.alpha = alpha;
        this.outputFracBits = fa;
        this.activationBits = activationBits;
        this.weights = weights;
        this.bias = bias;
        this.biasBound = biasBound;
        this.table = table;
        this.bounds = bounds;
    }

    /**
     * Builds a layer from integer parameters: checks their shapes and ranges, runs the static bound
     * analysis and builds the lookup table. The arrays are copied.
     *
     * @throws IllegalArgumentException if a parameter is malformed (shape, range, inconsistent scales)
     * @throws CompilationException if the layer cannot be proven exactly (field overflow, shift or table too large)
     */
    static CircuitLayer create(int index, int activationBits, int weightBits, int inputSize, int outputSize,
            int fx, int fw, int fy, int shift, CircuitActivation activation, float alpha, int[] weights, long[] bias) {
        return create(index, activationBits, weightBits, inputSize, outputSize, fx, fw, fy, shift, activation, alpha,
                weights, bias, null);
    }

    /**
     * As {@link #create(int, int, int, int, int, int, int, int, int, CircuitActivation, float, int[], long[])},
     * but first requires the recomputed bounds to equal {@code expected} (when non-null), so that a
     * decoder never builds a table larger than the one its input declared.
     */
    static CircuitLayer create(int index, int activationBits, int weightBits, int inputSize, int outputSize,
            int fx, int fw, int fy, int shift, CircuitActivation activation, float alpha, int[] weights, long[] bias,
            Bounds expected) {
        String at = "layer " + index + ": ";
        int fa = checkStructure(index, activationBits, inputSize, outputSize, fx, fw, fy, shift, activation, alpha);
        if ((long) inputSize * outputSize != weights.length || bias.length != outputSize) {
            throw new IllegalArgumentException(at + "parameter arrays do not match shape " + outputSize + "x" + inputSize);
        }
        long wLimit = FixedPoint.limit(weightBits);
        long q = FixedPoint.limit(activationBits);
        for (int w : weights) {
            if (Math.abs((long) w) > wLimit) {
                throw new IllegalArgumentException(at + "weight " + w + " outside ±" + wLimit);
            }
        }

        // Static bound analysis, exact in BigInteger: worst case over every x in [−Q, Q]^n.
        BigInteger yMax = BigInteger.ZERO;
        for (int o = 0; o < outputSize; o++) {
            long s = 0; // ≤ 2^31·2^15 = 2^46
            for (int i = 0, base = o * inputSize; i < inputSize; i++) {
                s += Math.abs(weights[base + i]);
            }
            BigInteger row = BigInteger.valueOf(s).multiply(BigInteger.valueOf(q)).add(BigInteger.valueOf(bias[o]).abs());
            yMax = yMax.max(row);
        }
        checkAccumulator(index, shift, yMax, "");
        Bounds bounds = boundsOf(index, inputSize, shift, yMax);
        if (expected != null && !expected.equals(bounds)) {
            throw new IllegalArgumentException(at + "stored bounds " + expected + " differ from the recomputed " + bounds);
        }
        long biasBound = 0;
        for (long b : bias) {
            biasBound = Math.max(biasBound, Math.abs(b)); // |b| ≤ yMax ≤ HALF_P: no overflow
        }
        int[] table = buildTable(activation, alpha, fy, fa, q, bounds.zMax());
        return new CircuitLayer(index, inputSize, outputSize, fx, fw, fy, shift, activation, alpha, fa,
                activationBits, weights.clone(), bias.clone(), biasBound, table, bounds);
    }

    /**
     * Builds a structure-only layer (weights and bias withheld) from its declared bias bound and
     * stored bounds, as a verifier reads it. Checks every structural range; that accumulators
     * cannot wrap modulo p for <em>any</em> weights in ±Qw and bias in ±{@code biasBound}; that
     * {@code biasBound ≤ yMax ≤ n·Qw·Q + biasBound}; and that {@code stored} follows from yMax
     * (before the table is built).
     *
     * @throws IllegalArgumentException if a parameter is malformed or the bounds are inconsistent
     * @throws CompilationException if the layer cannot be proven exactly (field overflow, shift or table too large)
     */
    static CircuitLayer createWithheld(int index, int activationBits, int weightBits, int inputSize, int outputSize,
            int fx, int fw, int fy, int shift, CircuitActivation activation, float alpha, long biasBound,
            Bounds stored) {
        String at = "layer " + index + ": ";
        int fa = checkStructure(index, activationBits, inputSize, outputSize, fx, fw, fy, shift, activation, alpha);
        if (biasBound < 0) {
            throw new IllegalArgumentException(at + "negative bias bound " + biasBound);
        }
        long wLimit = FixedPoint.limit(weightBits);
        long q = FixedPoint.limit(activationBits);
        BigInteger yAny = BigInteger.valueOf(inputSize).multiply(BigInteger.valueOf(wLimit * q))
                .add(BigInteger.valueOf(biasBound));
        checkAccumulator(index, shift, yAny, " over any weights in ±" + wLimit + " and bias in ±" + biasBound);
        BigInteger yMax = BigInteger.valueOf(stored.yMax());
        if (stored.yMax() < biasBound || yMax.compareTo(yAny) > 0) {
            throw new IllegalArgumentException(at + "stored yMax = " + stored.yMax() + " outside [bias bound "
                    + biasBound + ", n·Qw·Q + bias bound = " + yAny + "]");
        }
        Bounds bounds = boundsOf(index, inputSize, shift, yMax);
        if (!stored.equals(bounds)) {
            throw new IllegalArgumentException(at + "stored bounds " + stored + " differ from those implied by yMax " + bounds);
        }
        int[] table = buildTable(activation, alpha, fy, fa, q, bounds.zMax());
        return new CircuitLayer(index, inputSize, outputSize, fx, fw, fy, shift, activation, alpha, fa,
                activationBits, null, null, biasBound, table, bounds);
    }

    /** This layer without its weights and bias (itself if already withheld). */
    CircuitLayer withheld() {
        return weights == null ? this : new CircuitLayer(index, inputSize, outputSize, inputFracBits, weightFracBits,
                preActivationFracBits, shift, activation, alpha, outputFracBits, activationBits, null, null, biasBound,
                table, bounds);
    }

    /** Checks the parameter-independent fields of a layer; returns f_a. */
    private static int checkStructure(int index, int activationBits, int inputSize, int outputSize, int fx, int fw,
            int fy, int shift, CircuitActivation activation, float alpha) {
        String at = "layer " + index + ": ";
        if (inputSize < 1 || outputSize < 1) {
            throw new IllegalArgumentException(at + "sizes " + outputSize + "x" + inputSize + " must be positive");
        }
        checkFrac(at, "f_x", fx);
        checkFrac(at, "f_w", fw);
        checkFrac(at, "f_y", fy);
        if (shift < 0) {
            throw new IllegalArgumentException(at + "negative shift " + shift);
        }
        if (shift != fx + fw - fy) {
            throw new IllegalArgumentException(
                    at + "shift k = " + shift + " differs from f_x + f_w − f_y = " + (fx + fw - fy));
        }
        if (shift > QuantizationOptions.MAX_SHIFT) {
            throw new CompilationException(CompilationException.Reason.SHIFT_TOO_LARGE, index,
                    at + "requantization shift k = " + shift + " exceeds the maximum " + QuantizationOptions.MAX_SHIFT);
        }
        boolean alphaOk = activation.hasAlpha()
                ? Float.isFinite(alpha) && Float.floatToRawIntBits(alpha) != Integer.MIN_VALUE // −0 is not canonical
                : Float.floatToRawIntBits(alpha) == 0;
        if (!alphaOk) {
            throw new IllegalArgumentException(at + "invalid alpha " + alpha + " for " + activation);
        }
        return activation.outputFracBits(fy, activationBits);
    }

    /** Refuses accumulators up to {@code yWorst} (and their rounding) that could wrap modulo p. */
    private static void checkAccumulator(int index, int shift, BigInteger yWorst, String over) {
        checkField(index, "accumulator |y|" + over, yWorst);
        checkField(index, "rounded accumulator |y + 2^(k−1)|" + over, yWorst.add(half(shift)));
    }

    /** The bounds implied by yMax (§5 of docs/quantization.md), refusing a wrapping identity or too large a table. */
    private static Bounds boundsOf(int index, int inputSize, int shift, BigInteger yMax) {
        String at = "layer " + index + ": ";
        BigInteger half = half(shift);
        BigInteger twoK = BigInteger.ONE.shiftLeft(shift);
        BigInteger zMax = shift == 0 ? yMax : ceilDiv(yMax.add(half), twoK);
        checkField(index, "requantization identity |z·2^k + r|", zMax.multiply(twoK).add(twoK).subtract(BigInteger.ONE));
        BigInteger tableSize = zMax.shiftLeft(1).add(BigInteger.ONE);
        if (tableSize.compareTo(BigInteger.valueOf(QuantizationOptions.MAX_TABLE_SIZE)) > 0) {
            throw new CompilationException(CompilationException.Reason.TABLE_TOO_LARGE, index, at
                    + "activation lookup table would need 2·Zmax + 1 = " + tableSize + " rows (Zmax = " + zMax
                    + " is the proven worst-case |z| over all inputs in [−Q, Q]^" + inputSize
                    + "), more than the limit 2^20 = " + QuantizationOptions.MAX_TABLE_SIZE
                    + "; use fewer activation or weight bits");
        }
        return new Bounds(yMax.longValueExact(), zMax.longValueExact(), tableSize.intValueExact());
    }

    private static BigInteger half(int shift) {
        return shift == 0 ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(shift - 1);
    }

    static int[] buildTable(CircuitActivation activation, float alpha, int fy, int fa, long q, long zMax) {
        int[] table = new int[Math.toIntExact(2 * zMax + 1)];
        for (int t = 0; t < table.length; t++) {
            table[t] = (int) activation.apply(t - zMax, alpha, fy, fa, q);
        }
        return table;
    }

    private static void checkFrac(String at, String name, int f) {
        if (f < QuantizationOptions.MIN_FRAC_BITS || f > QuantizationOptions.MAX_FRAC_BITS) {
            throw new IllegalArgumentException(at + name + " = " + f + " outside ["
                    + QuantizationOptions.MIN_FRAC_BITS + ", " + QuantizationOptions.MAX_FRAC_BITS + "]");
        }
    }

    private static void checkField(int index, String quantity, BigInteger bound) {
        if (bound.compareTo(HALF_P) > 0) {
            throw new CompilationException(CompilationException.Reason.FIELD_OVERFLOW, index, "layer " + index
                    + ": worst-case " + quantity + " = " + bound + " exceeds (p − 1)/2 = " + HALF_P
                    + " (p = 2^64 − 2^32 + 1), so it could wrap modulo p; use fewer weight or activation bits");
        }
    }

    private static BigInteger ceilDiv(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }

    /** Position of this layer in the circuit (0-based; one per Dense node of the model). */
    public int index() {
        return index;
    }

    /** Input length n. */
    public int inputSize() {
        return inputSize;
    }

    /** Output length m. */
    public int outputSize() {
        return outputSize;
    }

    /** f_x: fractional bits of the input. */
    public int inputFracBits() {
        return inputFracBits;
    }

    /** f_w: fractional bits of the weights. */
    public int weightFracBits() {
        return weightFracBits;
    }

    /** f_x + f_w: fractional bits of the accumulator y (and of the bias). */
    public int accumulatorFracBits() {
        return inputFracBits + weightFracBits;
    }

    /** f_y: fractional bits of the requantized pre-activation z. */
    public int preActivationFracBits() {
        return preActivationFracBits;
    }

    /** k = f_x + f_w − f_y ∈ [0, 16]: the requantization shift. */
    public int shift() {
        return shift;
    }

    /** The activation function. */
    public CircuitActivation activation() {
        return activation;
    }

    /** LeakyReLU slope α (0 for the other activations). */
    public float alpha() {
        return alpha;
    }

    /** f_a: fractional bits of the activation output (the next layer's f_x). */
    public int outputFracBits() {
        return outputFracBits;
    }

    /**
     * Whether the weights and bias are withheld: a structure-only layer, as a verifier holds it. Its
     * parameter accessors ({@link #weights()}, {@link #weight(int, int)}, {@link #bias()}, …) throw
     * {@link IllegalStateException}; everything else works.
     */
    public boolean parametersWithheld() {
        return weights == null;
    }

    /**
     * max |bq_o|: computed from the bias of a full layer; declared by the prover for a withheld one
     * (the proof system must range-check every hidden bias against it).
     */
    public long biasBound() {
        return biasBound;
    }

    /**
     * Wq as a fresh [out][in] array.
     *
     * @throws IllegalStateException if the parameters are withheld
     */
    public int[][] weights() {
        requireParameters();
        int[][] w = new int[outputSize][];
        for (int o = 0; o < outputSize; o++) {
            w[o] = Arrays.copyOfRange(weights, o * inputSize, (o + 1) * inputSize);
        }
        return w;
    }

    /**
     * Wq flattened row-major (index o·n + i), as a fresh array.
     *
     * @throws IllegalStateException if the parameters are withheld
     */
    public int[] weightsFlat() {
        return weightsInternal().clone();
    }

    /**
     * One quantized weight Wq[o][i].
     *
     * @throws IllegalStateException if the parameters are withheld
     */
    public int weight(int o, int i) {
        requireParameters();
        if (i < 0 || i >= inputSize) {
            throw new IndexOutOfBoundsException(i);
        }
        return weights[o * inputSize + i];
    }

    /**
     * bq at the accumulator scale, as a fresh array.
     *
     * @throws IllegalStateException if the parameters are withheld
     */
    public long[] bias() {
        return biasInternal().clone();
    }

    /**
     * One quantized bias bq[o].
     *
     * @throws IllegalStateException if the parameters are withheld
     */
    public long bias(int o) {
        return biasInternal()[o];
    }

    /** The lookup table, entry t holding A(t − zMax), as a fresh array. */
    public int[] table() {
        return table.clone();
    }

    /** The proven bounds of this layer. */
    public Bounds bounds() {
        return bounds;
    }

    /**
     * The table activation A(z).
     *
     * @throws IllegalArgumentException if |z| &gt; zMax (impossible for an honest accumulator)
     */
    public int activate(long z) {
        long zMax = bounds.zMax();
        if (z < -zMax || z > zMax) {
            throw new IllegalArgumentException("layer " + index + ": z outside the proven range ±" + zMax);
        }
        return table[(int) (z + zMax)];
    }

    /** The accumulator y_o = Σ_i Wq[o][i]·x_i + bq[o] for an input already in [−Q, Q]^n. */
    long accumulate(int[] x, int o) {
        requireParameters();
        long y = bias[o];
        for (int i = 0, base = o * inputSize; i < inputSize; i++) {
            y += (long) weights[base + i] * x[i];
        }
        return y;
    }

    int activationBits() {
        return activationBits;
    }

    int[] weightsInternal() {
        requireParameters();
        return weights;
    }

    long[] biasInternal() {
        requireParameters();
        return bias;
    }

    private void requireParameters() {
        if (weights == null) {
            throw new IllegalStateException("parameters are withheld: layer " + index
                    + " is structure-only (no weights or biases); use the full circuit");
        }
    }

    int[] tableInternal() {
        return table;
    }

    @Override
    public String toString() {
        return "CircuitLayer[" + index + ": " + outputSize + "x" + inputSize + ", f_x=" + inputFracBits + ", f_w="
                + weightFracBits + ", f_y=" + preActivationFracBits + ", k=" + shift + ", " + activation
                + (activation.hasAlpha() ? "(" + alpha + ")" : "") + ", f_a=" + outputFracBits + ", " + bounds
                + (weights == null ? ", parameters withheld" : "") + "]";
    }
}
