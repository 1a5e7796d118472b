package org.zkml4j.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.zkml4j.sdk.ProvingOptions;
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
    void predict_reportsClampedInputsAndStrictModeRefusesThem() {
        MultiLayerNetwork network = Networks.irisNetwork();
        INDArray features = Networks.iris().getFeatures();
        INDArray outside = features.get(NDArrayIndex.interval(0, 3), NDArrayIndex.all()).dup();
        outside.putScalar(1, 2, 1000f); // row 1, petal length: far beyond the calibrated range
        Dl4jPrediction p = Dl4jVerifiable.of(network).calibrate(features).compile().predict(outside, 3);
        assertArrayEquals(new int[] {0, 1, 0}, p.clampedInputs());
        Dl4jVerifiableModel strict = Dl4jVerifiable.of(network).calibrate(features)
                .options(ProvingOptions.builder().strictInputRange(true).build()).compile();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> strict.predict(outside, 3));
        assertTrue(e.getMessage().startsWith("row 2 has 1 input value(s) outside the calibrated range"), e.getMessage());
    }

    @Test
    void compile_withoutCalibrationIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Dl4jVerifiable.of(Networks.irisNetwork()).compile());
        assertEquals("call calibrate(samples) before compile()", e.getMessage());
    }
}
