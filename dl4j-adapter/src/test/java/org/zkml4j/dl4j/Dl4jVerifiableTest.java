package org.zkml4j.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.zkml4j.sdk.VerificationResult;
import org.zkml4j.sdk.Verifier;

/** Iris predictions through the fluent entry point come with proofs a verifier accepts. */
class Dl4jVerifiableTest {
    @Test
    void predict_irisBatchIsProvenAndMatchesDl4j() {
        MultiLayerNetwork network = Networks.irisNetwork();
        INDArray features = Networks.iris().getFeatures();
        Dl4jVerifiableModel model = Dl4jVerifiable.of(network).calibrate(features).compile();
        INDArray batch = features.get(NDArrayIndex.interval(0, 30, 150), NDArrayIndex.all()); // rows 0,30,…,120
        Dl4jPrediction p = model.predict(batch, 11);

        assertEquals(batch.rows(), p.output().rows());
        float[][] dl4j = Networks.rows(network.output(batch));
        for (int r = 0; r < dl4j.length; r++) {
            assertEquals(Networks.argmax(dl4j[r]), p.proof().classes()[r], "row " + r);
        }
        VerificationResult ok = Verifier.verify(model.verificationKey(), p.proof().statement(), p.proof().proof());
        assertTrue(ok.valid(), ok.reason());
        byte[] tampered = p.proof().proof().clone();
        tampered[tampered.length / 3] ^= 4;
        assertFalse(Verifier.verify(model.verificationKey(), p.proof().statement(), tampered).valid());
    }

    @Test
    void compile_withoutCalibrationIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Dl4jVerifiable.of(Networks.irisNetwork()).compile());
        assertEquals("call calibrate(samples) before compile()", e.getMessage());
    }
}
