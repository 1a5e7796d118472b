package org.zkml4j.sdk.model;

/**
 * The padding of a sliding window ({@link Window2d}): explicit rows and columns added on each side,
 * or {@link #SAME}.
 *
 * <p>{@code same} is resolved against the input, as TensorFlow's and DL4J's {@code Same} mode and
 * ONNX's {@code SAME_UPPER}: the output has {@code ceil(in / stride)} positions per axis, the total
 * padding is {@code max(0, (out − 1) · stride + (kernel − 1) · dilation + 1 − in)}, and its odd
 * unit, if any, goes to the bottom (right).
 *
 * @param same whether the padding is resolved as above (then the four sides are 0)
 * @param top rows added above
 * @param bottom rows added below
 * @param left columns added on the left
 * @param right columns added on the right
 */
public record Padding(boolean same, int top, int bottom, int left, int right) {

    /** No padding. */
    public static final Padding NONE = new Padding(false, 0, 0, 0, 0);

    /** The same padding, resolved against each input. */
    public static final Padding SAME = new Padding(true, 0, 0, 0, 0);

    /**
     * @throws IllegalArgumentException if a side is negative, or non-zero together with {@code same}
     */
    public Padding {
        if (top < 0 || bottom < 0 || left < 0 || right < 0) {
            throw new IllegalArgumentException("field \"padding\": every side must be at least 0; got [top "
                    + top + ", bottom " + bottom + ", left " + left + ", right " + right + "]");
        }
        if (same && (top | bottom | left | right) != 0) {
            throw new IllegalArgumentException("field \"padding\": same padding has no explicit sides");
        }
    }

    /** Explicit padding, in the order of the JSON field: top, bottom, left, right. */
    public static Padding of(int top, int bottom, int left, int right) {
        return new Padding(false, top, bottom, left, right);
    }

    /** {@code same} or {@code [top, bottom, left, right]}. */
    @Override
    public String toString() {
        return same ? "same" : "[" + top + ", " + bottom + ", " + left + ", " + right + "]";
    }
}
