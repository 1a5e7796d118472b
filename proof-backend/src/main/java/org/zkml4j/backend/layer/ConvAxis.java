package org.zkml4j.backend.layer;

import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.poly.Multilinear;

/**
 * One spatial axis of a 2-D convolution: output position y reads input position
 * h = stride·y + dilation·i − padBefore for kernel tap i, and reads nothing where h falls outside
 * [0, inputs) (zero padding). Sizes are padded to powers of two for the multilinear layout; padded
 * output positions (y ≥ outputs) and padded kernel taps read nothing.
 *
 * <p>The <b>wiring predicate</b> P(y, i, h) = [y &lt; outputs ∧ i &lt; kernel ∧ h = stride·y +
 * dilation·i − padBefore ∧ 0 ≤ h &lt; inputs] has at most outputs·kernel non-zero entries, so its
 * multilinear extension at any point is evaluated in O(outputs·kernel) ({@link #evaluate}).
 *
 * @param inputs real input length (H or W)
 * @param kernel real kernel length (kh or kw)
 * @param stride ≥ 1
 * @param dilation ≥ 1
 * @param padBefore zero rows (or columns) before the input, ≥ 0
 * @param outputs real output length
 */
public record ConvAxis(int inputs, int kernel, int stride, int dilation, int padBefore, int outputs) {
    /** Largest real length of an axis. */
    public static final int MAX_LENGTH = 1 << 14;

    /** @throws IllegalArgumentException if a length, stride or dilation is not positive or too large */
    public ConvAxis {
        if (inputs < 1 || kernel < 1 || outputs < 1 || inputs > MAX_LENGTH || kernel > MAX_LENGTH
                || outputs > MAX_LENGTH) {
            throw new IllegalArgumentException("axis lengths must be in [1, " + MAX_LENGTH + "]: inputs " + inputs
                    + ", kernel " + kernel + ", outputs " + outputs);
        }
        if (stride < 1 || dilation < 1 || padBefore < 0 || stride > MAX_LENGTH || dilation > MAX_LENGTH
                || padBefore > MAX_LENGTH) {
            throw new IllegalArgumentException("stride and dilation must be ≥ 1 and padding ≥ 0 (at most "
                    + MAX_LENGTH + "): stride " + stride + ", dilation " + dilation + ", padding " + padBefore);
        }
    }

    /** The axis of an unpadded ("valid") convolution with stride and dilation 1. */
    public static ConvAxis valid(int inputs, int kernel) {
        return new ConvAxis(inputs, kernel, 1, 1, 0, inputs - kernel + 1);
    }

    /** The input position tap {@code i} of output {@code y} reads, or −1 for none (padding). */
    public int source(int y, int i) {
        if (y >= outputs || i >= kernel) {
            return -1;
        }
        long h = (long) stride * y + (long) dilation * i - padBefore;
        return h >= 0 && h < inputs ? (int) h : -1;
    }

    /** The input length padded to a power of two. */
    public int paddedInputs() {
        return DenseLayerShape.padded(inputs);
    }

    /** The kernel length padded to a power of two. */
    public int paddedKernel() {
        return DenseLayerShape.padded(kernel);
    }

    /** The output length padded to a power of two. */
    public int paddedOutputs() {
        return DenseLayerShape.padded(outputs);
    }

    /**
     * The predicate with its output and kernel variables fixed: the table h ↦ Σ_(y,i)
     * eqOut[y]·eqKernel[i]·P(y, i, h) over the padded inputs (interleaved extension values).
     */
    long[] table(Ext[] outputPoint, Ext[] kernelPoint) {
        long[] eqOut = Multilinear.eqTable(outputPoint);
        long[] eqKernel = Multilinear.eqTable(kernelPoint);
        Ext[] acc = new Ext[paddedInputs()];
        java.util.Arrays.fill(acc, Ext.ZERO);
        for (int y = 0; y < outputs; y++) {
            Ext ey = Ext.get(eqOut, y);
            for (int i = 0; i < kernel; i++) {
                int h = source(y, i);
                if (h >= 0) {
                    acc[h] = acc[h].add(ey.mul(Ext.get(eqKernel, i)));
                }
            }
        }
        long[] out = new long[2 * acc.length];
        for (int h = 0; h < acc.length; h++) {
            acc[h].set(out, h);
        }
        return out;
    }

    /** P̃ at (outputPoint, kernelPoint, inputPoint), in O(outputs·kernel). */
    Ext evaluate(Ext[] outputPoint, Ext[] kernelPoint, Ext[] inputPoint) {
        long[] eqIn = Multilinear.eqTable(inputPoint);
        long[] table = table(outputPoint, kernelPoint);
        Ext s = Ext.ZERO;
        for (int h = 0; h < inputs; h++) {
            s = s.add(Ext.get(table, h).mul(Ext.get(eqIn, h)));
        }
        return s;
    }

    /**
     * Ṽ at (outputPoint, kernelPoint): the extension of V(y, i) = [tap i of output y reads an input],
     * in O(outputs·kernel).
     */
    Ext validity(Ext[] outputPoint, Ext[] kernelPoint) {
        long[] table = table(outputPoint, kernelPoint);
        Ext s = Ext.ZERO;
        for (int h = 0; h < inputs; h++) {
            s = s.add(Ext.get(table, h));
        }
        return s;
    }

    /** Σ_(y &lt; outputs) eq(point, y): the extension of the real-output indicator. */
    Ext realOutputs(Ext[] outputPoint) {
        long[] eq = Multilinear.eqTable(outputPoint);
        Ext s = Ext.ZERO;
        for (int y = 0; y < outputs; y++) {
            s = s.add(Ext.get(eq, y));
        }
        return s;
    }
}
