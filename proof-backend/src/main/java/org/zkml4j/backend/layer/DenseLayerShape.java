package org.zkml4j.backend.layer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.transcript.Transcript;

/**
 * The public statement of a {@link DenseLayer} proof, known to the verifier: the quantized weights
 * W (m × n), the bias b (m), the shift k, the batch size B, and where the caller's commitment C1
 * holds the witness vectors X (B × n), Z (B × m) and R (B × m).
 *
 * <p><b>Encoding of the integers.</b> Weights and bias are canonical Goldilocks residues; a
 * negative integer v is held as {@code Goldilocks.fromSigned(v)} = p − |v|. W is row-major:
 * entry (i, j) is {@code weights[i·n + j]}. {@link #fromSigned} builds a shape from signed
 * integers and pads it.
 *
 * <p><b>Padding.</b> B, n and m must be powers of two. A caller with n₀ inputs and m₀ outputs pads
 * W with zero columns and rows (and b with zeros) to n = 2^⌈log n₀⌉, m = 2^⌈log m₀⌉, the inputs X
 * with zeros, and ignores the outputs of padding rows (their honest Z is floor(c / 2^k) = 0 and
 * R = c, with c = 2^(k−1) for k ≥ 1, else 0); padding batch rows are zero inputs whose outputs are
 * ignored.
 *
 * <p><b>Witness layout in C1</b> (vector indices {@link #inputVector}, {@link #outputVector},
 * {@link #remainderVector}, pairwise distinct): X of length B·n with x[b·n + j], Z and R of length
 * B·m with z[b·m + i], r[b·m + i]. Bit l of a vector index is multilinear variable l, so the low
 * variables of X are j and the high ones b (likewise i then b for Z and R).
 *
 * <p><b>Transcript.</b> A proof absorbs the sizes, k, the C1 indices and a SHA-256 digest of
 * (m, n, W, b), computed once per shape (about 3 ms for 128 × 1024 weights), so repeated proofs
 * with the same shape do not rehash the weights. Binding rests on SHA-256 collision resistance,
 * as for the transcript itself.
 *
 * <p><b>Committed weights</b> ({@link #committed}): W and b are not known to the verifier but held,
 * doubled, in the model commitment at {@link #weightVector()} and {@link #biasVector()}; the
 * transcript absorbs those indices instead of the digest (the commitment itself is absorbed by the
 * caller). Only {@link DenseLayer} proves such a shape.
 *
 * <p>Immutable. Large arrays are copied on construction and by the public accessors.
 */
public final class DenseLayerShape {
    /** Largest shift k (the remainder range table has 2^16 rows). */
    public static final int MAX_SHIFT = 16;
    /** Largest log2 of B·n, B·m or m·n (array and table sizes). */
    public static final int MAX_LOG_SIZE = 28;

    private final int logBatch;
    private final int logInputs;
    private final int logOutputs;
    private final long[] weights;
    private final long[] bias;
    private final int shift;
    private final int inputVector;
    private final int outputVector;
    private final int remainderVector;
    /** Model-commitment indices of W′ and b′, or −1 for public weights. */
    private final int weightVector;
    private final int biasVector;
    /** log2 of the committed weights' padded column count n′ ≥ n (committed weights), else log n. */
    private final int logWeightColumns;
    /** log2 of the committed bias's padded length M ≥ m (committed weights), else log m. */
    private final int logBias;
    /** Lazily computed {@link #parameterDigest()} (a benign race: every thread computes the same). */
    private volatile byte[] digest;

    /**
     * Validates and copies.
     *
     * @param batch B, a power of two ≥ 1
     * @param inputs n, a power of two ≥ 1
     * @param outputs m, a power of two ≥ 1
     * @param weights W row-major (m·n canonical residues, entry (i, j) at i·n + j)
     * @param bias b (m canonical residues)
     * @param shift k in [0, {@link #MAX_SHIFT}]
     * @param inputVector C1 index of X (length B·n)
     * @param outputVector C1 index of Z (length B·m)
     * @param remainderVector C1 index of R (length B·m)
     * @throws IllegalArgumentException if a size is not a power of two or too large, an array has
     *     the wrong length or a non-canonical entry, k is out of range, or an index is negative or
     *     repeated
     */
    public DenseLayerShape(int batch, int inputs, int outputs, long[] weights, long[] bias, int shift,
            int inputVector, int outputVector, int remainderVector) {
        this(batch, inputs, outputs, Objects.requireNonNull(weights, "weights").clone(),
                Objects.requireNonNull(bias, "bias").clone(), shift, inputVector, outputVector, remainderVector, -1, -1,
                inputs, outputs);
    }

