package org.zkml4j.groth16;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zkml4j.groth16.bn254.Bn254;
import org.zkml4j.groth16.bn254.Fp;
import org.zkml4j.groth16.bn254.Fp12;
import org.zkml4j.groth16.bn254.Fp2;
import org.zkml4j.groth16.bn254.Fp6;
import org.zkml4j.groth16.bn254.G1Point;
import org.zkml4j.groth16.bn254.G2Point;

class Groth16Test {
    private static final String PAIRING_FAILED = "pairing check failed: e(A, B) ≠ e(α, β)·e(L, γ)·e(C, δ)";

    @ParameterizedTest
    @ValueSource(strings = {"multiplier", "dense8", "quantized_relu"})
    void verify_acceptsSnarkjsProof(String circuit) {
        Verdict v = Groth16.verify(Fixtures.key(circuit), Fixtures.proof(circuit), Fixtures.signals(circuit));
        assertTrue(v.valid(), v.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplier", "dense8", "quantized_relu"})
    void verifyingKey_alphaBetaEqualsSnarkjsValue(String circuit) {
        JsonArray snarkjs = JsonParser.parseString(Fixtures.text(circuit, "verification_key.json"))
                .getAsJsonObject().getAsJsonArray("vk_alphabeta_12");
        assertEquals(fp12(snarkjs), Fixtures.key(circuit).alphaBeta());
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplier", "dense8", "quantized_relu"})
    void verify_rejectsEachAlteredProofElement(String circuit) {
        VerifyingKey vk = Fixtures.key(circuit);
        Proof p = Fixtures.proof(circuit);
        List<BigInteger> s = Fixtures.signals(circuit);
        G1Point g1 = G1Point.GENERATOR;
        G2Point g2 = G2Point.GENERATOR;
        List<Proof> altered = List.of(
                new Proof(p.a().add(g1), p.b(), p.c()),
                new Proof(p.a().negate(), p.b(), p.c()),
                new Proof(p.a(), p.b().add(g2), p.c()),
                new Proof(p.a(), p.b().negate(), p.c()),
                new Proof(p.a(), p.b(), p.c().add(g1)),
                new Proof(p.c(), p.b(), p.a()));
        for (Proof bad : altered) {
            Verdict v = Groth16.verify(vk, bad, s);
            assertFalse(v.valid());
            assertEquals(PAIRING_FAILED, v.reason());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplier", "dense8", "quantized_relu"})
    void verify_rejectsEachChangedPublicSignal(String circuit) {
        VerifyingKey vk = Fixtures.key(circuit);
        Proof p = Fixtures.proof(circuit);
        List<BigInteger> s = Fixtures.signals(circuit);
        for (int i = 0; i < s.size(); i++) {
            List<BigInteger> changed = new ArrayList<>(s);
            changed.set(i, s.get(i).add(BigInteger.ONE).mod(Bn254.ORDER));
            assertEquals(PAIRING_FAILED, Groth16.verify(vk, p, changed).reason());
        }
    }

    @Test
    void verify_rejectsSignalPlusROrNegativeRatherThanReducing() {
        VerifyingKey vk = Fixtures.key("multiplier");
        Proof p = Fixtures.proof("multiplier");
        BigInteger c = Fixtures.signals("multiplier").get(0);
        assertEquals("public signal 0 is outside [0, r)", Groth16.verify(vk, p, List.of(c.add(Bn254.ORDER))).reason());
        assertEquals("public signal 0 is outside [0, r)", Groth16.verify(vk, p, List.of(c.subtract(Bn254.ORDER))).reason());
    }

    @Test
    void verify_rejectsWrongSignalCount() {
        VerifyingKey vk = Fixtures.key("dense8");
        List<BigInteger> s = Fixtures.signals("dense8");
        assertEquals("expected 8 public signals, got 7", Groth16.verify(vk, Fixtures.proof("dense8"), s.subList(0, 7)).reason());
    }

    @Test
    void verify_rejectsProofAgainstAnotherCircuitsKey() {
        Proof multiplier = Fixtures.proof("multiplier");
        BigInteger c = Fixtures.signals("multiplier").get(0);
        Verdict v = Groth16.verify(Fixtures.key("quantized_relu"), multiplier, List.of(c, BigInteger.ZERO));
        assertEquals(PAIRING_FAILED, v.reason());
        Proof relu = Fixtures.proof("quantized_relu");
        assertEquals(PAIRING_FAILED, Groth16.verify(Fixtures.key("multiplier"), relu, List.of(Fixtures.signals("quantized_relu").get(0))).reason());
    }

    private static Fp12 fp12(JsonArray a) {
        return new Fp12(fp6(a.get(0).getAsJsonArray()), fp6(a.get(1).getAsJsonArray()));
    }

    private static Fp6 fp6(JsonArray a) {
        return new Fp6(fp2(a.get(0).getAsJsonArray()), fp2(a.get(1).getAsJsonArray()), fp2(a.get(2).getAsJsonArray()));
    }

    private static Fp2 fp2(JsonArray a) {
        return new Fp2(Fp.fromBigInteger(a.get(0).getAsBigInteger()), Fp.fromBigInteger(a.get(1).getAsBigInteger()));
    }
}
