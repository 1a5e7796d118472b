package org.zkml4j.bridge.circuit;

import java.util.HexFormat;
import java.util.random.RandomGenerator;
import org.zkml4j.sdk.KeyEncoding;
import org.zkml4j.sdk.VerifiableModel;
import org.zkml4j.sdk.VerificationKey;
import org.zkml4j.sdk.Visibility;

/**
 * One circuit a node knows: a display name, its verification key and the public-value encoding read
 * from it ({@link KeyEncoding}, through the engine), and — on a node that proves it — the compiled
 * model.
 *
 * @param name a short display name
 * @param key the verification key; {@code key.circuitId()} names the circuit on the wire
 * @param encoding input and output widths and scales, read from the key
 * @param model the provable model, or null on a node that only verifies
 */
public record Circuit(String name, VerificationKey key, KeyEncoding encoding, VerifiableModel model) {
    /**
     * A circuit this node can prove.
     *
     * @throws IllegalArgumentException for a model with committed weights, which the subnet does not serve
     */
    public static Circuit provable(String name, VerifiableModel model) {
        if (model.weightVisibility() == Visibility.COMMITTED) {
            throw new IllegalArgumentException(name + " has committed weights: its commitment hides them for a "
                    + "fixed budget of proofs, while a miner answers every request, so the subnet serves "
                    + "public-weight models only (compile it without --weight-visibility committed)");
        }
        VerificationKey key = model.verificationKey();
        return new Circuit(name, key, KeyEncoding.of(key), model);
    }

    /** A circuit this node can only verify. */
    public static Circuit verifyOnly(String name, VerificationKey key) {
        return new Circuit(name, key, KeyEncoding.of(key), null);
    }

    /**
     * Fresh rows spread over the whole input range, each value exactly representable (q·2^−f_in
     * with q uniform in [−Q, Q]), so quantization maps them back to q.
     */
    public float[][] randomInputs(int rows, RandomGenerator random) {
        int limit = encoding.inputLimit();
        float[][] out = new float[rows][encoding.inputSize()];
        for (float[] row : out) {
            for (int j = 0; j < row.length; j++) {
                row[j] = Math.scalb((float) random.nextInt(-limit, limit + 1), -encoding.inputFracBits());
            }
        }
        return out;
    }

    /** The circuit id in hex. */
    public String idHex() {
        return HexFormat.of().formatHex(key.circuitId());
    }
}
