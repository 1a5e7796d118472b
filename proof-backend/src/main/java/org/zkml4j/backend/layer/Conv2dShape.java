package org.zkml4j.backend.layer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.transcript.Transcript;

/**
 * The public statement of a {@link Conv2dLayer} proof: a batched 2-D convolution with
 * public weights W (O × C × kh × kw), bias b (O), a requantization divisor d (2^k for a shift k; the
 * window size for an average pool), the geometry of its two
 * axes, and where the caller's commitment C1 holds X (B × C × H × W), Z and R (B × O × Y × X).
 *
 * <p><b>Layout.</b> Every dimension is padded to a power of two; index bits run from the last
 * dimension to the first, so x[((b·C + c)·H + h)·W + w] and z[((b·O + o)·Y + y)·X + x]. W is held
 * as w[((o·C + c)·I + i)·J + j] with I, J the padded kernel sizes, zero outside the real block.
 * Padded output positions read nothing and get no bias (their honest Z is 0 and R the rounding
 * constant, as a dense layer's padding).
 *
 * <p>Immutable.
 */
public final class Conv2dShape {
    /** Largest log2 of any padded tensor or weight size. */
    public static final int MAX_LOG_SIZE = 28;

    private final int batch;
    private final int inChannels;
    private final int outChannels;
    private final ConvAxis rows;
    private final ConvAxis cols;
    private final long[] weights;
    private final long[] bias;
    private final long divisor;
    private final int inputVector;
    private final int outputVector;
    private final int remainderVector;
    private volatile byte[] digest;

    private Conv2dShape(int batch, int inChannels, int outChannels, ConvAxis rows, ConvAxis cols, long[] weights,
            long[] bias, long divisor, int inputVector, int outputVector, int remainderVector) {
        this.batch = batch;
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.rows = rows;
        this.cols = cols;
        this.weights = weights;
        this.bias = bias;
        this.divisor = divisor;
        this.inputVector = inputVector;
        this.outputVector = outputVector;
        this.remainderVector = remainderVector;
    }

    /**
     * A grouped convolution (depthwise when {@code groups} equals the input channels): weights
     * {@code w[o][c'][i][j]} with c' over the C/G input channels of output o's group (o / (O/G)).
     * They are laid out as the block-diagonal full tensor (zero across groups), which the protocol
     * proves like any convolution.
     *
     * @throws IllegalArgumentException if {@code groups} does not divide the output channels, or as
     *     {@link #fromSigned(int, long[][][][], long[], int, ConvAxis, ConvAxis, int, int, int)}
     */
    public static Conv2dShape grouped(int batch, long[][][][] w, long[] bias, int shift, ConvAxis rows,
            ConvAxis cols, int groups, int inputVector, int outputVector, int remainderVector) {
        Objects.requireNonNull(w, "weights");
        if (groups < 1 || w.length % groups != 0 || w.length == 0) {
            throw new IllegalArgumentException(groups + " groups do not divide " + w.length + " output channels");
        }
        int perGroupIn = w[0].length, perGroupOut = w.length / groups;
        long[][][][] full = new long[w.length][perGroupIn * groups][][];
        for (int o = 0; o < w.length; o++) {
            if (w[o].length != perGroupIn) {
                throw new IllegalArgumentException("weights[" + o + "] has " + w[o].length + " input channels, not "
                        + perGroupIn);
            }
            int group = o / perGroupOut;
            for (int c = 0; c < full[o].length; c++) {
                full[o][c] = c / perGroupIn == group ? w[o][c % perGroupIn] : new long[rows.kernel()][cols.kernel()];
            }
        }
        return fromSigned(batch, full, bias, shift, rows, cols, inputVector, outputVector, remainderVector);
    }

