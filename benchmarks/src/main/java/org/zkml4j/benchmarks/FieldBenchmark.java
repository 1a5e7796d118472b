package org.zkml4j.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.field.GoldilocksExt;

/** Field and extension multiplication throughput on one thread (operations per microsecond). */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FieldBenchmark {
    static final int N = 1024;
    long[] a = new long[N];
    long[] b = new long[N];
    long[] a2 = new long[2 * N];
    long[] b2 = new long[2 * N];

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < N; i++) {
            a[i] = Ext.randomBase(rng);
            b[i] = Ext.randomBase(rng);
        }
        for (int i = 0; i < 2 * N; i++) {
            a2[i] = Ext.randomBase(rng);
            b2[i] = Ext.randomBase(rng);
        }
    }

    /** Base-field multiplications: a[i] ← a[i]·b[i]. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long[] baseMul() {
        long[] x = a;
        long[] y = b;
        for (int i = 0; i < N; i++) {
            x[i] = Goldilocks.mul(x[i], y[i]);
        }
        return x;
    }

    /** Extension-field multiplications on interleaved tables. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long[] extMul() {
        long[] x = a2;
        long[] y = b2;
        for (int i = 0; i < 2 * N; i += 2) {
            long c0 = GoldilocksExt.mulC0(x[i], x[i + 1], y[i], y[i + 1]);
            long c1 = GoldilocksExt.mulC1(x[i], x[i + 1], y[i], y[i + 1]);
            x[i] = c0;
            x[i + 1] = c1;
        }
        return x;
    }
}
