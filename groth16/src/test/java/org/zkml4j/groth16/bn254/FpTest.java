package org.zkml4j.groth16.bn254;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FpTest {
    private static final BigInteger P = Fp.MODULUS;
    private final Random random = new Random(17);

    private BigInteger randomValue() {
        return new BigInteger(256, random).mod(P);
    }

    @Test
    void arithmetic_matchesBigInteger() {
        BigInteger[] edge = {BigInteger.ZERO, BigInteger.ONE, P.subtract(BigInteger.ONE), P.subtract(BigInteger.TWO),
            BigInteger.ONE.shiftLeft(253), BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)};
        for (int n = 0; n < 2000; n++) {
            BigInteger a = n < edge.length * edge.length ? edge[n % edge.length] : randomValue();
            BigInteger b = n < edge.length * edge.length ? edge[n / edge.length] : randomValue();
            Fp fa = Fp.fromBigInteger(a);
            Fp fb = Fp.fromBigInteger(b);
            assertEquals(a, fa.toBigInteger());
            assertEquals(a.add(b).mod(P), fa.add(fb).toBigInteger());
            assertEquals(a.subtract(b).mod(P), fa.sub(fb).toBigInteger());
            assertEquals(a.multiply(b).mod(P), fa.mul(fb).toBigInteger());
            assertEquals(a.multiply(a).mod(P), fa.square().toBigInteger());
            assertEquals(a.negate().mod(P), fa.neg().toBigInteger());
            if (a.signum() != 0) {
                assertEquals(a.modInverse(P), fa.inverse().toBigInteger());
            }
        }
    }

    @Test
    void fromBigInteger_rejectsNonCanonicalValues() {
        assertThrows(IllegalArgumentException.class, () -> Fp.fromBigInteger(P));
        assertThrows(IllegalArgumentException.class, () -> Fp.fromBigInteger(BigInteger.ONE.negate()));
        assertThrows(ArithmeticException.class, () -> Fp.ZERO.inverse());
    }
}
