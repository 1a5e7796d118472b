package org.zkml4j.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.zkml4j.sdk.model.ModelGraph;

/**
 * A model whose predictions come with zero-knowledge proofs. Compile one from a {@link ModelGraph}
 * and calibration samples; anyone holding its {@link #verificationKey()} checks a prediction's
 * proof with {@link Verifier#verify}.
 *
 * <pre>{@code
 * VerifiableModel model = VerifiableModel.compile(graph, calibrationRows, ProvingOptions.DEFAULTS);
 * VerifiedPrediction p = model.predict(input, nonce);
 * VerificationResult r = Verifier.verify(model.verificationKey(), p.statement(), p.proof());
 * }</pre>
 *
 * <p>The proving engine is found with {@link java.util.ServiceLoader}; add
 * {@code org.zkml4j:proof-backend} to the classpath.
 */
public interface VerifiableModel {
    /** Predicts one input and proves it, with nonce 0. */
    default VerifiedPrediction predict(float[] input) {
        return predict(input, 0);
    }

    /** Predicts one input and proves it, binding {@code nonce} into the proof. */
    default VerifiedPrediction predict(float[] input, long nonce) {
        return predictBatch(new float[][] {input}, nonce);
    }

    /**
     * Predicts every row and proves them all with one proof. Values outside the calibrated range
     * are clamped and counted ({@link VerifiedPrediction#clampedInputs()}).
     *
     * @throws IllegalArgumentException for a row of the wrong width, a non-finite value or, with a
     *     {@linkplain #strictInputRange() strict input range}, a value outside the calibrated range
     */
    VerifiedPrediction predictBatch(float[][] inputs, long nonce);

    /**
     * Commits {@code rows} for COMMITTED-input proofs ({@link #predictCommitted}) with a fresh
     * secret; publish {@link CommittedInputs#commitment()}.
     */
    CommittedInputs commitInputs(float[][] rows);

    /**
     * Re-creates the commitment an owner made of {@code rows} with {@code secret}, resuming at its
     * persisted slot counter ({@link CommittedInputs#nextSlot()}): without the counter a prover would
     * open used slots again.
     *
     * @throws IllegalArgumentException if the secret is malformed or {@code nextSlot} is outside the budget
     */
    CommittedInputs commitInputs(float[][] rows, byte[] secret, int nextSlot);

    /**
     * Predicts committed rows and proves it: the statement carries their commitment instead of the
     * inputs, the proof hides them and shows they are the committed ones. Outputs follow
     * {@link #outputVisibility()}.
     *
     * @throws IllegalArgumentException if {@code inputs} was made for another model or engine
     */
    VerifiedPrediction predictCommitted(CommittedInputs inputs, long nonce);

    /** Whether the inputs of this model's proofs are shown to the verifier or hidden. */
    Visibility inputVisibility();

    /**
     * This model proving with the given input visibility (the same circuit and key): PRIVATE
     * proofs reveal nothing about the inputs beyond the outputs, their statements carry no inputs.
     */
    VerifiableModel withInputVisibility(Visibility visibility);

    /** Whether the verifier sees the outputs, only each row's class (PRIVATE) or a commitment (COMMITTED). */
    Visibility outputVisibility();

    /**
     * This model proving with the given output visibility (the same circuit and key): PRIVATE
     * proofs show only each row's class — the argmax of the hidden logits — and need a classifier;
     * COMMITTED proofs show a commitment to the outputs, which {@link VerifiedPrediction#outputSecret()}
     * opens later ({@link Verifier#checkOutputs}). Both need a PRIVATE input or COMMITTED weights
     * (with a public input and public weights the verifier could recompute the outputs).
     *
     * @throws IllegalArgumentException if PRIVATE is asked of a regressor, or the input and weights are public
     */
    VerifiableModel withOutputVisibility(Visibility visibility);

    /**
     * Whether inputs outside the calibrated range are refused ({@link ProvingOptions#strictInputRange()})
     * rather than clamped and counted in {@link VerifiedPrediction#clampedInputs()}.
     */
    boolean strictInputRange();

    /** This model refusing (true) or clamping (false) inputs outside the calibrated range; saved with it. */
    VerifiableModel withStrictInputRange(boolean strict);

    /**
     * PUBLIC (the verification key holds the weights) or COMMITTED (it holds a commitment to them
     * and proofs hide them); fixed when the model is compiled.
     */
    Visibility weightVisibility();

    /**
     * With COMMITTED weights, this model for exactly one proof at a slot of the model commitment
     * taken now (reservations may prove in any order); this model's slot counter moves past it.
     * A prover that keeps the model in a file saves this model, then proves with the returned one
     * (which cannot be saved), so a crash or a concurrent prover never reuses the slot. With public
     * weights, this model.
     *
     * @throws IllegalStateException once the budget is spent
     */
    VerifiableModel reserveProof();

    /** The key verifiers need. */
    VerificationKey verificationKey();

    /**
     * Writes everything needed to prove again later: the compiled model, its options and, with
     * COMMITTED weights, the commitment's secret seed and slot counter (keep such bytes secret).
     *
     * @throws IllegalStateException for a model made by {@link #reserveProof()}
     */
    void save(OutputStream out) throws IOException;

    /** Compiles {@code graph} for proving with the engine on the classpath. */
    static VerifiableModel compile(ModelGraph graph, float[][] calibration, ProvingOptions options) {
        return ProofEngines.defaultEngine().compile(graph, calibration, options);
    }

    /** Reads a model written by {@link #save}. */
    static VerifiableModel load(InputStream in) throws IOException {
        return ProofEngines.defaultEngine().load(in);
    }
}
