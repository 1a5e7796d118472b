package org.zkml4j.sdk.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DenseTest {

    static Dense twoByThree() {
        return new Dense(new float[][] {{1, 2}, {0.5f, -1}, {-1, 0}}, new float[] {0.5f, 0, 1});
    }

    @Test
    void sizes_areColumnsAndRows() {
        Dense d = twoByThree();
        assertEquals(2, d.inputSize());
        assertEquals(3, d.outputSize());
        assertEquals(9, d.parameterCount());
        assertEquals(0.5f, d.weight(1, 0));
        assertEquals(1f, d.bias(2));
    }

    @Test
    void apply_isWxPlusB() {
        assertArrayEquals(new float[] {-2.5f, 2.5f, 0f}, twoByThree().apply(new float[] {1, -2}));
    }

    @Test
    void apply_wrongLengthThrows() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> twoByThree().apply(new float[3]));
        assertEquals("dense: input has 3 values, expected 2", e.getMessage());
    }

    @Test
    void constructor_copiesArrays() {
        float[][] w = {{1, 2}};
        float[] b = {3};
        Dense d = new Dense(w, b);
        w[0][0] = 9;
        b[0] = 9;
        assertEquals(1f, d.weight(0, 0));
        assertEquals(3f, d.bias(0));
    }

    @Test
    void accessors_returnCopies() {
        Dense d = twoByThree();
        d.weights()[0][0] = 42;
        d.bias()[0] = 42;
        assertEquals(1f, d.weight(0, 0));
        assertEquals(0.5f, d.bias(0));
        assertArrayEquals(new float[] {0.5f, -1}, d.weights()[1]);
    }

    @Test
    void equals_comparesValuesBitwise() {
        assertEquals(twoByThree(), twoByThree());
        assertEquals(twoByThree().hashCode(), twoByThree().hashCode());
        Dense zero = new Dense(new float[][] {{0f}}, new float[] {0f});
        Dense negativeZero = new Dense(new float[][] {{-0f}}, new float[] {0f});
        assertNotEquals(zero, negativeZero);
        assertNotEquals(zero, new Dense(new float[][] {{0f}}, new float[] {1f}));
    }

    @Test
    void toString_showsShapeOnly() {
        assertEquals("Dense[in=2, out=3]", twoByThree().toString());
    }

    @Test
    void constructor_noRowsThrows() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Dense(new float[0][], new float[0]));
        assertEquals("dense: weights has no rows (need outputSize >= 1)", e.getMessage());
    }

    @Test
    void constructor_emptyRowThrows() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Dense(new float[][] {{1}, {}}, new float[2]));
        assertEquals("dense: weights row 1 is empty (need inputSize >= 1)", e.getMessage());
    }

    @Test
    void constructor_raggedRowsThrows() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Dense(new float[][] {{1, 2}, {3, 4}, {5}}, new float[3]));
        assertEquals("dense: ragged weights: row 2 has 1 values but row 0 has 2", e.getMessage());
    }

    @Test
    void constructor_biasLengthMismatchThrows() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Dense(new float[][] {{1, 2}, {3, 4}}, new float[3]));
        assertEquals("dense: bias has 3 values but weights has 2 rows (one bias per output)", e.getMessage());
    }

    @Test
    void constructor_nullsThrowNpeNamingThePart() {
        assertEquals("weights", assertThrows(NullPointerException.class,
                () -> new Dense(null, new float[1])).getMessage());
        assertEquals("bias", assertThrows(NullPointerException.class,
                () -> new Dense(new float[][] {{1}}, null)).getMessage());
        assertEquals("dense: weights row 1 is null", assertThrows(NullPointerException.class,
                () -> new Dense(new float[][] {{1}, null}, new float[2])).getMessage());
    }

    @Test
    void constructor_acceptsNonFiniteValuesForModelGraphToReport() {
        Dense d = new Dense(new float[][] {{Float.NaN}}, new float[] {Float.POSITIVE_INFINITY});
        assertTrue(Float.isNaN(d.weight(0, 0)));
    }
}
