package org.zkml4j.bridge.auth;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.zkml4j.bridge.v1.ProveResponse;

/**
 * A miner's signature on its answer (docs/bridge.md, "Signed answers"): Ed25519 by the miner's
 * hotkey over the UTF-8 string {@code zkml4j-answer/v1:nonce:circuitIdHex:firstRow:sha256hex(statement):sha256hex(proof)},
 * where {@code nonce} and {@code circuitId} are the request's. A validator checks it against the
 * hotkey it was given for that miner, so an answer from another key, an answer replayed from
 * another request or one for another circuit is refused before its proof is even read.
 */
public final class AnswerSignature {
    private static final KeyPolicy ANY_KEY = KeyPolicy.anyKey();

    private AnswerSignature() {}

    /** The signed bytes for an answer to the request ({@code nonce}, {@code circuitId}). */
    static byte[] message(long nonce, byte[] circuitId, ProveResponse answer) {
        HexFormat hex = HexFormat.of();
        return ("zkml4j-answer/v1:" + nonce + ":" + hex.formatHex(circuitId) + ":" + answer.getFirstRow() + ":"
                + hex.formatHex(SignedRequest.sha256(answer.getStatement().toByteArray())) + ":"
                + hex.formatHex(SignedRequest.sha256(answer.getProof().toByteArray())))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** {@code answer} (statement, proof and first row set) signed by {@code miner}. */
    public static ProveResponse sign(Hotkey miner, long nonce, byte[] circuitId, ProveResponse.Builder answer) {
        return answer.setSignature(com.google.protobuf.ByteString.copyFrom(
                miner.sign(message(nonce, circuitId, answer.buildPartial())))).build();
    }

    /** Whether {@code answer} carries {@code minerHex}'s signature for the request ({@code nonce}, {@code circuitId}). */
    public static boolean verifies(String minerHex, long nonce, byte[] circuitId, ProveResponse answer) {
        return ANY_KEY.verifies(minerHex, message(nonce, circuitId, answer), answer.getSignature().toByteArray());
    }
}
