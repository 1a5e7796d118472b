package org.zkml4j.groth16.bn254;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PairingTest {
    private static final BigInteger R = Bn254.ORDER;
    private static final G1Point P = G1Point.GENERATOR;
    private static final G2Point Q = G2Point.GENERATOR;

    /** ffjavascript's (snarkjs's library) own values, made by generator-pairing.js. */
    private static JsonObject ffjavascript() throws IOException {
        try (Reader r = new InputStreamReader(PairingTest.class.getResourceAsStream("/snarkjs/generator-pairing.json"),
                StandardCharsets.UTF_8)) {
            return JsonParser.parseReader(r).getAsJsonObject();
        }
    }

    /** snarkjs's F12 layout [[c0.c0, c0.c1, c0.c2], [c1.c0, c1.c1, c1.c2]], each an F_p2 pair. */
    static Fp12 fp12(JsonArray a) {
        return new Fp12(fp6(a.get(0).getAsJsonArray()), fp6(a.get(1).getAsJsonArray()));
    }

    private static Fp6 fp6(JsonArray a) {
        return new Fp6(fp2(a.get(0).getAsJsonArray()), fp2(a.get(1).getAsJsonArray()), fp2(a.get(2).getAsJsonArray()));
    }

    private static Fp2 fp2(JsonArray a) {
        return new Fp2(Fp.fromBigInteger(a.get(0).getAsBigInteger()), Fp.fromBigInteger(a.get(1).getAsBigInteger()));
    }

    @Test
    void pair_generatorsGiveSnarkjsValue() throws IOException {
        assertEquals(fp12(ffjavascript().getAsJsonArray("e_g1_g2")), Pairing.pair(P, Q));
    }

    @Test
    void pair_multiplesGiveSnarkjsValue() throws IOException {
        JsonObject kat = ffjavascript();
        BigInteger a = kat.get("a").getAsBigInteger();
        BigInteger b = kat.get("b").getAsBigInteger();
        assertEquals(fp12(kat.getAsJsonArray("e_aG1_bG2")), Pairing.pair(P.multiply(a), Q.multiply(b)));
    }

    @Test
    void pair_isBilinear() {
        BigInteger a = new BigInteger("9876543210123456789098765432101234567890");
        BigInteger b = R.subtract(BigInteger.valueOf(12345));
        Fp12 base = Pairing.pair(P, Q);
        Fp12 lhs = Pairing.pair(P.multiply(a), Q.multiply(b));
        assertEquals(base.pow(a.multiply(b).mod(R)), lhs);
        assertEquals(Pairing.pair(P.multiply(a.multiply(b).mod(R)), Q), lhs);
        assertEquals(Pairing.pair(P, Q.multiply(a.multiply(b).mod(R))), lhs);
        G1Point p2 = P.multiply(BigInteger.valueOf(7));
        assertEquals(Pairing.pair(P, Q).mul(Pairing.pair(p2, Q)), Pairing.pair(P.add(p2), Q));
    }

    @Test
    void pair_isNonDegenerateOfOrderR() {
        Fp12 e = Pairing.pair(P, Q);
        assertFalse(e.isOne());
        assertTrue(e.pow(R).isOne());
        assertTrue(Pairing.pair(G1Point.INFINITY, Q).isOne());
        assertTrue(Pairing.pair(P, G2Point.INFINITY).isOne());
    }

    /**
     * The addition chain (like ffjavascript's and arkworks') computes the reduced pairing raised to
     * m = 2u(6u² + 3u + 1), which is coprime to r: products equal one exactly when the reduced
     * pairings' product does.
     */
    @Test
    void finalExponentiation_isTheDefinitionToAFixedPowerCoprimeToR() {
        Fp12 f = Pairing.millerLoop(new G1Point[] {P}, new G2Prepared[] {G2Prepared.of(Q)});
        BigInteger exponent = Fp.MODULUS.pow(12).subtract(BigInteger.ONE).divide(R);
        BigInteger u = BigInteger.valueOf(Bn254.U);
        BigInteger m = u.multiply(BigInteger.TWO).multiply(u.pow(2).multiply(BigInteger.valueOf(6))
                .add(u.multiply(BigInteger.valueOf(3))).add(BigInteger.ONE));
        assertEquals(BigInteger.ONE, m.gcd(R));
        assertEquals(f.pow(exponent).pow(m), Pairing.finalExponentiation(f));
    }

    @Test
    void productIsOne_sharesOneFinalExponentiation() {
        BigInteger a = BigInteger.valueOf(31337);
        G2Prepared q = G2Prepared.of(Q);
        G2Prepared aq = G2Prepared.of(Q.multiply(a));
        assertTrue(Pairing.productIsOne(new G1Point[] {P.multiply(a).negate(), P}, new G2Prepared[] {q, aq}));
        assertFalse(Pairing.productIsOne(new G1Point[] {P.multiply(a), P}, new G2Prepared[] {q, aq}));
        assertNotEquals(Pairing.pair(P, Q), Pairing.pair(P.negate(), Q));
    }
}
