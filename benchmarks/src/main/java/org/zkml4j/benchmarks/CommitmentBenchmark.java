package org.zkml4j.benchmarks;

import org.zkml4j.backend.random.AesCtrRandom;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.pcs.Claim;
import org.zkml4j.backend.pcs.LigeroPcs;
import org.zkml4j.backend.pcs.OpeningProof;
import org.zkml4j.backend.pcs.PcsParameters;
import org.zkml4j.backend.pcs.ProverData;
import org.zkml4j.backend.poly.Multilinear;
import org.zkml4j.backend.transcript.Transcript;

/** Commit to 2^20 elements, open one evaluation claim, verify (prover randomness from AesCtrRandom). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CommitmentBenchmark {
    static final int LOG_N = 20;
    final LigeroPcs pcs = new LigeroPcs(PcsParameters.DEFAULT);
    final AesCtrRandom rng = AesCtrRandom.create();
    long[] vector;
    List<Claim> claims;
    ProverData committed;
    OpeningProof proof;

    @Setup
    public void setup() {
        SplittableRandom data = new SplittableRandom(3);
        vector = new long[1 << LOG_N];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = Ext.randomBase(data);
        }
        Ext[] z = new Ext[LOG_N];
        for (int i = 0; i < LOG_N; i++) {
            z[i] = Ext.random(data);
        }
        claims = List.of(Claim.multilinear(0, z, Multilinear.evaluate(vector, z)));
        committed = pcs.commit(List.of(vector), rng);
        proof = pcs.open(committed, claims, new Transcript("bench"), rng);
    }

    /** A fresh commitment for each open (a hiding commitment opens once). */
    @State(Scope.Thread)
    public static class Fresh {
        ProverData data;

        @Setup(Level.Invocation)
        public void commit(CommitmentBenchmark b) {
            data = b.pcs.commit(List.of(b.vector), b.rng);
        }
    }

    @Benchmark
    public ProverData commit2to20() {
        return pcs.commit(List.of(vector), rng);
    }

    @Benchmark
    public OpeningProof open2to20(Fresh fresh) {
        return pcs.open(fresh.data, claims, new Transcript("bench"), rng);
    }

    @Benchmark
    public OpeningProof verify2to20() throws InvalidProofException {
        pcs.verify(committed.commitment(), claims, proof, new Transcript("bench"));
        return proof;
    }
}
