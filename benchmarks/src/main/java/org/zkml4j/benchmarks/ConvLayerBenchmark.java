package org.zkml4j.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.layer.Conv2dLayer;
import org.zkml4j.backend.layer.Conv2dShape;
import org.zkml4j.backend.layer.ConvAxis;
import org.zkml4j.backend.layer.MaxPool2dLayer;
import org.zkml4j.backend.transcript.Transcript;

/**
 * The convolution and max-pool building blocks on LeNet-5's layers (public mode, the layer
 * protocols alone — no commitment, no lookups): conv 1 → 6 channels 5 × 5 on 28 × 28, 2 × 2 max
 * pool, conv 6 → 16 5 × 5 on 12 × 12; prove and verify, batch 1 and 64.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ConvLayerBenchmark {
    @Param({"1", "64"})
    public int batch;

    @Param({"conv1", "pool1", "conv2"})
    public String layer;

    Conv2dShape conv;
    MaxPool2dLayer.Shape pool;
    long[] x;
    long[][] zr;
    MaxPool2dLayer.Witness pooled;
    Conv2dLayer.Proof convProof;
    MaxPool2dLayer.Proof poolProof;

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(12);
        switch (layer) {
            case "conv1" -> conv = shape(rng, 1, 6, ConvAxis.valid(28, 5));
            case "conv2" -> conv = shape(rng, 6, 16, ConvAxis.valid(12, 5));
            default -> pool = new MaxPool2dLayer.Shape(batch, 6, new ConvAxis(24, 2, 2, 1, 0, 12),
                    new ConvAxis(24, 2, 2, 1, 0, 12), 127, 0, 1, 2, 3);
        }
        x = new long[conv != null ? conv.inputLength() : pool.inputLength()];
        for (int i = 0; i < x.length; i++) {
            x[i] = Goldilocks.fromSigned(rng.nextInt(-127, 128));
        }
        if (conv != null) {
            zr = conv.apply(x);
            convProof = Conv2dLayer.prove(conv, x, zr[0], zr[1], new Transcript("bench")).proof();
        } else {
            pooled = MaxPool2dLayer.witness(pool, x);
            poolProof = MaxPool2dLayer.prove(pool, x, pooled, new Transcript("bench")).proof();
        }
    }

    private Conv2dShape shape(SplittableRandom rng, int in, int out, ConvAxis axis) {
        long[][][][] w = new long[out][in][axis.kernel()][axis.kernel()];
        for (long[][][] a : w) {
            for (long[][] b : a) {
                for (long[] c : b) {
                    for (int j = 0; j < c.length; j++) {
                        c[j] = rng.nextInt(-64, 65);
                    }
                }
            }
        }
        return Conv2dShape.fromSigned(batch, w, rng.longs(out, -500, 500).toArray(), 8, axis, axis, 0, 1, 2);
    }

    @Benchmark
    public Object prove() {
        return conv != null ? Conv2dLayer.prove(conv, x, zr[0], zr[1], new Transcript("bench"))
                : MaxPool2dLayer.prove(pool, x, pooled, new Transcript("bench"));
    }

    @Benchmark
    public Object verify() throws InvalidProofException {
        return conv != null ? Conv2dLayer.verify(conv, convProof, new Transcript("bench"))
                : MaxPool2dLayer.verify(pool, poolProof, new Transcript("bench"));
    }
}
