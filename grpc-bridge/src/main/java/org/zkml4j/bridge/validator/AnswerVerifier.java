package org.zkml4j.bridge.validator;

import java.io.IOException;
import org.zkml4j.bridge.auth.AnswerSignature;
import org.zkml4j.bridge.circuit.Circuit;
import org.zkml4j.bridge.v1.ProveResponse;
import org.zkml4j.sdk.Statement;
import org.zkml4j.sdk.VerificationResult;
import org.zkml4j.sdk.Verifier;

/**
 * Checks a miner's answer against the validator's own request: first the miner's signature
 * ({@link AnswerSignature}) against the hotkey the validator was given for it, then the proof. Only
 * the claimed outputs are taken from the answer; circuit id, inputs and nonce come from the
 * validator, so a proof for other inputs, another nonce (a replay) or other outputs fails.
 */
public final class AnswerVerifier {
    private AnswerVerifier() {}

    /** The verdict on one answer and, when it failed, why. */
    public record Check(Verdict verdict, String reason) {
        static Check malformed(String reason) {
            return new Check(Verdict.MALFORMED, reason);
        }
    }

    /**
     * The verdict and reason for {@code answer}, from the miner named {@code minerHotkey}, to a
     * request of {@code quantizedInputs} under {@code nonce}.
     */
    public static Check check(Circuit circuit, String minerHotkey, int[][] quantizedInputs, long nonce,
            ProveResponse answer) {
        if (!AnswerSignature.verifies(minerHotkey, nonce, circuit.key().circuitId(), answer)) {
            return new Check(Verdict.BAD_SIGNATURE, answer.getSignature().isEmpty() ? "the answer is not signed"
                    : "the answer's signature is not " + minerHotkey.substring(0, 8) + "…'s for this request "
                    + "(another key, another request's answer or another circuit's)");
        }
        if (answer.getFirstRow() != 0) {
            return Check.malformed("answer covers rows from " + answer.getFirstRow() + ", expected 0");
        }
        Statement claimed;
        try {
            claimed = Statement.fromBytes(answer.getStatement().toByteArray());
        } catch (IOException e) {
            return Check.malformed("malformed statement: " + e.getMessage());
        }
        int[][] outputs = claimed.outputs();
        if (outputs == null) {
            return Check.malformed("answer hides its outputs; a validator's request needs them public");
        }
        if (outputs.length != quantizedInputs.length || outputs[0].length != circuit.encoding().outputSize()) {
            return Check.malformed("answer has " + outputs.length + "×" + outputs[0].length
                    + " outputs, expected " + quantizedInputs.length + "×" + circuit.encoding().outputSize());
        }
        Statement expected = new Statement(circuit.key().circuitId(), quantizedInputs, outputs, nonce);
        VerificationResult result = Verifier.verify(circuit.key(), expected, answer.getProof().toByteArray());
        return result.valid() ? new Check(Verdict.VERIFIED, "") : new Check(Verdict.INVALID_PROOF, result.reason());
    }
}