    /** Validates; weights and bias are null (and the model indices non-negative) for committed weights. */
    private DenseLayerShape(int batch, int inputs, int outputs, long[] weights, long[] bias, int shift,
            int inputVector, int outputVector, int remainderVector, int weightVector, int biasVector,
            int weightColumns, int biasLength) {
        this.logBatch = log2("batch size B", batch);
        this.logInputs = log2("input count n", inputs);
        this.logOutputs = log2("output count m", outputs);
        this.logWeightColumns = log2("weight columns n′", weightColumns);
        this.logBias = log2("bias length M", biasLength);
        if (weightColumns < inputs || logWeightColumns + logOutputs > MAX_LOG_SIZE) {
            throw new IllegalArgumentException("weight columns " + weightColumns + " outside [n, 2^" + MAX_LOG_SIZE
                    + " / m]");
        }
        if (biasLength < outputs || logBias > MAX_LOG_SIZE) {
            throw new IllegalArgumentException("bias length " + biasLength + " outside [m, 2^" + MAX_LOG_SIZE + "]");
        }
        if (logBatch + logInputs > MAX_LOG_SIZE || logBatch + logOutputs > MAX_LOG_SIZE
                || logInputs + logOutputs > MAX_LOG_SIZE) {
            throw new IllegalArgumentException("B = " + batch + ", n = " + inputs + ", m = " + outputs
                    + ": B·n, B·m and m·n must not exceed 2^" + MAX_LOG_SIZE);
        }
        if (shift < 0 || shift > MAX_SHIFT) {
            throw new IllegalArgumentException("shift " + shift + " outside [0, " + MAX_SHIFT + "]");
        }
        if (weights != null) {
            if (weights.length != outputs * inputs) {
                throw new IllegalArgumentException("weights have " + weights.length + " entries, expected m·n = "
                        + outputs + "·" + inputs);
            }
            if (bias.length != outputs) {
                throw new IllegalArgumentException("bias has " + bias.length + " entries, expected m = " + outputs);
            }
            checkCanonical(weights, "weight");
            checkCanonical(bias, "bias");
        } else if (weightVector < 0 || biasVector < 0 || weightVector == biasVector) {
            throw new IllegalArgumentException("model-commitment indices " + weightVector + ", " + biasVector
                    + " must be distinct and non-negative");
        }
        if (inputVector < 0 || outputVector < 0 || remainderVector < 0) {
            throw new IllegalArgumentException("negative commitment vector index among " + inputVector + ", "
                    + outputVector + ", " + remainderVector);
        }
        if (inputVector == outputVector || inputVector == remainderVector || outputVector == remainderVector) {
            throw new IllegalArgumentException("X, Z and R must be distinct commitment vectors, got indices "
                    + inputVector + ", " + outputVector + ", " + remainderVector);
        }
        this.weights = weights;
        this.bias = bias;
        this.shift = shift;
        this.inputVector = inputVector;
        this.outputVector = outputVector;
        this.remainderVector = remainderVector;
        this.weightVector = weightVector;
        this.biasVector = biasVector;
    }

    /**
     * A layer with COMMITTED weights: no weights or bias, which the model commitment holds doubled —
     * W′ (length 2·m·n′: W zero-padded to n′ ≥ n columns, row-major, then as many random entries) at
     * {@code weightVector} and b′ (length 2·M: b zero-padded to M ≥ m entries, then M random ones)
     * at {@code biasVector}. The padding makes the random halves as long as the hiding ledger needs
     * for the model commitment's budget.
     *
     * @throws IllegalArgumentException as the canonical constructor, if a model index is negative
     *     or both are equal, or n′, M are not powers of two ≥ n, m
     */
    public static DenseLayerShape committed(int batch, int inputs, int outputs, int shift, int inputVector,
            int outputVector, int remainderVector, int weightVector, int biasVector, int weightColumns,
            int biasLength) {
        return new DenseLayerShape(batch, inputs, outputs, null, null, shift, inputVector, outputVector,
                remainderVector, weightVector, biasVector, weightColumns, biasLength);
    }

