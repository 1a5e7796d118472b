package org.zkml4j.spark;

import org.apache.spark.ml.linalg.Vector;
import org.zkml4j.sdk.KeyEncoding;
import org.zkml4j.sdk.Statement;
import org.zkml4j.sdk.VerificationKey;

/**
 * Maps Spark row values to a proof's statement and back, for one verification key: features are
 * quantized exactly as the prover quantized them, and proven outputs are scaled by the circuit's
 * output scale — both read from the key through the SDK ({@link KeyEncoding}).
 */
final class StatementCodec {
    private final KeyEncoding encoding;

    private StatementCodec(KeyEncoding encoding) {
        this.encoding = encoding;
    }

    /**
     * @throws IllegalArgumentException if no engine on the classpath reads the key, or it is malformed
     */
    static StatementCodec forKey(VerificationKey key) {
        return new StatementCodec(KeyEncoding.of(key));
    }

    /** A feature vector as the prover sees it: each double rounded once to float. */
    static float[] floats(Vector vector) {
        double[] values = vector.toArray();
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    int outputFracBits() {
        return encoding.outputFracBits();
    }

    int outputSize() {
        return encoding.outputSize();
    }

    int inputSize() {
        return encoding.inputSize();
    }

    /**
     * The statement a batch's proof must satisfy.
     *
     * @param features the rows' features, or null when inputs are private
     * @param logits the rows' proven outputs
     * @throws IllegalArgumentException if a feature row has the wrong size or a non-finite value
     */
    Statement statement(long nonce, float[][] features, int[][] logits) {
        return encoding.statement(nonce, features, logits);
    }
}
