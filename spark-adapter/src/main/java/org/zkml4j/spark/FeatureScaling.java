package org.zkml4j.spark;

import org.apache.spark.ml.feature.MinMaxScalerModel;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.ml.linalg.Vector;

/**
 * A per-feature affine map {@code x'[i] = scale[i] · x[i] + shift[i]} (double precision): what
 * Spark's {@code StandardScalerModel} and {@code MinMaxScalerModel} compute, composed, and folded
 * into the first dense layer of a model.
 */
final class FeatureScaling {
    private final double[] scale;
    private final double[] shift;

    private FeatureScaling(double[] scale, double[] shift) {
        this.scale = scale;
        this.shift = shift;
    }

    /** The identity on {@code size} features. */
    static FeatureScaling identity(int size) {
        double[] ones = new double[size];
        java.util.Arrays.fill(ones, 1.0);
        return new FeatureScaling(ones, new double[size]);
    }

    /**
     * Spark's standardization: {@code (x − mean) · (1 / std)} with each factor only when enabled,
     * and factor 0 for a feature whose standard deviation is 0 (as Spark does).
     */
    static FeatureScaling of(StandardScalerModel scaler) {
        Vector std = scaler.std();
        Vector mean = scaler.mean();
        double[] scale = new double[std.size()];
        double[] shift = new double[std.size()];
        for (int i = 0; i < scale.length; i++) {
            scale[i] = !scaler.getWithStd() ? 1.0 : std.apply(i) != 0.0 ? 1.0 / std.apply(i) : 0.0;
            shift[i] = scaler.getWithMean() ? -mean.apply(i) * scale[i] : 0.0;
        }
        return new FeatureScaling(scale, shift);
    }

    /**
     * Spark's min-max rescaling to {@code [min, max]}: {@code (x − eMin) · (max − min) / (eMax − eMin) + min},
     * and the constant {@code (min + max) / 2} for a feature whose observed range is 0.
     */
    static FeatureScaling of(MinMaxScalerModel scaler) {
        Vector low = scaler.originalMin();
        Vector high = scaler.originalMax();
        double target = scaler.getMax() - scaler.getMin();
        double[] scale = new double[low.size()];
        double[] shift = new double[low.size()];
        for (int i = 0; i < scale.length; i++) {
            double range = high.apply(i) - low.apply(i);
            if (range != 0.0) {
                scale[i] = target / range;
                shift[i] = scaler.getMin() - low.apply(i) * scale[i];
            } else {
                shift[i] = (scaler.getMin() + scaler.getMax()) / 2;
            }
        }
        return new FeatureScaling(scale, shift);
    }

    int size() {
        return scale.length;
    }

    /** This map followed by {@code next}. */
    FeatureScaling andThen(FeatureScaling next) {
        double[] s = new double[scale.length];
        double[] t = new double[scale.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = next.scale[i] * scale[i];
            t[i] = next.scale[i] * shift[i] + next.shift[i];
        }
        return new FeatureScaling(s, t);
    }

    /**
     * Folds this map into a dense layer {@code y = W x' + b}: returns {@code W[o][i] · scale[i]} and
     * writes {@code b[o] + Σ_i W[o][i] · shift[i]} into {@code bias}, in double precision.
     */
    double[][] fold(double[][] weights, double[] bias) {
        double[][] folded = new double[weights.length][scale.length];
        for (int o = 0; o < weights.length; o++) {
            double b = bias[o];
            for (int i = 0; i < scale.length; i++) {
                folded[o][i] = weights[o][i] * scale[i];
                b += weights[o][i] * shift[i];
            }
            bias[o] = b;
        }
        return folded;
    }
}