    /**
     * A convolution from signed integer weights {@code w[o][c][i][j]} and bias, laid out and padded.
     *
     * @param batch B, a power of two
     * @throws IllegalArgumentException if a size is not positive, the weights are ragged or do not
     *     match the axes' kernels, k is outside [0, {@link DenseLayerShape#MAX_SHIFT}], a padded
     *     size exceeds 2^{@value #MAX_LOG_SIZE}, or the C1 indices are negative or repeated
     */
    public static Conv2dShape fromSigned(int batch, long[][][][] w, long[] bias, int shift, ConvAxis rows,
            ConvAxis cols, int inputVector, int outputVector, int remainderVector) {
        Objects.requireNonNull(w, "weights");
        Objects.requireNonNull(bias, "bias");
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(cols, "cols");
        if (batch < 1 || Integer.bitCount(batch) != 1) {
            throw new IllegalArgumentException("batch " + batch + " is not a power of two");
        }
        int o0 = w.length;
        if (o0 < 1 || w[0].length < 1 || bias.length != o0) {
            throw new IllegalArgumentException("weights need ≥ 1 output and input channel and one bias per output "
                    + "channel: " + o0 + " outputs, " + bias.length + " biases");
        }
        int c0 = w[0].length;
        int o = DenseLayerShape.padded(o0), c = DenseLayerShape.padded(c0);
        int ki = rows.paddedKernel(), kj = cols.paddedKernel();
        long sizes = Math.max(Math.max((long) o * c * ki * kj, (long) batch * c * rows.paddedInputs()
                * cols.paddedInputs()), (long) batch * o * rows.paddedOutputs() * cols.paddedOutputs());
        if (sizes > 1L << MAX_LOG_SIZE) {
            throw new IllegalArgumentException("a padded tensor of " + sizes + " entries exceeds 2^" + MAX_LOG_SIZE);
        }
        if (shift < 0 || shift > DenseLayerShape.MAX_SHIFT) {
            throw new IllegalArgumentException("shift " + shift + " outside [0, " + DenseLayerShape.MAX_SHIFT + "]");
        }
        if (inputVector < 0 || outputVector < 0 || remainderVector < 0 || inputVector == outputVector
                || inputVector == remainderVector || outputVector == remainderVector) {
            throw new IllegalArgumentException("X, Z and R need distinct non-negative commitment indices, got "
                    + inputVector + ", " + outputVector + ", " + remainderVector);
        }
        long[] packed = new long[o * c * ki * kj];
        for (int oo = 0; oo < o0; oo++) {
            if (w[oo].length != c0) {
                throw new IllegalArgumentException("weights[" + oo + "] has " + w[oo].length + " input channels, not "
                        + c0);
            }
            for (int cc = 0; cc < c0; cc++) {
                if (w[oo][cc].length != rows.kernel()) {
                    throw new IllegalArgumentException("weights[" + oo + "][" + cc + "] has " + w[oo][cc].length
                            + " kernel rows, not " + rows.kernel());
                }
                for (int i = 0; i < rows.kernel(); i++) {
                    if (w[oo][cc][i].length != cols.kernel()) {
                        throw new IllegalArgumentException("weights[" + oo + "][" + cc + "][" + i + "] has "
                                + w[oo][cc][i].length + " kernel columns, not " + cols.kernel());
                    }
                    for (int j = 0; j < cols.kernel(); j++) {
                        packed[((oo * c + cc) * ki + i) * kj + j] = Goldilocks.fromSigned(w[oo][cc][i][j]);
                    }
                }
            }
        }
        long[] b = new long[o];
        for (int oo = 0; oo < o0; oo++) {
            b[oo] = Goldilocks.fromSigned(bias[oo]);
        }
        return new Conv2dShape(batch, c, o, rows, cols, packed, b, 1L << shift, inputVector, outputVector,
                remainderVector);
    }

    public int batch() {
        return batch;
    }

    /** C, padded. */
    public int inChannels() {
        return inChannels;
    }

    /** O, padded. */
    public int outChannels() {
        return outChannels;
    }

    /** The vertical axis (H → Y, kernel rows). */
    public ConvAxis rows() {
        return rows;
    }

    /** The horizontal axis (W → X, kernel columns). */
    public ConvAxis cols() {
        return cols;
    }

    /**
     * An average pool (count including padding): each channel's window summed, divided by
     * kh·kw and rounded to nearest — a depthwise convolution of ones with divisor kh·kw, whose
     * remainders the caller range-checks in [0, kh·kw).
     *
     * @param channels the real channel count
     */
    public static Conv2dShape averagePool(int batch, int channels, ConvAxis rows, ConvAxis cols, int inputVector,
            int outputVector, int remainderVector) {
        long[][][][] ones = new long[channels][1][rows.kernel()][cols.kernel()];
        for (long[][][] channel : ones) {
            for (long[] row : channel[0]) {
                java.util.Arrays.fill(row, 1);
            }
        }
        Conv2dShape sum = grouped(batch, ones, new long[channels], 0, rows, cols, channels, inputVector, outputVector,
                remainderVector);
        return new Conv2dShape(batch, sum.inChannels, sum.outChannels, rows, cols, sum.weights, sum.bias,
                (long) rows.kernel() * cols.kernel(), inputVector, outputVector, remainderVector);
    }

