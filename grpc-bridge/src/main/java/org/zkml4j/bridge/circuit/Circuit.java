package org.zkml4j.bridge.circuit;

import java.util.HexFormat;
import org.zkml4j.sdk.VerifiableModel;
import org.zkml4j.sdk.VerificationKey;
import org.zkml4j.sdk.Visibility;

/**
 * One circuit a node knows: a display name, its verification key and input encoding, and — on a
 * node that proves it — the compiled model.
 *
 * @param name a short display name
 * @param key the verification key; {@code key.circuitId()} names the circuit on the wire
 * @param inputs the input encoding read from the key
 * @param model the provable model, or null on a node that only verifies
 */
public record Circuit(String name, VerificationKey key, CircuitInputs inputs, VerifiableModel model) {
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
        return new Circuit(name, key, CircuitInputs.of(key), model);
    }

    /** A circuit this node can only verify. */
    public static Circuit verifyOnly(String name, VerificationKey key) {
        return new Circuit(name, key, CircuitInputs.of(key), null);
    }

    /** The circuit id in hex. */
    public String idHex() {
        return HexFormat.of().formatHex(key.circuitId());
    }
}
