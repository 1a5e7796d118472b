package org.zkml4j.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.zkml4j.sdk.VerifiableModel;
import org.zkml4j.sdk.VerificationKey;
import org.zkml4j.sdk.VerifiedPrediction;

/** A compiled DL4J network: INDArray in, INDArray out, every batch with one proof. */
public final class Dl4jVerifiableModel {
    private final VerifiableModel model;

    Dl4jVerifiableModel(VerifiableModel model) {
        this.model = model;
    }

    /** Predicts every row of {@code features} with one proof bound to {@code nonce}. */
    public Dl4jPrediction predict(INDArray features, long nonce) {
        VerifiedPrediction p = model.predictBatch(Dl4jArrays.rows(features), nonce);
        return new Dl4jPrediction(Dl4jArrays.matrix(p.outputs()), p);
    }

    /** The framework-neutral model underneath (save, key, raw predictions). */
    public VerifiableModel model() {
        return model;
    }

    /** The key verifiers need. */
    public VerificationKey verificationKey() {
        return model.verificationKey();
    }
}