    /** d: Z = ⌊(acc + c)/d⌋, R = acc + c − d·Z with 0 ≤ R &lt; d. */
    public long divisor() {
        return divisor;
    }

    /** c = ⌊d/2⌋: added before the division so that it rounds to nearest. */
    public long roundingConstant() {
        return divisor / 2;
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

    /** Entries of the padded input X. */
    public int inputLength() {
        return batch * inChannels * rows.paddedInputs() * cols.paddedInputs();
    }

    /** Entries of the padded outputs Z and R. */
    public int outputLength() {
        return batch * outChannels * rows.paddedOutputs() * cols.paddedOutputs();
    }

    long[] weightsRef() {
        return weights;
    }

    long[] biasRef() {
        return bias;
    }

    int logKernel() {
        return log2(inChannels) + log2(rows.paddedKernel()) + log2(cols.paddedKernel());
    }

    static int log2(int v) {
        return Integer.numberOfTrailingZeros(v);
    }

    /**
     * The integer relation's outputs for a padded input: per entry, acc = Σ W·X (+ b on real
     * positions) + c, then Z = ⌊acc / 2^k⌋ and R = acc − 2^k·Z, as canonical residues.
     *
     * @param x canonical residues of signed integers, {@link #inputLength()} entries
     * @return {Z, R}
     */
    public long[][] apply(long[] x) {
        if (x.length != inputLength()) {
            throw new IllegalArgumentException("X has " + x.length + " entries, expected " + inputLength());
        }
        int hp = rows.paddedInputs(), wp = cols.paddedInputs(), yp = rows.paddedOutputs(), xp = cols.paddedOutputs();
        int ki = rows.paddedKernel(), kj = cols.paddedKernel();
        long[] z = new long[outputLength()];
        long[] r = new long[outputLength()];
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < outChannels; o++) {
                for (int y = 0; y < yp; y++) {
                    for (int xx = 0; xx < xp; xx++) {
                        boolean real = y < rows.outputs() && xx < cols.outputs();
                        long acc = (real ? Goldilocks.toSigned(bias[o]) : 0) + roundingConstant();
                        for (int c = 0; c < inChannels; c++) {
                            for (int i = 0; i < rows.kernel(); i++) {
                                int h = rows.source(y, i);
                                for (int j = 0; h >= 0 && j < cols.kernel(); j++) {
                                    int w = cols.source(xx, j);
                                    if (w >= 0) {
                                        acc += Goldilocks.toSigned(weights[((o * inChannels + c) * ki + i) * kj + j])
                                                * Goldilocks.toSigned(x[((b * inChannels + c) * hp + h) * wp + w]);
                                    }
                                }
                            }
                        }
                        long q = Math.floorDiv(acc, divisor);
                        int at = ((b * outChannels + o) * yp + y) * xp + xx;
                        z[at] = Goldilocks.fromSigned(q);
                        r[at] = Goldilocks.fromSigned(acc - q * divisor);
                    }
                }
            }
        }
        return new long[][] {z, r};
    }

    /** Absorbs the whole statement: protocol id, sizes, geometry, k, C1 indices, digest of W and b. */
    void absorbInto(Transcript t) {
        t.absorb("conv2d/protocol", Conv2dLayer.PROTOCOL.getBytes(StandardCharsets.UTF_8));
        t.absorbLong("conv2d/batch", batch);
        t.absorbLong("conv2d/in-channels", inChannels);
        t.absorbLong("conv2d/out-channels", outChannels);
        for (ConvAxis a : new ConvAxis[] {rows, cols}) {
            t.absorbFields("conv2d/axis", new long[] {a.inputs(), a.kernel(), a.stride(), a.dilation(), a.padBefore(),
                    a.outputs()});
        }
        t.absorbLong("conv2d/divisor", divisor);
        t.absorbFields("conv2d/vectors", new long[] {inputVector, outputVector, remainderVector});
        t.absorb("conv2d/weights-and-bias-sha256", digest());
    }

    private byte[] digest() {
        byte[] d = digest;
        if (d == null) {
            MessageDigest md;
            try {
                md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK must provide SHA-256", e);
            }
            byte[] buf = new byte[Goldilocks.BYTES];
            for (long[] part : new long[][] {weights, bias}) {
                for (long v : part) {
                    Goldilocks.encode(v, buf, 0);
                    md.update(buf);
                }
            }
            d = md.digest();
            digest = d;
        }
        return d;
    }
}
