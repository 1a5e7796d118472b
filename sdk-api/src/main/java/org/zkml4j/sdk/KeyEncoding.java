package org.zkml4j.sdk;

/**
 * What a verification key says about its circuit's public values, read through the engine that
 * made the key: the input and output widths, how real inputs are quantized into a statement, and
 * the fixed-point scale of the proven outputs. Adapters and nodes use it to rebuild the statement a
 * proof must satisfy from their own inputs, without reading any engine's internals.
 *
 * <pre>{@code
 * KeyEncoding encoding = KeyEncoding.of(key);
 * Statement expected = encoding.statement(nonce, myInputs, claimedOutputs);
 * VerificationResult r = Verifier.verify(key, expected, proof);
 * }</pre>
 */
public interface KeyEncoding {
    /** Values per input row. */
    int inputSize();

    /** Values per output row. */
    int outputSize();

    /** Whether the outputs are a classifier's logits (their argmax is the class). */
    boolean classifier();

    /** The largest quantized input magnitude Q: inputs are integers in [−Q, Q]. */
    int inputLimit();

    /** Fractional bits f of the inputs: a real x becomes round(x·2^f), clamped to [−Q, Q]. */
    int inputFracBits();

    /** Fractional bits of the proven outputs: an output integer y stands for y·2^−f. */
    int outputFracBits();

    /**
     * The quantized rows a prover proves for {@code rows}.
     *
     * @throws IllegalArgumentException for a row of the wrong width or a non-finite value
     */
    int[][] quantize(float[][] rows);

    /**
     * The public-output statement for {@code inputs} (quantized here; null for private inputs), the
     * claimed {@code outputs} and {@code nonce}.
     *
     * @throws IllegalArgumentException for an input row of the wrong width or a non-finite value
     */
    Statement statement(long nonce, float[][] inputs, int[][] outputs);

    /**
     * The encoding of {@code key}, from the engine that made it.
     *
     * @throws IllegalArgumentException if no engine on the classpath reads the key, or it is malformed
     */
    static KeyEncoding of(VerificationKey key) {
        ProofEngine engine;
        try {
            engine = ProofEngines.forKey(key);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return engine.encoding(key);
    }
}