    /** This layer's sizes, shift and C1 indices with COMMITTED weights (see the static factory). */
    public DenseLayerShape committed(int weightVector, int biasVector, int weightColumns, int biasLength) {
        return committed(batch(), inputs(), outputs(), shift, inputVector, outputVector, remainderVector,
                weightVector, biasVector, weightColumns, biasLength);
    }

    /** n′: the committed weights' padded column count (n for public weights). */
    public int weightColumns() {
        return 1 << logWeightColumns;
    }

    /** log n′. */
    public int logWeightColumns() {
        return logWeightColumns;
    }

    /** M: the committed bias's padded length (m for public weights). */
    public int biasLength() {
        return 1 << logBias;
    }

    /** log M. */
    public int logBias() {
        return logBias;
    }

    /** Whether W and b are committed (hidden) rather than part of the shape. */
    public boolean weightsCommitted() {
        return weights == null;
    }

    /** Model-commitment index of W′ (committed weights only). */
    public int weightVector() {
        return weightVector;
    }

    /** Model-commitment index of b′ (committed weights only). */
    public int biasVector() {
        return biasVector;
    }

    /**
     * The common layout: X, Z, R at C1 indices 0, 1, 2.
     *
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static DenseLayerShape contiguous(int batch, int inputs, int outputs, long[] weights, long[] bias,
            int shift) {
        return new DenseLayerShape(batch, inputs, outputs, weights, bias, shift, 0, 1, 2);
    }

    /**
     * A shape from signed integer weights {@code weights[i][j]} (m₀ rows of n₀ entries) and bias
     * (m₀ entries), padded with zeros to n = 2^⌈log n₀⌉ columns and m = 2^⌈log m₀⌉ rows, with X,
     * Z, R at C1 indices 0, 1, 2.
     *
     * @throws IllegalArgumentException if the rows are ragged or empty, or as the constructor
     */
    public static DenseLayerShape fromSigned(int batch, long[][] weights, long[] bias, int shift) {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(bias, "bias");
        if (weights.length == 0 || weights[0].length == 0) {
            throw new IllegalArgumentException("empty weight matrix");
        }
        if (bias.length != weights.length) {
            throw new IllegalArgumentException("bias has " + bias.length + " entries for " + weights.length + " rows");
        }
        int n0 = weights[0].length;
        int n = padded(n0);
        int m = padded(weights.length);
        long[] w = new long[m * n];
        long[] b = new long[m];
        for (int i = 0; i < weights.length; i++) {
            if (weights[i].length != n0) {
                throw new IllegalArgumentException("weight row " + i + " has " + weights[i].length
                        + " entries but row 0 has " + n0);
            }
            for (int j = 0; j < n0; j++) {
                w[i * n + j] = Goldilocks.fromSigned(weights[i][j]);
            }
            b[i] = Goldilocks.fromSigned(bias[i]);
        }
        return contiguous(batch, n, m, w, b, shift);
    }

    /** The least power of two ≥ v (v ≥ 1). */
    static int padded(int v) {
        if (v < 1 || v > 1 << 30) {
            throw new IllegalArgumentException("size " + v + " outside [1, 2^30]");
        }
        return Integer.highestOneBit(v) == v ? v : Integer.highestOneBit(v) << 1;
    }

    private static int log2(String what, int v) {
        if (v < 1 || (v & (v - 1)) != 0) {
            throw new IllegalArgumentException(what + " = " + v + " is not a power of two ≥ 1 (pad with zeros)");
        }
        return Integer.numberOfTrailingZeros(v);
    }

    private static void checkCanonical(long[] a, String what) {
        for (int i = 0; i < a.length; i++) {
            if (!Goldilocks.isCanonical(a[i])) {
                throw new IllegalArgumentException(what + " entry " + i + " is not a canonical residue");
            }
        }
    }

    /** B. */
    public int batch() {
        return 1 << logBatch;
    }

    /** n. */
    public int inputs() {
        return 1 << logInputs;
    }

    /** m. */
    public int outputs() {
        return 1 << logOutputs;
    }

    public int logBatch() {
        return logBatch;
    }

    public int logInputs() {
        return logInputs;
    }

    public int logOutputs() {
        return logOutputs;
    }

