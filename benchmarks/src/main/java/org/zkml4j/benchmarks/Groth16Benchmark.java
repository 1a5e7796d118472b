package org.zkml4j.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.zkml4j.groth16.Groth16;
import org.zkml4j.groth16.Proof;
import org.zkml4j.groth16.SnarkjsJson;
import org.zkml4j.groth16.Verdict;
import org.zkml4j.groth16.VerifyingKey;

/**
 * One Groth16 verification of a real snarkjs proof on one thread, with 1 public signal (the
 * multiplier circuit) and 8 (the dense8 circuit), the key loaded once as a verification node holds
 * it. {@code fromJson}: proof.json and public.json bytes to a verdict — decoding, the G2 subgroup
 * check of B, the public-signal sum and the pairing product; {@code decoded}: the last two only.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class Groth16Benchmark {
    @Param({"1", "8"})
    public int signals;

    VerifyingKey key;
    byte[] proofJson;
    byte[] publicJson;
    Proof proof;
    List<BigInteger> publicSignals;

    @Setup
    public void load() throws IOException {
        String circuit = signals == 1 ? "multiplier" : "dense8";
        key = SnarkjsJson.verifyingKey(resource(circuit, "verification_key.json"));
        proofJson = resource(circuit, "proof.json");
        publicJson = resource(circuit, "public.json");
        proof = SnarkjsJson.proof(proofJson);
        publicSignals = SnarkjsJson.publicSignals(publicJson);
        if (publicSignals.size() != signals || !Groth16.verify(key, proof, publicSignals).valid()) {
            throw new IllegalStateException("fixture " + circuit + " does not verify");
        }
    }

    @Benchmark
    public Verdict fromJson() {
        return Groth16.verify(key, SnarkjsJson.proof(proofJson), SnarkjsJson.publicSignals(publicJson));
    }

    @Benchmark
    public Verdict decoded() {
        return Groth16.verify(key, proof, publicSignals);
    }

    /** A snarkjs fixture file (groth16's test resources, packaged with the benchmarks). */
    static byte[] resource(String circuit, String file) throws IOException {
        try (InputStream in = Groth16Benchmark.class.getResourceAsStream("/snarkjs/" + circuit + "/" + file)) {
            if (in == null) {
                throw new IOException("missing /snarkjs/" + circuit + "/" + file + " (groth16/src/test/resources)");
            }
            return in.readAllBytes();
        }
    }
}
