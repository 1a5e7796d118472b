package org.zkml4j.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FixedPointTest {

    @Test
    void roundHalfAwayFromZero_tiesGoAwayFromZero() {
        assertEquals(1, FixedPoint.roundHalfAwayFromZero(0.5));
        assertEquals(-1, FixedPoint.roundHalfAwayFromZero(-0.5));
        assertEquals(3, FixedPoint.roundHalfAwayFromZero(2.5));
        assertEquals(-3, FixedPoint.roundHalfAwayFromZero(-2.5));
        assertEquals(2, FixedPoint.roundHalfAwayFromZero(1.5));
        assertEquals(-2, FixedPoint.roundHalfAwayFromZero(-1.5));
    }

    @Test
    void roundHalfAwayFromZero_nonTiesRoundToNearest() {
        assertEquals(0, FixedPoint.roundHalfAwayFromZero(0.49999999999999994)); // Math.floor(x + 0.5) gets this wrong
        assertEquals(0, FixedPoint.roundHalfAwayFromZero(-0.49999999999999994));
        assertEquals(1, FixedPoint.roundHalfAwayFromZero(1.4999999));
        assertEquals(-2, FixedPoint.roundHalfAwayFromZero(-1.5000001));
        assertEquals(0, FixedPoint.roundHalfAwayFromZero(-0.0));
        assertEquals(1L << 60, FixedPoint.roundHalfAwayFromZero(0x1p60));
    }

    @Test
    void roundHalfAwayFromZero_rejectsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> FixedPoint.roundHalfAwayFromZero(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> FixedPoint.roundHalfAwayFromZero(0x1p63));
        assertThrows(IllegalArgumentException.class, () -> FixedPoint.roundHalfAwayFromZero(Double.NEGATIVE_INFINITY));
    }

    @Test
    void quantize_saturatesAtPlusMinusQ() {
        assertEquals(127, FixedPoint.quantize(1.0, 7, 127)); // 128 saturates
        assertEquals(-127, FixedPoint.quantize(-1.0, 7, 127));
        assertEquals(127, FixedPoint.quantize(1e30, 7, 127));
        assertEquals(-127, FixedPoint.quantize(-1e30, 7, 127));
        assertEquals(127, FixedPoint.quantize(126.5 / 128, 7, 127)); // tie rounds away to 127, inside
        assertEquals(126, FixedPoint.quantize(126.49 / 128, 7, 127));
        assertEquals(7, FixedPoint.quantize(Float.MAX_VALUE, 48, 7));
    }

    @Test
    void quantize_negativeValuesAndTies() {
        assertEquals(-38, FixedPoint.quantize(-0.3, 7, 127)); // −38.4
        assertEquals(-39, FixedPoint.quantize(-38.5 / 128, 7, 127)); // exact tie, away from zero
        assertEquals(39, FixedPoint.quantize(38.5 / 128, 7, 127));
        assertEquals(-1, FixedPoint.quantize(-0.75, 0, 127)); // −0.75 → −1
        assertEquals(-3, FixedPoint.quantize(-10, -2, 127)); // −2.5 → −3, negative fractional bits
        assertEquals(0, FixedPoint.quantize(-1e-30, 7, 127));
    }

    @Test
    void quantize_rejectsNonFinite() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FixedPoint.quantize(Double.NaN, 7, 127));
        assertEquals("cannot quantize non-finite value NaN", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FixedPoint.quantize(Double.POSITIVE_INFINITY, 7, 127));
    }

    @Test
    void ceilLog2_exactAtPowersOfTwo() {
        assertEquals(0, FixedPoint.ceilLog2(1.0));
        assertEquals(1, FixedPoint.ceilLog2(1.5));
        assertEquals(1, FixedPoint.ceilLog2(2.0));
        assertEquals(2, FixedPoint.ceilLog2(Math.nextUp(2.0)));
        assertEquals(-1, FixedPoint.ceilLog2(0.5));
        assertEquals(-1, FixedPoint.ceilLog2(0.3));
        assertEquals(8, FixedPoint.ceilLog2(255));
        assertEquals(-1074, FixedPoint.ceilLog2(Double.MIN_VALUE));
        assertEquals(-1072, FixedPoint.ceilLog2(3 * Double.MIN_VALUE));
        assertThrows(IllegalArgumentException.class, () -> FixedPoint.ceilLog2(0));
    }

    @Test
    void fractionalBits_followsCalibrationRule() {
        assertEquals(7, FixedPoint.fractionalBits(1.0, 8));
        assertEquals(8, FixedPoint.fractionalBits(0.5, 8));
        assertEquals(3, FixedPoint.fractionalBits(10.0, 8)); // ceil(log2 10) = 4
        assertEquals(7, FixedPoint.fractionalBits(0, 8));
        assertEquals(-3, FixedPoint.fractionalBits(1000, 8)); // ceil(log2 1000) = 10
    }

    @Test
    void requantize_roundsHalfUp() {
        assertEquals(1, FixedPoint.requantize(8, 4)); // 0.5 → 1
        assertEquals(0, FixedPoint.requantize(-8, 4)); // −0.5 → 0 (half up)
        assertEquals(-1, FixedPoint.requantize(-9, 4));
        assertEquals(0, FixedPoint.requantize(7, 4));
        assertEquals(63, FixedPoint.requantize(1000, 4));
        assertEquals(-62, FixedPoint.requantize(-1000, 4)); // −62.5 → −62 (half up, not symmetric)
        assertEquals(-5, FixedPoint.requantize(-5, 0));
        assertEquals(0, FixedPoint.requantizeRemainder(-5, 0));
    }

    @Test
    void requantize_identityHoldsOnRandomAndExtremeValues() {
        SplittableRandom rnd = new SplittableRandom(7);
        long half = CircuitLayer.HALF_P.longValueExact();
        for (int k = 0; k <= QuantizationOptions.MAX_SHIFT; k++) {
            long h = k == 0 ? 0 : 1L << (k - 1);
            long[] extremes = {0, 1, -1, h, -h, h - 1, -h - 1, (1L << k) - 1, -(1L << k), half - h, -half,
                    -half + 1, Long.MIN_VALUE, Long.MAX_VALUE - h};
            for (long y : extremes) {
                checkIdentity(y, k);
            }
            for (int t = 0; t < 2000; t++) {
                long y = switch (t % 3) {
                    case 0 -> rnd.nextLong(-(1L << 20), 1L << 20);
                    case 1 -> rnd.nextLong(-(1L << 40), 1L << 40);
                    default -> rnd.nextLong(-half, half - h);
                };
                checkIdentity(y, k);
            }
        }
    }

    private static void checkIdentity(long y, int k) {
        long z = FixedPoint.requantize(y, k), r = FixedPoint.requantizeRemainder(y, k);
        BigInteger lhs = BigInteger.valueOf(y).add(k == 0 ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(k - 1));
        BigInteger rhs = BigInteger.valueOf(z).shiftLeft(k).add(BigInteger.valueOf(r));
        assertEquals(lhs, rhs, "y=" + y + ", k=" + k);
        assertTrue(r >= 0 && r < (1L << k) || (k == 0 && r == 0), "r=" + r);
        // z is the floor of (y + 2^(k−1)) / 2^k
        BigInteger floor = lhs.shiftRight(k);
        assertEquals(floor.longValueExact(), z);
    }
}
