package org.zkml4j.sdk;

import java.io.IOException;
import java.io.InputStream;
import org.zkml4j.sdk.model.ModelGraph;

/**
 * The service-provider interface of a proving engine, found with {@link java.util.ServiceLoader}
 * (register in {@code META-INF/services/org.zkml4j.sdk.ProofEngine}). Applications use
 * {@link VerifiableModel} and {@link Verifier} instead.
 */
public interface ProofEngine {
    /** A stable id, stored in verification keys. */
    String id();

    VerifiableModel compile(ModelGraph graph, float[][] calibration, ProvingOptions options);

    VerifiableModel load(InputStream in) throws IOException;

    /** Verifies; returns invalid with a reason for any malformed or false proof. */
    VerificationResult verify(VerificationKey key, Statement statement, byte[] proof);

    /**
     * What {@code key} says about its public values ({@link KeyEncoding#of}).
     *
     * @throws IllegalArgumentException if the key is malformed or its circuit has no public encoding
     */
    default KeyEncoding encoding(VerificationKey key) {
        throw new IllegalArgumentException("engine " + id() + " does not describe its keys' public values");
    }

    /** Whether {@code outputs} and {@code secret} open the statement's output commitment (see {@link Verifier#checkOutputs}). */
    VerificationResult checkOutputs(VerificationKey key, Statement statement, int[][] outputs, byte[] secret);
}
