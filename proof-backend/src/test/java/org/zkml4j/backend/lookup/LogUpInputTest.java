package org.zkml4j.backend.lookup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.zkml4j.backend.field.Goldilocks;

/** Validation of {@link LookupTable}, {@link LogUpShape} and {@link LogUpInstance}. */
class LogUpInputTest {
    @Test
    void table_padsByRepeatingTheLastRow() {
        LookupTable t = LookupTable.of(new long[] {1, 2, 3}, new long[] {4, 5, 6});
        assertEquals(2, t.width());
        assertEquals(3, t.unpaddedRows());
        assertEquals(4, t.rows());
        assertEquals(2, t.logRows());
        assertArrayEquals(new long[] {1, 2, 3, 3}, t.column(0));
        assertArrayEquals(new long[] {4, 5, 6, 6}, t.column(1));
        assertEquals(1, LookupTable.of(new long[] {9}).rows());
        assertEquals(0, LookupTable.of(new long[] {9}).logRows());
    }

    @Test
    void table_copiesItsInput() {
        long[] c = {1, 2};
        LookupTable t = LookupTable.of(c);
        c[0] = 7;
        assertEquals(1, t.get(0, 0));
        t.column(0)[1] = 9;
        t.columns()[0][1] = 9;
        assertEquals(2, t.get(1, 0));
    }

    @Test
    void table_rangeAndFunction() {
        LookupTable r = LookupTable.range(3);
        assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5, 6, 7}, r.column(0));
        assertEquals(1, LookupTable.range(0).rows());
        LookupTable f = LookupTable.ofFunction(-2, 2, z -> z * z);
        assertEquals(5, f.unpaddedRows());
        assertEquals(8, f.rows());
        assertEquals(Goldilocks.fromSigned(-2), f.get(0, 0));
        assertEquals(4, f.get(0, 1));
        assertEquals(2, f.get(7, 0)); // padding repeats (2, 4)
        assertEquals(4, f.get(7, 1));
        assertEquals(LookupTable.of(f.columns()), f);
        assertNotEquals(LookupTable.range(3), LookupTable.range(2));
    }

    @Test
    void table_invalidInputsRejected() {
        assertThrows(IllegalArgumentException.class, () -> LookupTable.of());
        assertThrows(IllegalArgumentException.class, () -> LookupTable.of(new long[0]));
        assertThrows(IllegalArgumentException.class, () -> LookupTable.of(new long[] {1, 2}, new long[] {1}));
        assertThrows(IllegalArgumentException.class, () -> LookupTable.of(new long[] {Goldilocks.P}));
        assertThrows(IllegalArgumentException.class, () -> LookupTable.of(new long[LookupTable.MAX_WIDTH + 1][1]));
        assertThrows(IllegalArgumentException.class, () -> LookupTable.range(-1));
        assertThrows(IllegalArgumentException.class, () -> LookupTable.range(LookupTable.MAX_LOG_ROWS + 1));
        assertThrows(IllegalArgumentException.class, () -> LookupTable.ofFunction(3, 2, z -> z));
        assertThrows(IllegalArgumentException.class, () -> LookupTable.ofFunction(Long.MIN_VALUE, Long.MAX_VALUE, z -> z));
        assertThrows(IllegalArgumentException.class, () -> LookupTable.ofFunction(0, 1L << LookupTable.MAX_LOG_ROWS, z -> z));
    }

    @Test
    void shape_validatesAndCopies() {
        LookupTable t = LookupTable.range(4);
        LogUpShape s = LogUpShape.contiguous(3, t);
        assertArrayEquals(new int[] {0}, s.witnessVectors());
        assertEquals(1, s.multiplicityVector());
        assertEquals(8, s.witnessSize());
        assertEquals(4, s.tableLogSize());
        int[] idx = {5};
        LogUpShape s2 = new LogUpShape(3, t, idx, 0);
        idx[0] = 6;
        assertArrayEquals(new int[] {5}, s2.witnessVectors());
        assertEquals(new LogUpShape(3, t, new int[] {5}, 0), s2);
        assertNotEquals(s, s2);
        assertThrows(IllegalArgumentException.class, () -> new LogUpShape(-1, t, new int[] {0}, 1));
        assertThrows(IllegalArgumentException.class, () -> new LogUpShape(LookupTable.MAX_LOG_ROWS + 1, t, new int[] {0}, 1));
        assertThrows(IllegalArgumentException.class, () -> new LogUpShape(3, t, new int[] {0, 1}, 2));
        assertThrows(IllegalArgumentException.class, () -> new LogUpShape(3, t, new int[] {-1}, 2));
        assertThrows(IllegalArgumentException.class, () -> new LogUpShape(3, t, new int[] {0}, -2));
    }

    @Test
    void instance_validatesLengthsAndCanonicity() {
        LogUpShape s = LogUpShape.contiguous(2, LookupTable.range(3));
        long[] f = {1, 2, 3, 4};
        long[] m = new long[8];
        new LogUpInstance(s, new long[][] {f}, m);
        assertThrows(IllegalArgumentException.class, () -> new LogUpInstance(s, new long[][] {f, f}, m));
        assertThrows(IllegalArgumentException.class, () -> new LogUpInstance(s, new long[][] {{1, 2}}, m));
        assertThrows(IllegalArgumentException.class, () -> new LogUpInstance(s, new long[][] {f}, new long[4]));
        assertThrows(IllegalArgumentException.class,
                () -> new LogUpInstance(s, new long[][] {{1, 2, 3, Goldilocks.P}}, m));
        LogUpInstance inst = LogUpInstance.withMultiplicities(s, new long[][] {f});
        assertArrayEquals(new long[] {0, 1, 1, 1, 1, 0, 0, 0}, inst.multiplicities());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogUpInstance.withMultiplicities(s, new long[][] {{1, 8, 3, 4}}));
        assertEquals("witness row 1 (8) is not in the table", e.getMessage());
    }
}
