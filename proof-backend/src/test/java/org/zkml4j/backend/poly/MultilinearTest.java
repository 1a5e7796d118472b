package org.zkml4j.backend.poly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zkml4j.backend.field.Ext;

class MultilinearTest {
    static Ext[] randomPoint(int n, Random rng) {
        Ext[] r = new Ext[n];
        for (int i = 0; i < n; i++) {
            r[i] = Ext.random(rng);
        }
        return r;
    }

    static long[] randomBase(int size, Random rng) {
        long[] t = new long[size];
        for (int i = 0; i < size; i++) {
            t[i] = Ext.randomBase(rng);
        }
        return t;
    }

    /** The Boolean point of index x, variable l = bit l. */
    static Ext[] bits(int x, int n) {
        Ext[] b = new Ext[n];
        for (int l = 0; l < n; l++) {
            b[l] = ((x >>> l) & 1) == 1 ? Ext.ONE : Ext.ZERO;
        }
        return b;
    }

    /** eq(r, x) as the explicit product Π_l (r_l x_l + (1 − r_l)(1 − x_l)). */
    static Ext eqBrute(Ext[] r, int x) {
        Ext acc = Ext.ONE;
        for (int l = 0; l < r.length; l++) {
            acc = acc.mul(((x >>> l) & 1) == 1 ? r[l] : Ext.ONE.sub(r[l]));
        }
        return acc;
    }

    static Ext bruteBase(long[] t, Ext[] r) {
        Ext s = Ext.ZERO;
        for (int x = 0; x < t.length; x++) {
            s = s.add(eqBrute(r, x).mul(t[x]));
        }
        return s;
    }