    /** k. */
    public int shift() {
        return shift;
    }

    /** W_ij as a residue. */
    public long weight(int i, int j) {
        Objects.checkIndex(i, outputs());
        Objects.checkIndex(j, inputs());
        return weightsRef()[(i << logInputs) + j];
    }

    /** W row-major (a copy). */
    public long[] weights() {
        return weightsRef().clone();
    }

    /** b (a copy). */
    public long[] bias() {
        return biasRef().clone();
    }

    long[] weightsRef() {
        if (weights == null) {
            throw new IllegalStateException("the weights of this layer are committed, not public");
        }
        return weights;
    }

    long[] biasRef() {
        if (bias == null) {
            throw new IllegalStateException("the bias of this layer is committed, not public");
        }
        return bias;
    }

    /** The rounding constant c = 2^(k−1) for k ≥ 1, else 0. */
    public long roundingConstant() {
        return shift == 0 ? 0 : 1L << (shift - 1);
    }

    public int inputVector() {
        return inputVector;
    }

    public int outputVector() {
        return outputVector;
    }

    public int remainderVector() {
        return remainderVector;
    }

    /** Absorbs the whole statement: protocol id, log B, log n, log m, k, C1 indices, and the digest of W and b. */
    void absorbInto(Transcript t) {
        t.absorb("dense/protocol", DenseLayer.PROTOCOL.getBytes(StandardCharsets.UTF_8));
        t.absorbLong("dense/log-batch", logBatch);
        t.absorbLong("dense/log-inputs", logInputs);
        t.absorbLong("dense/log-outputs", logOutputs);
        t.absorbLong("dense/shift", shift);
        t.absorbLong("dense/input-vector", inputVector);
        t.absorbLong("dense/output-vector", outputVector);
        t.absorbLong("dense/remainder-vector", remainderVector);
        if (weightsCommitted()) {
            t.absorbLong("dense/committed-weight-vector", weightVector);
            t.absorbLong("dense/committed-bias-vector", biasVector);
            t.absorbLong("dense/committed-log-bias", logBias);
            t.absorbLong("dense/committed-log-weight-columns", logWeightColumns);
        } else {
            t.absorb("dense/weights-and-bias-sha256", parameterDigest());
        }
    }

    /**
     * SHA-256 of the canonical encoding of m, n, W (row-major) and b, computed once per shape: the
     * transcript binds the parameters through it (collision resistance, as for the transcript
     * itself), so a proof absorbs 32 bytes instead of m·n elements.
     */
    byte[] parameterDigest() {
        byte[] d = digest;
        if (d == null) {
            MessageDigest md;
            try {
                md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK must provide SHA-256", e);
            }
            md.update(DenseLayer.PROTOCOL.getBytes(StandardCharsets.UTF_8));
            byte[] buf = new byte[8 * 1024];
            int pos = 0;
            long[][] parts = {{logOutputs, logInputs}, weights, bias};
            for (long[] part : parts) {
                for (long v : part) {
                    if (pos == buf.length) {
                        md.update(buf, 0, pos);
                        pos = 0;
                    }
                    Goldilocks.encode(v, buf, pos);
                    pos += Goldilocks.BYTES;
                }
            }
            md.update(buf, 0, pos);
            d = md.digest();
            digest = d;
        }
        return d.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DenseLayerShape s && logBatch == s.logBatch && logInputs == s.logInputs
                && logOutputs == s.logOutputs && shift == s.shift && inputVector == s.inputVector
                && outputVector == s.outputVector && remainderVector == s.remainderVector
                && weightVector == s.weightVector && biasVector == s.biasVector && logBias == s.logBias
                && logWeightColumns == s.logWeightColumns
                && Arrays.equals(weights, s.weights) && Arrays.equals(bias, s.bias);
    }

    @Override
    public int hashCode() {
        return Objects.hash(logBatch, logInputs, logOutputs, shift, inputVector, outputVector, remainderVector,
                weightVector, biasVector, logBias, logWeightColumns, Arrays.hashCode(weights), Arrays.hashCode(bias));
    }

    @Override
    public String toString() {
        return "DenseLayerShape[B=" + batch() + ", n=" + inputs() + ", m=" + outputs() + ", k=" + shift
                + ", X at " + inputVector + ", Z at " + outputVector + ", R at " + remainderVector + "]";
    }
}
