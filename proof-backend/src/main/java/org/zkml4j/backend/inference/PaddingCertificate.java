package org.zkml4j.backend.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;
import org.zkml4j.backend.layer.DenseLayer;
import org.zkml4j.backend.layer.ZkPadding;
import org.zkml4j.backend.pcs.Claim;
import org.zkml4j.backend.pcs.Commitment;
import org.zkml4j.backend.pcs.LigeroPcs;
import org.zkml4j.backend.pcs.OpeningProof;
import org.zkml4j.backend.pcs.PcsParameters;
import org.zkml4j.backend.pcs.ProverData;
import org.zkml4j.backend.sumcheck.SharedMasks;
import org.zkml4j.backend.transcript.Transcript;
import org.zkml4j.compiler.CompiledCircuit;

/**
 * A one-time proof, made when the weights are committed and shipped in the verification key, that
 * the model commitment keeps to the structure its key declares: every layer's {@link ZkPadding}
 * check (the padding of W′ and b′ is zero). The weights are fixed, so one check serves every proof.
 * It uses the model commitment's slot 0.
 *
 * <p><b>Bytes</b>: the mask commitment CM; each layer's masked padding sumcheck; CM's opening; the
 * model commitment's opening. <b>Transcript</b>: domain, the structure-only circuit's hash, the
 * model commitment, CM, then every message in order. Soundness: the sum of the layers' ZkPadding
 * bounds and two openings, each held to 2^−(bits+3).
 */
final class PaddingCertificate {
    static final String DOMAIN = "zkml4j/model-padding/v1";

    private PaddingCertificate() {}

    /**
     * Proves the padding of {@code model} (opening its next slot, 0 for a fresh commitment).
     *
     * @throws IllegalArgumentException if some padding entry is not zero
     */
    static byte[] prove(CompiledCircuit circuit, ModelCommitment model, int securityBits, RandomGenerator rng) {
        return prove(circuit, model, securityBits, rng, false);
    }

    /** <b>Unsafe, for testing verifiers only.</b> Certifies whatever the padding sums to. */
    static byte[] proveUnsafe(CompiledCircuit circuit, ModelCommitment model, int securityBits, RandomGenerator rng) {
        return prove(circuit, model, securityBits, rng, true);
    }

    private static byte[] prove(CompiledCircuit circuit, ModelCommitment model, int securityBits, RandomGenerator rng,
            boolean unsafe) {
        CircuitLayout layout = new CircuitLayout(circuit, 1, new ZkMode(false, false, model));
        Transcript t = statement(circuit, model);
        LigeroPcs pcs = pcs(securityBits);
        SharedMasks masks = SharedMasks.sample(plan(layout), rng);
        ProverData cm = pcs.commit(masks.vectors(), rng);
        ProofWriter bytes = new ProofWriter();
        cm.commitment().writeTo(bytes);
        cm.commitment().absorbInto(t);
        List<Claim> claims = new ArrayList<>();
        for (int l = 0; l < layout.layerCount(); l++) {
            int out = circuit.layers().get(l).outputSize(), in = circuit.layers().get(l).inputSize();
            DenseLayer.ProverResult r = unsafe
                    ? ZkPadding.proveUnsafe(layout.dense[l], out, in, model.layer(l), t, masks)
                    : ZkPadding.prove(layout.dense[l], out, in, model.layer(l), t, masks);
            r.proof().writeTo(bytes);
            claims.addAll(r.modelClaims());
        }
        pcs.open(cm, masks.claims(), t, rng).writeTo(bytes);
        model.open(claims, t, rng).writeTo(bytes);
        return bytes.toByteArray();
    }

    /**
     * Checks a certificate against a verifier's model commitment and structure-only circuit.
     *
     * @throws InvalidProofException naming the failed check
     */
    static void verify(CompiledCircuit circuit, ModelCommitment model, int securityBits, byte[] certificate)
            throws InvalidProofException {
        verifyRevealing(circuit, model, securityBits, certificate);
    }

    /** {@link #verify}, returning the claims on the model commitment the certificate revealed. */
    static List<Claim> verifyRevealing(CompiledCircuit circuit, ModelCommitment model, int securityBits,
            byte[] certificate) throws InvalidProofException {
        CircuitLayout layout;
        try {
            layout = new CircuitLayout(circuit, 1, new ZkMode(false, false, model));
        } catch (IllegalArgumentException e) {
            throw new InvalidProofException("model commitment does not fit the circuit: " + e.getMessage());
        }
        model.checkShape(layout);
        Transcript t = statement(circuit, model);
        LigeroPcs pcs = pcs(securityBits);
        SharedMasks masks = SharedMasks.expect(plan(layout));
        ProofReader in = new ProofReader(certificate);
        Commitment cm = pcs.readCommitment(in);
        masks.checkLayout(cm);
        cm.absorbInto(t);
        List<Claim> claims = new ArrayList<>();
        for (int l = 0; l < layout.layerCount(); l++) {
            claims.addAll(ZkPadding.verify(layout.dense[l], circuit.layers().get(l).outputSize(),
                    circuit.layers().get(l).inputSize(), ZkPadding.readProof(in, layout.dense[l]), t, masks));
        }
        List<Claim> maskClaims = masks.claims();
        OpeningProof maskOpening = pcs.readProof(in, cm, maskClaims);
        OpeningProof modelOpening = model.readProof(in, claims);
        in.expectEnd("padding certificate");
        pcs.verify(cm, maskClaims, maskOpening, t);
        model.verify(claims, modelOpening, t);
        return claims;
    }

    private static Transcript statement(CompiledCircuit circuit, ModelCommitment model) {
        Transcript t = new Transcript(DOMAIN);
        t.absorb("circuit", circuit.withholdParameters().circuitHash());
        model.commitment().absorbInto(t);
        return t;
    }

    private static List<int[]> plan(CircuitLayout layout) {
        List<int[]> plan = new ArrayList<>();
        for (int l = 0; l < layout.layerCount(); l++) {
            plan.add(ZkPadding.maskPlan(layout.dense[l]));
        }
        return plan;
    }

    private static LigeroPcs pcs(int securityBits) {
        // two openings: the certificate's masks and the model commitment
        return new LigeroPcs(PcsParameters.forOpenings(securityBits, 2));
    }
}
