package org.zkml4j.groth16.bn254;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * The optimal ate pairing e: G1 × G2 → μ_r ⊂ F_p¹² on BN254, and products of pairings that share
 * one Miller loop and one final exponentiation (a Groth16 check is one such product).
 *
 * <p>Miller loop over the signed digits of 6u + 2, then the two Frobenius lines of the optimal ate
 * pairing; final exponentiation f^((p¹² − 1)/r) as the easy part (p⁶ − 1)(p² + 1) followed by the
 * hard part through the addition chain in u of Fuentes-Castañeda, Knapp and Rodríguez-Henríquez
 * (three exponentiations by u). That chain yields the reduced pairing raised to the fixed
 * m = 2u(6u² + 3u + 1), coprime to r — the same values as snarkjs's ffjavascript, and a product
 * is one exactly when the reduced pairings' product is. Not constant time: public data only.
 *
 * <pre>
 * G2Prepared q = G2Prepared.of(G2Point.GENERATOR);
 * boolean one = Pairing.productIsOne(new G1Point[] {a, b}, new G2Prepared[] {q, q});
 * </pre>
 */
public final class Pairing {
    /** Non-adjacent form of 6u + 2, least significant digit first. */
    static final byte[] LOOP = nonAdjacentForm(BigInteger.valueOf(Bn254.U).multiply(BigInteger.valueOf(6)).add(BigInteger.TWO));

    private Pairing() {
    }

    /** e(P, Q). */
    public static Fp12 pair(G1Point p, G2Point q) {
        return finalExponentiation(millerLoop(new G1Point[] {p}, new G2Prepared[] {G2Prepared.of(q)}));
    }

    /** Whether Π e(P_i, Q_i) = 1. */
    public static boolean productIsOne(G1Point[] ps, G2Prepared[] qs) {
        return finalExponentiation(millerLoop(ps, qs)).isOne();
    }

    /** Π f_{P_i, Q_i}: the product of the Miller loops, one shared squaring per step. */
    public static Fp12 millerLoop(G1Point[] ps, G2Prepared[] qs) {
        if (ps.length != qs.length) {
            throw new IllegalArgumentException(ps.length + " G1 points but " + qs.length + " G2 points");
        }
        int n = 0;
        G1Point[] p = new G1Point[ps.length];
        G2Prepared[] q = new G2Prepared[ps.length];
        for (int k = 0; k < ps.length; k++) {
            if (!ps[k].isInfinity() && !qs[k].infinity) {
                p[n] = ps[k];
                q[n++] = qs[k];
            }
        }
        Fp12 f = Fp12.ONE;
        int line = 0;
        for (int i = LOOP.length - 2; i >= 0; i--) {
            if (i != LOOP.length - 2) {
                f = f.square();
            }
            for (int k = 0; k < n; k++) {
                f = evaluate(f, q[k].lines, line, p[k]);
            }
            line += 3;
            if (LOOP[i] != 0) {
                for (int k = 0; k < n; k++) {
                    f = evaluate(f, q[k].lines, line, p[k]);
                }
                line += 3;
            }
        }
        for (int step = 0; step < 2; step++) {
            for (int k = 0; k < n; k++) {
                f = evaluate(f, q[k].lines, line, p[k]);
            }
            line += 3;
        }
        return f;
    }

    /** f^(m·(p¹² − 1)/r), m as in the class comment. */
    public static Fp12 finalExponentiation(Fp12 f) {
        Fp12 r = f.conjugate().mul(f.inverse());
        r = r.frobenius(2).mul(r);
        Fp12 y0 = expByNegU(r);
        Fp12 y1 = y0.cyclotomicSquare();
        Fp12 y2 = y1.cyclotomicSquare();
        Fp12 y3 = y2.mul(y1);
        Fp12 y4 = expByNegU(y3);
        Fp12 y5 = y4.cyclotomicSquare();
        Fp12 y6 = expByNegU(y5).conjugate();
        y3 = y3.conjugate();
        Fp12 y7 = y6.mul(y4);
        Fp12 y8 = y7.mul(y3);
        Fp12 y9 = y8.mul(y1);
        Fp12 y10 = y8.mul(y4);
        Fp12 y11 = y10.mul(r);
        Fp12 y13 = y9.frobenius(1).mul(y11);
        Fp12 y14 = y8.frobenius(2).mul(y13);
        Fp12 y15 = r.conjugate().mul(y9).frobenius(3);
        return y15.mul(y14);
    }

    private static Fp12 evaluate(Fp12 f, Fp2[] lines, int at, G1Point p) {
        return f.mulBy034(lines[at].mul(p.y), lines[at + 1].mul(p.x), lines[at + 2]);
    }

    /** f^(−u) for f in the cyclotomic subgroup (where the inverse is the conjugate). */
    private static Fp12 expByNegU(Fp12 f) {
        Fp12 r = f;
        for (int i = 63 - Long.numberOfLeadingZeros(Bn254.U) - 1; i >= 0; i--) {
            r = r.cyclotomicSquare();
            if (((Bn254.U >>> i) & 1) != 0) {
                r = r.mul(f);
            }
        }
        return r.conjugate();
    }

    private static byte[] nonAdjacentForm(BigInteger n) {
        byte[] digits = new byte[n.bitLength() + 1];
        int len = 0;
        while (n.signum() > 0) {
            int digit = 0;
            if (n.testBit(0)) {
                digit = 2 - n.mod(BigInteger.valueOf(4)).intValue();
                n = n.subtract(BigInteger.valueOf(digit));
            }
            digits[len++] = (byte) digit;
            n = n.shiftRight(1);
        }
        return Arrays.copyOf(digits, len);
    }
}
