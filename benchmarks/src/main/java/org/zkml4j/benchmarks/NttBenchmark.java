package org.zkml4j.benchmarks;

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
import org.zkml4j.backend.ntt.Ntt;

/** Forward NTT of 2^20 base-field elements (all cores). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class NttBenchmark {
    long[] input;
    long[] work;

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(2);
        input = new long[1 << 20];
        for (int i = 0; i < input.length; i++) {
            input[i] = Ext.randomBase(rng);
        }
        work = new long[input.length];
    }

    @Benchmark
    public long[] forward2to20() {
        System.arraycopy(input, 0, work, 0, input.length);
        Ntt.forward(work);
        return work;
    }
}
