package org.zkml4j.sdk.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.zkml4j.sdk.model.Conv2dTest.NINE;
import static org.zkml4j.sdk.model.Conv2dTest.ONE_3X3;
import static org.zkml4j.sdk.model.Conv2dTest.TWO_2X2;
import static org.zkml4j.sdk.model.Conv2dTest.TWO_CHANNELS;
import static org.zkml4j.sdk.model.Conv2dTest.run;

import java.util.List;
import org.junit.jupiter.api.Test;

/** MaxPool2d, AvgPool2d, GlobalAvgPool, GlobalMaxPool. */
class PoolingTest {
    /** Kernel 2, stride 2, one row and column of padding on every side: windows start at −1 and 1. */
    static final Padding ONE_EACH_SIDE = Padding.of(1, 1, 1, 1);

    @Test
    void maxPool_strideTwo() {
        float[] x = new float[16];
        for (int i = 0; i < 16; i++) {
            x[i] = i + 1;
        }
        MaxPool2d p = MaxPool2d.of(2, 2, 2, 2, Padding.NONE);
        assertEquals(Shape.image(1, 2, 2), p.outputShape(List.of(Shape.image(1, 4, 4))));
        assertArrayEquals(new float[] {6, 8, 14, 16}, run(p, x, Shape.image(1, 4, 4)));
    }

    @Test
    void maxPool_ignoresPaddingEvenWhenEveryValueIsNegative() {
        MaxPool2d p = MaxPool2d.of(2, 2, 2, 2, ONE_EACH_SIDE);
        assertEquals(Shape.image(1, 2, 2), p.outputShape(List.of(ONE_3X3)));
        assertArrayEquals(new float[] {1, 3, 7, 9}, run(p, NINE, ONE_3X3));
        float[] negative = new float[9];
        for (int i = 0; i < 9; i++) {
            negative[i] = -NINE[i];
        }
        assertArrayEquals(new float[] {-1, -2, -4, -5}, run(p, negative, ONE_3X3));
    }

    @Test
    void avgPool_countIncludePadDividesByTheKernelArea() {
        AvgPool2d p = AvgPool2d.of(2, 2, 2, 2, ONE_EACH_SIDE, true);
        // windows {1}, {2, 3}, {4, 7}, {5, 6, 8, 9}, each divided by 4
        assertArrayEquals(new float[] {0.25f, 1.25f, 2.75f, 7}, run(p, NINE, ONE_3X3));
    }

    @Test
    void avgPool_excludingPadDividesByTheInputElements() {
        AvgPool2d p = AvgPool2d.of(2, 2, 2, 2, ONE_EACH_SIDE, false);
        assertArrayEquals(new float[] {1, 2.5f, 5.5f, 7}, run(p, NINE, ONE_3X3));
    }

    @Test
    void avgPool_samePaddingWithStride() {
        // 3×3 input, kernel 2, stride 2, same: out 2×2, total padding 1 → bottom and right only
        AvgPool2d include = AvgPool2d.of(2, 2, 2, 2, Padding.SAME, true);
        AvgPool2d exclude = AvgPool2d.of(2, 2, 2, 2, Padding.SAME, false);
        assertEquals(Shape.image(1, 2, 2), include.outputShape(List.of(ONE_3X3)));
        assertArrayEquals(new float[] {3, 9 / 4f, 15 / 4f, 9 / 4f}, run(include, NINE, ONE_3X3));
        assertArrayEquals(new float[] {3, 4.5f, 7.5f, 9}, run(exclude, NINE, ONE_3X3));
    }

    @Test
    void pools_refuseLargePaddingAndDilationNamingTheField() {
        assertEquals("maxpool2d: field \"padding\": [0, 2, 0, 0] must be less than the kernel 2×2 on every side, so"
                + " that every window holds an input element", assertThrows(IllegalArgumentException.class,
                        () -> MaxPool2d.of(2, 2, 1, 1, Padding.of(0, 2, 0, 0))).getMessage());
        assertEquals("avgpool2d: field \"dilation\": pooling windows are dense (dilation 1)",
                assertThrows(IllegalArgumentException.class, () -> new AvgPool2d(
                        new Window2d(2, 2, 1, 1, 2, 2, Padding.NONE), true)).getMessage());
        assertEquals("takes a [channels, height, width] image but its input has shape [9]",
                assertThrows(IllegalArgumentException.class,
                        () -> MaxPool2d.of(2, 2, 1, 1, Padding.NONE).outputShape(List.of(Shape.flat(9)))).getMessage());
    }

    @Test
    void globalPools_reduceEachChannel() {
        assertEquals(Shape.flat(2), new GlobalAvgPool().outputShape(List.of(TWO_2X2)));
        assertArrayEquals(new float[] {2.5f, 25}, run(new GlobalAvgPool(), TWO_CHANNELS, TWO_2X2));
        assertArrayEquals(new float[] {4, 40}, run(new GlobalMaxPool(), TWO_CHANNELS, TWO_2X2));
    }
}
