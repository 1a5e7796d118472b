package org.zkml4j.benchmarks;

import org.zkml4j.backend.random.AesCtrRandom;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.pcs.LigeroPcs;
import org.zkml4j.backend.pcs.PcsParameters;
import org.zkml4j.backend.sumcheck.Reduction;
import org.zkml4j.backend.sumcheck.SumcheckInstance;
import org.zkml4j.backend.sumcheck.SumcheckProver;
import org.zkml4j.backend.sumcheck.ZkSumcheck;
import org.zkml4j.backend.transcript.Transcript;

/** Sumcheck of Σ_x A(x)·B(x) over 2^20 points (A, B base-field tables): plain and zero-knowledge. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SumcheckBenchmark {
    static final int LOG_N = 20;
    final ZkSumcheck zk = new ZkSumcheck(new LigeroPcs(PcsParameters.DEFAULT));
    final AesCtrRandom rng = AesCtrRandom.create();
    SumcheckInstance instance;
    Ext sum;
    SumcheckProver.Result plainProof;
    ZkSumcheck.ProverResult zkProof;

    @Setup
    public void setup() {
        SplittableRandom data = new SplittableRandom(4);
        long[] a = new long[1 << LOG_N];
        long[] b = new long[1 << LOG_N];
        for (int i = 0; i < a.length; i++) {
            a[i] = Ext.randomBase(data);
            b[i] = Ext.randomBase(data);
        }
        SumcheckInstance.Builder builder = SumcheckInstance.builder();
        int ia = builder.addBaseTable(a);
        int ib = builder.addBaseTable(b);
        instance = builder.addTerm(Ext.ONE, ia, ib).build();
        sum = instance.sum();
        plainProof = SumcheckProver.prove(instance, sum, new Transcript("bench"));
        zkProof = zk.prove(instance, sum, new Transcript("bench"), rng);
    }

    @Benchmark
    public SumcheckProver.Result prove2to20() {
        return SumcheckProver.prove(instance, sum, new Transcript("bench"));
    }

    @Benchmark
    public ZkSumcheck.ProverResult proveZk2to20() {
        return zk.prove(instance, sum, new Transcript("bench"), rng);
    }

    @Benchmark
    public Reduction verifyZk2to20() throws InvalidProofException {
        return zk.verify(instance.shape(), sum, zkProof.proof(), new Transcript("bench"));
    }
}
