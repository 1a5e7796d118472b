package org.zkml4j.sdk.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class Conv2dTest {
    /** The 3×3 image 1..9, one channel. */
    static final float[] NINE = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    static final Shape ONE_3X3 = Shape.image(1, 3, 3);
    static final float[][][][] K1234 = {{{{1, 2}, {3, 4}}}};

    static float[] run(Node node, float[] x, Shape shape) {
        return node.evaluate(List.of(x), List.of(shape));
    }

    static Conv2d conv(float[][][][] w, float[] b, int groups, int stride, int dilation, Padding padding) {
        return Conv2d.of(w, b, groups, stride, stride, dilation, dilation, padding);
    }

    @Test
    void evaluate_validStrideOne() {
        Conv2d c = conv(K1234, new float[] {0.5f}, 1, 1, 1, Padding.NONE);
        assertEquals(Shape.image(1, 2, 2), c.outputShape(List.of(ONE_3X3)));
        // (0,0): 1·1 + 2·2 + 4·3 + 5·4 = 37, then + 0.5
        assertArrayEquals(new float[] {37.5f, 47.5f, 67.5f, 77.5f}, run(c, NINE, ONE_3X3));
    }

    @Test
    void evaluate_strideTwoWithAsymmetricPadding() {
        // padding top 1, bottom 0, left 1, right 0: windows start at rows/columns −1 and 1
        Conv2d c = conv(K1234, new float[] {0}, 1, 2, 1, Padding.of(1, 0, 1, 0));
        assertEquals(Shape.image(1, 2, 2), c.outputShape(List.of(ONE_3X3)));
        // (0,0) sees only x(0,0) = 1 under w(1,1) = 4; (0,1): 2·3 + 3·4; (1,0): 4·2 + 7·4; (1,1): 5 + 12 + 24 + 36
        assertArrayEquals(new float[] {4, 18, 36, 77}, run(c, NINE, ONE_3X3));
    }

    @Test
    void evaluate_dilationTwoReadsTheCorners() {
        Conv2d c = conv(K1234, new float[] {0}, 1, 1, 2, Padding.NONE);
        assertEquals(Shape.image(1, 1, 1), c.outputShape(List.of(ONE_3X3)));
        assertArrayEquals(new float[] {1 * 1 + 3 * 2 + 7 * 3 + 9 * 4}, run(c, NINE, ONE_3X3));
    }

    @Test
    void evaluate_samePaddingKeepsTheSize() {
        float[][][][] ones = {{{{1, 1, 1}, {1, 1, 1}, {1, 1, 1}}}};
        Conv2d c = conv(ones, new float[] {0}, 1, 1, 1, Padding.SAME);
        assertEquals(ONE_3X3, c.outputShape(List.of(ONE_3X3)));
        assertArrayEquals(new float[] {12, 21, 16, 27, 45, 33, 24, 39, 28}, run(c, NINE, ONE_3X3));
    }

    static final Shape TWO_2X2 = Shape.image(2, 2, 2);
    static final float[] TWO_CHANNELS = {1, 2, 3, 4, 10, 20, 30, 40};

    @Test
    void evaluate_oneGroupSumsTheChannels() {
        Conv2d c = conv(new float[][][][] {{{{1}}, {{1}}}}, new float[] {0}, 1, 1, 1, Padding.NONE);
        assertArrayEquals(new float[] {11, 22, 33, 44}, run(c, TWO_CHANNELS, TWO_2X2));
    }

    @Test
    void evaluate_depthwiseScalesEachChannelAlone() {
        Conv2d c = conv(new float[][][][] {{{{2}}}, {{{-1}}}}, new float[] {0, 0.5f}, 2, 1, 1, Padding.NONE);
        assertEquals(TWO_2X2, c.outputShape(List.of(TWO_2X2)));
        assertArrayEquals(new float[] {2, 4, 6, 8, -9.5f, -19.5f, -29.5f, -39.5f}, run(c, TWO_CHANNELS, TWO_2X2));
    }

    @Test
    void evaluate_twoGroupsOfTwoFilters() {
        // filters 0 and 1 read channel 0, filters 2 and 3 read channel 1
        Conv2d c = conv(new float[][][][] {{{{1}}}, {{{3}}}, {{{1}}}, {{{-2}}}}, new float[4], 2, 1, 1, Padding.NONE);
        assertEquals(Shape.image(4, 2, 2), c.outputShape(List.of(TWO_2X2)));
        assertArrayEquals(new float[] {1, 2, 3, 4, 3, 6, 9, 12, 10, 20, 30, 40, -20, -40, -60, -80},
                run(c, TWO_CHANNELS, TWO_2X2));
    }

    @Test
    void outputShape_wrongChannelCountNamesTheWeights() {
        Conv2d c = conv(K1234, new float[1], 1, 1, 1, Padding.NONE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.outputShape(List.of(TWO_2X2)));
        assertEquals("field \"weights\": each filter reads 1 channels, so with groups 1 the input needs 1 channels,"
                + " but it has shape [2, 2, 2]", e.getMessage());
    }

    @Test
    void outputShape_windowLargerThanTheInputNamesTheKernel() {
        Conv2d c = conv(K1234, new float[1], 1, 1, 3, Padding.NONE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.outputShape(List.of(ONE_3X3)));
        assertEquals("field \"kernel\": the window spans 4 height positions (kernel 2, dilation 3) but the padded"
                + " input height is 3 (3 + padding 0 + 0)", e.getMessage());
    }

    @Test
    void constructor_badParametersNameTheField() {
        assertEquals("conv2d: field \"groups\" is 2; it must be at least 1 and divide the 1 filters",
                assertThrows(IllegalArgumentException.class,
                        () -> conv(K1234, new float[1], 2, 1, 1, Padding.NONE)).getMessage());
        assertEquals("conv2d: field \"bias\" has 2 values but there are 1 filters (one bias per filter)",
                assertThrows(IllegalArgumentException.class,
                        () -> conv(K1234, new float[2], 1, 1, 1, Padding.NONE)).getMessage());
        assertEquals("conv2d: field \"weights\": weights[0][0][1][0] is NaN; every weight must be finite",
                assertThrows(IllegalArgumentException.class, () -> conv(new float[][][][] {{{{1, 2}, {Float.NaN, 4}}}},
                        new float[1], 1, 1, 1, Padding.NONE)).getMessage());
        assertEquals("conv2d: field \"weights\": ragged: weights[0][0][1] has 1 values but the first has 2",
                assertThrows(IllegalArgumentException.class, () -> conv(new float[][][][] {{{{1, 2}, {3}}}},
                        new float[1], 1, 1, 1, Padding.NONE)).getMessage());
        assertEquals("field \"stride\": both extents must be at least 1; got [0, 0]",
                assertThrows(IllegalArgumentException.class,
                        () -> conv(K1234, new float[1], 1, 0, 1, Padding.NONE)).getMessage());
        assertEquals("field \"padding\": every side must be at least 0; got [top -1, bottom 0, left 0, right 0]",
                assertThrows(IllegalArgumentException.class, () -> Padding.of(-1, 0, 0, 0)).getMessage());
        assertEquals("conv2d: field \"kernel\": the window is 3×3 but the weights are 2×2",
                assertThrows(IllegalArgumentException.class, () -> new Conv2d(K1234, new float[1], 1,
                        new Window2d(3, 3, 1, 1, 1, 1, Padding.NONE))).getMessage());
    }

    @Test
    void equals_comparesGeometryAndBits() {
        Conv2d c = conv(K1234, new float[1], 1, 1, 1, Padding.NONE);
        assertEquals(c, conv(K1234, new float[1], 1, 1, 1, Padding.NONE));
        assertNotEquals(c, conv(K1234, new float[1], 1, 1, 1, Padding.SAME));
        assertNotEquals(c, conv(K1234, new float[] {-0f}, 1, 1, 1, Padding.NONE));
        assertEquals(2 * 2 + 1, c.parameterCount());
    }

    @Test
    void window_samePaddingPutsTheOddUnitAtTheEnd() {
        assertEquals(Padding.of(0, 1, 0, 1), new Window2d(3, 3, 2, 2, 1, 1, Padding.SAME).resolve(4, 4));
        assertEquals(Padding.of(1, 1, 1, 1), new Window2d(3, 3, 2, 2, 1, 1, Padding.SAME).resolve(5, 5));
        assertEquals(Padding.of(0, 0, 0, 0), new Window2d(2, 2, 2, 2, 1, 1, Padding.SAME).resolve(4, 4));
        assertEquals(Padding.of(2, 2, 1, 1), new Window2d(3, 3, 1, 1, 2, 1, Padding.SAME).resolve(5, 5));
        assertArrayEquals(new int[] {2, 3}, new Window2d(3, 3, 2, 2, 1, 1, Padding.SAME).outputSize(4, 5));
    }
}
