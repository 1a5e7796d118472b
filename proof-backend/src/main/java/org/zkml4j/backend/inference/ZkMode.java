package org.zkml4j.backend.inference;

/**
 * What a {@link ZkInferenceProof} hides: the input (PRIVATE, or COMMITTED: hidden and bound to
 * {@code input}), the outputs (PRIVATE: only each row's class is shown; COMMITTED: hidden and bound
 * to {@code output}), and the weights (COMMITTED: bound to {@code model}, else public). Hiding the
 * outputs needs a hidden input or committed weights — with a public input and public weights the
 * verifier could recompute them — and showing classes needs a classifier.
 *
 * @param privateInput whether the input is hidden (true for committed inputs)
 * @param privateOutputs whether the logits are hidden (the statement shows the classes)
 * @param model the model commitment for COMMITTED weights, or null for public weights
 * @param input the input commitment for COMMITTED inputs, or null
 * @param output the output commitment for COMMITTED outputs, or null
 */
public record ZkMode(boolean privateInput, boolean privateOutputs, ModelCommitment model, DataCommitment input,
                     DataCommitment output) {
    /** A hidden input; public weights and outputs. */
    public static final ZkMode PRIVATE_INPUT = new ZkMode(true, false, null, null, null);
    /** A hidden input and logits, public classes; public weights. */
    public static final ZkMode PRIVATE_INPUT_AND_OUTPUTS = new ZkMode(true, true, null, null, null);

    /** @throws IllegalArgumentException if nothing would be hidden, or committed inputs are not hidden */
    public ZkMode {
        if (!privateInput && model == null) {
            // hidden outputs alone would hide nothing: the verifier could recompute them
            throw new IllegalArgumentException("with a public input and public weights there is nothing to hide: "
                    + "use CircuitProof");
        }
        if (input != null && !privateInput) {
            throw new IllegalArgumentException("committed inputs are hidden: set privateInput");
        }
        if (output != null && privateOutputs) {
            throw new IllegalArgumentException("outputs are either committed or shown as classes, not both");
        }
    }

    /** Without committed inputs or outputs. */
    public ZkMode(boolean privateInput, boolean privateOutputs, ModelCommitment model) {
        this(privateInput, privateOutputs, model, null, null);
    }

    /** Without committed outputs. */
    public ZkMode(boolean privateInput, boolean privateOutputs, ModelCommitment model, DataCommitment input) {
        this(privateInput, privateOutputs, model, input, null);
    }

    /** Whether the weights are committed. */
    public boolean committedWeights() {
        return model != null;
    }

    /** Whether the inputs are committed. */
    public boolean committedInput() {
        return input != null;
    }

    /** Whether the outputs are committed. */
    public boolean committedOutputs() {
        return output != null;
    }

    /**
     * The transcript's mode flags: bit 0 private input, bit 1 private outputs (classes), bit 2
     * committed weights, bit 3 committed inputs, bit 4 committed outputs.
     */
    long flags() {
        return (privateInput ? 1 : 0) | (privateOutputs ? 2 : 0) | (model != null ? 4 : 0) | (input != null ? 8 : 0)
                | (output != null ? 16 : 0);
    }
}