    static Ext bruteExt(long[] t, Ext[] r) {
        Ext s = Ext.ZERO;
        for (int x = 0; x < t.length / 2; x++) {
            s = s.add(eqBrute(r, x).mul(Ext.get(t, x)));
        }
        return s;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 5, 10})
    void eqTable_matchesProductFormula(int n) {
        Random rng = new Random(n);
        Ext[] r = randomPoint(n, rng);
        long[] t = Multilinear.eqTable(r);
        assertEquals(2 << n, t.length);
        Ext sum = Ext.ZERO;
        for (int x = 0; x < 1 << n; x++) {
            assertEquals(eqBrute(r, x), Ext.get(t, x), "entry " + x);
            assertEquals(Multilinear.eq(r, bits(x, n)), Ext.get(t, x));
            sum = sum.add(Ext.get(t, x));
        }
        assertEquals(Ext.ONE, sum);
    }

    @Test
    void eqTable_parallelSizeMatchesFormula() {
        Random rng = new Random(16);
        Ext[] r = randomPoint(16, rng);
        long[] t = Multilinear.eqTable(r);
        for (int i = 0; i < 300; i++) {
            int x = rng.nextInt(1 << 16);
            assertEquals(eqBrute(r, x), Ext.get(t, x));
        }
    }

    @Test
    void eq_isSymmetricAndMatchesTable() {
        Random rng = new Random(1);
        Ext[] a = randomPoint(6, rng), b = randomPoint(6, rng);
        assertEquals(Multilinear.eq(a, b), Multilinear.eq(b, a));
        assertEquals(Multilinear.evaluateExt(Multilinear.eqTable(a), b), Multilinear.eq(a, b));
        assertEquals(Ext.ONE, Multilinear.eq(new Ext[0], new Ext[0]));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 6, 10})
    void evaluate_matchesEqWeightedSum(int n) {
        Random rng = new Random(100 + n);
        long[] t = randomBase(1 << n, rng);
        Ext[] r = randomPoint(n, rng);
        assertEquals(bruteBase(t, r), Multilinear.evaluate(t, r));
        long[] e = new long[2 << n];
        for (int i = 0; i < e.length; i++) {
            e[i] = Ext.randomBase(rng);
        }
        assertEquals(bruteExt(e, r), Multilinear.evaluateExt(e, r));
    }

    @Test
    void evaluate_onHypercubeReturnsEntry() {
        Random rng = new Random(2);
        long[] t = randomBase(32, rng);
        for (int x = 0; x < 32; x++) {
            assertEquals(Ext.base(t[x]), Multilinear.evaluate(t, bits(x, 5)));
        }
    }

    @Test
    void evaluate_parallelSizeMatchesEqTableDot() {
        Random rng = new Random(17);
        int n = 16;
        long[] t = randomBase(1 << n, rng);
        Ext[] r = randomPoint(n, rng);
        long[] eq = Multilinear.eqTable(r);
        Ext dot = Ext.ZERO;
        for (int x = 0; x < 1 << n; x++) {
            dot = dot.add(Ext.get(eq, x).mul(t[x]));
        }
        assertEquals(dot, Multilinear.evaluate(t, r));
    }

    @Test
    void fixFirstVariable_matchesFormulaAndComposes() {
        Random rng = new Random(4);
        long[] t = randomBase(16, rng);
        Ext[] r = randomPoint(4, rng);
        long[] f = Multilinear.fixFirstVariableBase(t, r[0]);
        assertEquals(16, f.length);
        for (int i = 0; i < 8; i++) {
            Ext expect = Ext.base(t[2 * i]).add(r[0].mul(Ext.base(t[2 * i + 1]).sub(Ext.base(t[2 * i]))));
            assertEquals(expect, Ext.get(f, i));
        }
        long[] g = Multilinear.fixFirstVariable(f, r[1]);
        for (int i = 0; i < 4; i++) {
            Ext a = Ext.get(f, 2 * i), b = Ext.get(f, 2 * i + 1);
            assertEquals(a.add(r[1].mul(b.sub(a))), Ext.get(g, i));
        }
        assertEquals(Multilinear.evaluate(t, r), Multilinear.evaluateExt(g, new Ext[] {r[2], r[3]}));
    }

    @Test
    void fixFirstVariableInto_matchesAllocatingVersion() {
        Random rng = new Random(8);
        int n = 16; // parallel path
        long[] t = randomBase(1 << n, rng);
        Ext r = Ext.random(rng), s = Ext.random(rng);
        long[] a = new long[1 << n];
        Multilinear.fixFirstVariableBaseInto(t, 1 << n, r, a);
        long[] expectA = Multilinear.fixFirstVariableBase(t, r);
        assertArrayEquals(expectA, a);
        long[] b = new long[1 << n];
        Multilinear.fixFirstVariableInto(a, 1 << (n - 1), s, b);
        long[] expectB = Multilinear.fixFirstVariable(expectA, s);
        for (int i = 0; i < expectB.length; i++) {
            assertEquals(expectB[i], b[i]);
        }
    }

    @Test
    void badLengths_rejected() {
        Ext[] r2 = {Ext.ONE, Ext.ZERO};
        assertThrows(IllegalArgumentException.class, () -> Multilinear.evaluate(new long[3], r2));
        assertThrows(IllegalArgumentException.class, () -> Multilinear.evaluate(new long[8], r2));
        assertThrows(IllegalArgumentException.class, () -> Multilinear.evaluateExt(new long[4], r2));
        assertThrows(IllegalArgumentException.class, () -> Multilinear.evaluateExt(new long[7], r2));
        assertThrows(IllegalArgumentException.class, () -> Multilinear.fixFirstVariable(new long[2], Ext.ONE));
        assertThrows(IllegalArgumentException.class, () -> Multilinear.fixFirstVariable(new long[6], Ext.ONE));
        assertThrows(IllegalArgumentException.class, () -> Multilinear.fixFirstVariable(new long[0], Ext.ONE));
        assertThrows(IllegalArgumentException.class, () -> Multilinear.fixFirstVariableBase(new long[1], Ext.ONE));
        assertThrows(IllegalArgumentException.class, () -> Multilinear.fixFirstVariableBase(new long[6], Ext.ONE));
        assertThrows(IllegalArgumentException.class, () -> Multilinear.eq(r2, new Ext[] {Ext.ONE}));
        assertThrows(IllegalArgumentException.class, () -> Multilinear.eqTable(new Ext[Multilinear.MAX_VARS + 1]));
        long[] buf = new long[8];
        assertThrows(IllegalArgumentException.class, () -> Multilinear.fixFirstVariableInto(buf, 4, Ext.ONE, buf));
        assertThrows(IllegalArgumentException.class,
                () -> Multilinear.fixFirstVariableInto(new long[8], 4, Ext.ONE, new long[3]));
        assertThrows(IllegalArgumentException.class,
                () -> Multilinear.fixFirstVariableBaseInto(new long[8], 3, Ext.ONE, new long[8]));
    }
}
