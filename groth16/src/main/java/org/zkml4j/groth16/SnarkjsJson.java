package org.zkml4j.groth16;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.zkml4j.groth16.bn254.Bn254;
import org.zkml4j.groth16.bn254.Fp;
import org.zkml4j.groth16.bn254.G1Point;
import org.zkml4j.groth16.bn254.G2Point;

/**
 * Reads snarkjs's Groth16 files — verification_key.json, proof.json, public.json — with canonical
 * decoding: every number is a JSON string of decimal digits without sign or leading zeros, every
 * coordinate is below p, every public signal below r (never reduced), every point affine (z = 1) or
 * snarkjs's point at infinity, on its curve and, for G2, in the subgroup. Inputs are size-capped
 * before parsing (bounded memory) and strict JSON without duplicate keys ({@link StrictJson}); any failure is a {@link SnarkjsFormatException}
 * naming the file and the JSON path. snarkjs's {@code vk_alphabeta_12} is ignored: the key
 * recomputes e(α, β) rather than trust it.
 *
 * <pre>
 * VerifyingKey vk = SnarkjsJson.verifyingKey(SnarkjsJson.read(Path.of("vk.json"), SnarkjsJson.MAX_KEY_BYTES));
 * </pre>
 */
public final class SnarkjsJson {
    /** Largest verification_key.json accepted (about 16 000 public signals). */
    public static final int MAX_KEY_BYTES = 4 << 20;
    /** Largest proof.json accepted (a snarkjs proof is under 1 KiB). */
    public static final int MAX_PROOF_BYTES = 64 << 10;
    /** Largest public.json accepted. */
    public static final int MAX_PUBLIC_BYTES = 4 << 20;

    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,77}");
    private static final String KEY = "verification_key.json";
    private static final String PROOF = "proof.json";
    private static final String PUBLIC = "public.json";

    private SnarkjsJson() {
    }

    /** The file's bytes, refusing files over {@code limit} bytes without reading them whole. */
    public static byte[] read(Path file, int limit) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new SnarkjsFormatException(file.getFileName() + ": larger than " + limit + " bytes");
            }
            return bytes;
        }
    }

    public static VerifyingKey verifyingKey(byte[] json) {
        JsonObject o = object(parse(json, MAX_KEY_BYTES, KEY), KEY, "$");
        expectTag(o, "protocol", "groth16", KEY);
        expectTag(o, "curve", "bn128", KEY);
        JsonArray icJson = array(o.get("IC"), KEY, "$.IC", 1, Integer.MAX_VALUE);
        List<G1Point> ic = new ArrayList<>(icJson.size());
        for (int i = 0; i < icJson.size(); i++) {
            ic.add(g1(icJson.get(i), KEY, "$.IC[" + i + "]", true));
        }
        if (o.has("nPublic")) {
            JsonElement n = o.get("nPublic");
            if (!n.isJsonPrimitive() || !n.getAsJsonPrimitive().isNumber()
                    || !n.getAsJsonPrimitive().getAsString().equals(Integer.toString(ic.size() - 1))) {
                throw fail(KEY, "$.nPublic", "must be the number of IC points minus one (" + (ic.size() - 1) + ")");
            }
        }
        G1Point alpha = g1(o.get("vk_alpha_1"), KEY, "$.vk_alpha_1", false);
        G2Point beta = g2(o.get("vk_beta_2"), KEY, "$.vk_beta_2");
        G2Point gamma = g2(o.get("vk_gamma_2"), KEY, "$.vk_gamma_2");
        G2Point delta = g2(o.get("vk_delta_2"), KEY, "$.vk_delta_2");
        return new VerifyingKey(alpha, beta, gamma, delta, ic);
    }

    public static Proof proof(byte[] json) {
        JsonObject o = object(parse(json, MAX_PROOF_BYTES, PROOF), PROOF, "$");
        expectTag(o, "protocol", "groth16", PROOF);
        expectTag(o, "curve", "bn128", PROOF);
        return new Proof(g1(o.get("pi_a"), PROOF, "$.pi_a", false), g2(o.get("pi_b"), PROOF, "$.pi_b"),
                g1(o.get("pi_c"), PROOF, "$.pi_c", false));
    }

    /** The public signals, each a canonical decimal in [0, r). */
    public static List<BigInteger> publicSignals(byte[] json) {
        JsonArray a = array(parse(json, MAX_PUBLIC_BYTES, PUBLIC), PUBLIC, "$", 0, Integer.MAX_VALUE);
        List<BigInteger> signals = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            signals.add(decimal(a.get(i), PUBLIC, "$[" + i + "]", Bn254.ORDER, "r"));
        }
        return List.copyOf(signals);
    }

    private static JsonElement parse(byte[] json, int limit, String file) {
        if (json.length > limit) {
            throw new SnarkjsFormatException(file + ": larger than " + limit + " bytes");
        }
        return StrictJson.parse(json, file);
    }

    private static void expectTag(JsonObject o, String field, String expected, String file) {
        JsonElement e = o.get(field);
        if (e != null && !(e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() && e.getAsString().equals(expected))) {
            throw fail(file, "$." + field, "must be \"" + expected + "\"");
        }
    }

    /** [x, y, z] with z = "1", or snarkjs's ["0", "1", "0"] where infinity is allowed. */
    private static G1Point g1(JsonElement e, String file, String path, boolean infinityAllowed) {
        JsonArray a = array(e, file, path, 3, 3);
        BigInteger x = decimal(a.get(0), file, path + "[0]", Fp.MODULUS, "p");
        BigInteger y = decimal(a.get(1), file, path + "[1]", Fp.MODULUS, "p");
        BigInteger z = decimal(a.get(2), file, path + "[2]", Fp.MODULUS, "p");
        if (z.signum() == 0 && x.signum() == 0 && y.equals(BigInteger.ONE)) {
            if (!infinityAllowed) {
                throw fail(file, path, "is the point at infinity");
            }
            return G1Point.INFINITY;
        }
        if (!z.equals(BigInteger.ONE)) {
            throw fail(file, path + "[2]", "must be \"1\" (affine) or the point at infinity [\"0\", \"1\", \"0\"]");
        }
        try {
            return G1Point.of(x, y);
        } catch (IllegalArgumentException ex) {
            throw fail(file, path, ex.getMessage());
        }
    }

    /** [[x0, x1], [y0, y1], ["1", "0"]] (real part first); every G2 point here must be finite. */
    private static G2Point g2(JsonElement e, String file, String path) {
        JsonArray a = array(e, file, path, 3, 3);
        BigInteger[] x = fp2(a.get(0), file, path + "[0]");
        BigInteger[] y = fp2(a.get(1), file, path + "[1]");
        BigInteger[] z = fp2(a.get(2), file, path + "[2]");
        boolean zIsOne = z[0].equals(BigInteger.ONE) && z[1].signum() == 0;
        if (!zIsOne) {
            boolean infinity = z[0].signum() == 0 && z[1].signum() == 0;
            throw fail(file, path, infinity ? "is the point at infinity" : "z must be [\"1\", \"0\"] (affine)");
        }
        try {
            return G2Point.of(x[0], x[1], y[0], y[1]);
        } catch (IllegalArgumentException ex) {
            throw fail(file, path, ex.getMessage());
        }
    }

    private static BigInteger[] fp2(JsonElement e, String file, String path) {
        JsonArray a = array(e, file, path, 2, 2);
        return new BigInteger[] {
            decimal(a.get(0), file, path + "[0]", Fp.MODULUS, "p"), decimal(a.get(1), file, path + "[1]", Fp.MODULUS, "p")};
    }

    private static BigInteger decimal(JsonElement e, String file, String path, BigInteger bound, String boundName) {
        if (!(e instanceof JsonPrimitive p) || !p.isString()) {
            throw fail(file, path, "expected a decimal string");
        }
        String s = p.getAsString();
        if (!DECIMAL.matcher(s).matches()) {
            throw fail(file, path, "expected a decimal string without sign or leading zeros (at most 78 digits)");
        }
        BigInteger v = new BigInteger(s);
        if (v.compareTo(bound) >= 0) {
            throw fail(file, path, "value is not below " + boundName + " (non-canonical)");
        }
        return v;
    }

    private static JsonObject object(JsonElement e, String file, String path) {
        if (e == null || !e.isJsonObject()) {
            throw fail(file, path, "expected a JSON object");
        }
        return e.getAsJsonObject();
    }

    private static JsonArray array(JsonElement e, String file, String path, int min, int max) {
        if (e == null) {
            throw fail(file, path, "missing");
        }
        if (!e.isJsonArray()) {
            throw fail(file, path, "expected a JSON array");
        }
        JsonArray a = e.getAsJsonArray();
        if (a.size() < min || a.size() > max) {
            throw fail(file, path, min == max ? "expected " + min + " elements, got " + a.size()
                    : "expected at least " + min + " elements, got " + a.size());
        }
        return a;
    }

    private static SnarkjsFormatException fail(String file, String path, String what) {
        return new SnarkjsFormatException(file + ": " + path + ": " + what);
    }
}
