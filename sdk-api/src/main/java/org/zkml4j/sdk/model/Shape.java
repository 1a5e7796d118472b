package org.zkml4j.sdk.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * The static shape of one tensor value of a {@link ModelGraph}, without the batch dimension: either
 * flat {@code [n]} or an image {@code [channels, height, width]}.
 *
 * <p>Values are stored channel-major (NCHW without N, as DL4J and ONNX store them): element
 * {@code (c, h, w)} of a {@code [C, H, W]} value is at index {@code (c * H + h) * W + w} of its
 * float array, and flattening keeps that order.
 *
 * @param dims one extent ({@code [n]}) or three ({@code [c, h, w]}), each at least 1
 */
public record Shape(int[] dims) {

    /**
     * @throws NullPointerException if {@code dims} is null
     * @throws IllegalArgumentException if the rank is not 1 or 3, an extent is below 1, or the
     *     size exceeds {@code Integer.MAX_VALUE}
     */
    public Shape {
        Objects.requireNonNull(dims, "dims");
        if (dims.length != 1 && dims.length != 3) {
            throw new IllegalArgumentException("a shape is [n] or [channels, height, width]; got "
                    + dims.length + " dimensions " + Arrays.toString(dims));
        }
        long size = 1;
        for (int d : dims) {
            if (d < 1) {
                throw new IllegalArgumentException("every extent of a shape must be at least 1; got "
                        + Arrays.toString(dims));
            }
            size *= d;
            if (size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has more than "
                        + Integer.MAX_VALUE + " elements");
            }
        }
        dims = dims.clone();
    }

    /** The flat shape {@code [n]}. */
    public static Shape flat(int n) {
        return new Shape(new int[] {n});
    }

    /** The image shape {@code [channels, height, width]}. */
    public static Shape image(int channels, int height, int width) {
        return new Shape(new int[] {channels, height, width});
    }

    /** A copy of the extents. */
    @Override
    public int[] dims() {
        return dims.clone();
    }

    /** 1 for {@code [n]}, 3 for {@code [c, h, w]}. */
    public int rank() {
        return dims.length;
    }

    /** Whether this is an image shape {@code [c, h, w]}. */
    public boolean isImage() {
        return dims.length == 3;
    }

    /** The number of elements. */
    public int size() {
        int size = 1;
        for (int d : dims) {
            size *= d;
        }
        return size;
    }

    /** The leading extent: the channels of an image, the length of a flat value. */
    public int channels() {
        return dims[0];
    }

    /** The height of an image; 1 for a flat value. */
    public int height() {
        return dims.length == 3 ? dims[1] : 1;
    }

    /** The width of an image; 1 for a flat value. */
    public int width() {
        return dims.length == 3 ? dims[2] : 1;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** The extents, e.g. {@code [3, 32, 32]}. */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
