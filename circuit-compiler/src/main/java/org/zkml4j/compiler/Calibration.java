package org.zkml4j.compiler;

import java.util.List;
import org.zkml4j.sdk.model.Activation;
import org.zkml4j.sdk.model.ActivationKind;
import org.zkml4j.sdk.model.Dense;
import org.zkml4j.sdk.model.ModelGraph;

/**
 * Largest magnitudes seen when the float model runs on sample inputs: of the input, of every Dense
 * output (pre-activation) and of every activation output. The compiler turns each magnitude M into
 * fractional bits f = (B − 1) − ceil(log2 M). Immutable.
 *
 * <pre>{@code
 * Calibration cal = Calibration.measure(graph, sampleRows);
 * double m = cal.preActivationMaxAbs(0);
 * }</pre>
 */
public final class Calibration {
    private final int samples;
    private final double inputMaxAbs;
    private final double[] preActivationMaxAbs;
    private final double[] activationMaxAbs;

    private Calibration(int samples, double inputMaxAbs, double[] pre, double[] act) {
        this.samples = samples;
        this.inputMaxAbs = inputMaxAbs;
        this.preActivationMaxAbs = pre;
        this.activationMaxAbs = act;
    }

    /**
     * Runs {@code graph} in floats ({@link Dense#apply(float[])}, {@link Activation#apply(float)})
     * on every row of {@code samples} and records the maxima, per circuit layer (one per Dense node).
     *
     * @throws CompilationException ({@link CompilationException.Reason#INVALID_CALIBRATION}) if there
     *     are no samples, a row has the wrong length, or a value (input or intermediate) is not finite
     * @throws CompilationException ({@link CompilationException.Reason#UNSUPPORTED_GRAPH}) if the
     *     graph's node order is not supported (see {@link CircuitCompiler})
     */
    public static Calibration measure(ModelGraph graph, float[][] samples) {
        List<CircuitCompiler.LayerPlan> plan = CircuitCompiler.plan(graph);
        if (samples == null || samples.length == 0) {
            throw invalid(-1, "calibration needs at least one sample input, got none");
        }
        double in = 0;
        double[] pre = new double[plan.size()], act = new double[plan.size()];
        for (int s = 0; s < samples.length; s++) {
            float[] x = samples[s];
            if (x == null || x.length != graph.inputSize()) {
                throw invalid(-1, "calibration sample " + s + " has " + (x == null ? "no" : x.length)
                        + " values, the model expects " + graph.inputSize());
            }
            for (int i = 0; i < x.length; i++) {
                if (!Float.isFinite(x[i])) {
                    throw invalid(-1, "calibration sample " + s + " value " + i + " is " + x[i] + "; samples must be finite");
                }
                in = Math.max(in, Math.abs(x[i]));
            }
            for (int l = 0; l < plan.size(); l++) {
                CircuitCompiler.LayerPlan p = plan.get(l);
                x = p.dense().apply(x);
                pre[l] = Math.max(pre[l], maxAbs(x, l, "pre-activation", s));
                Activation a = p.activation();
                if (a != null && a.kind() != ActivationKind.IDENTITY) {
                    for (int i = 0; i < x.length; i++) {
                        x[i] = a.apply(x[i]);
                    }
                }
                act[l] = Math.max(act[l], maxAbs(x, l, "activation", s));
            }
        }
        return new Calibration(samples.length, in, pre, act);
    }

    private static double maxAbs(float[] x, int layer, String what, int sample) {
        double m = 0;
        for (float v : x) {
            if (!Float.isFinite(v)) {
                throw invalid(layer, "layer " + layer + ": " + what + " of calibration sample " + sample
                        + " is not finite in float arithmetic; the model overflows on its own samples");
            }
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static CompilationException invalid(int layer, String message) {
        return new CompilationException(CompilationException.Reason.INVALID_CALIBRATION, layer, message);
    }

    /** Number of sample inputs measured. */
    public int sampleCount() {
        return samples;
    }

    /** Number of circuit layers (Dense nodes). */
    public int layerCount() {
        return preActivationMaxAbs.length;
    }

    /** max |x| over the sample inputs. */
    public double inputMaxAbs() {
        return inputMaxAbs;
    }

    /** max |y| of layer {@code layer}'s Dense output (before its activation). */
    public double preActivationMaxAbs(int layer) {
        return preActivationMaxAbs[layer];
    }

    /** max |A(y)| of layer {@code layer}'s activation output (equal to the pre-activation maximum without activation). */
    public double activationMaxAbs(int layer) {
        return activationMaxAbs[layer];
    }

    /** The maxima as text, e.g. for a compile log. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Calibration[" + samples + " samples, input " + inputMaxAbs);
        for (int l = 0; l < preActivationMaxAbs.length; l++) {
            sb.append(", layer ").append(l).append(' ').append(preActivationMaxAbs[l]).append(" → ")
                    .append(activationMaxAbs[l]);
        }
        return sb.append(']').toString();
    }
}
