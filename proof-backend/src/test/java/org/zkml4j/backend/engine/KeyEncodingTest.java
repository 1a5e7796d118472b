package org.zkml4j.backend.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.zkml4j.sdk.KeyEncoding;
import org.zkml4j.sdk.ProvingOptions;
import org.zkml4j.sdk.Statement;
import org.zkml4j.sdk.VerifiableModel;
import org.zkml4j.sdk.VerificationKey;
import org.zkml4j.sdk.VerificationResult;
import org.zkml4j.sdk.VerifiedPrediction;
import org.zkml4j.sdk.Verifier;
import org.zkml4j.sdk.Visibility;
import org.zkml4j.sdk.model.Activation;
import org.zkml4j.sdk.model.ModelGraph;
import org.zkml4j.sdk.model.Softmax;

/** The SDK's one way to read a key: what it says rebuilds the statement a proof satisfies. */
class KeyEncodingTest {
    private static final float[][] ROWS = {{0.1f, 0.5f, 0.9f}, {0.2f, -0.1f, 0.7f}};

    private static VerifiableModel model(Visibility weights) {
        SplittableRandom rng = new SplittableRandom(8);
        return VerifiableModel.compile(ModelGraph.of(3, CircuitEngineTest.dense(rng, 3, 5), Activation.relu(),
                CircuitEngineTest.dense(rng, 5, 2), new Softmax()), ROWS,
                ProvingOptions.builder().weightVisibility(weights).build());
    }

    @Test
    void of_rebuildsThePublicStatementOfAPrediction() {
        VerifiableModel model = model(Visibility.PUBLIC);
        KeyEncoding encoding = KeyEncoding.of(model.verificationKey());
        assertEquals(3, encoding.inputSize());
        assertEquals(2, encoding.outputSize());
        assertTrue(encoding.classifier());
        VerifiedPrediction p = model.predictBatch(ROWS, 21);
        assertArrayEquals(p.statement().inputs(), encoding.quantize(ROWS));
        Statement rebuilt = encoding.statement(21, ROWS, p.quantizedOutputs());
        assertEquals(VerificationResult.VALID, Verifier.verify(model.verificationKey(), rebuilt, p.proof()));
        assertEquals(p.outputs()[0].length, encoding.outputSize());
        int q = encoding.inputLimit();
        assertArrayEquals(new int[] {q, -q, 0}, encoding.quantize(new float[][] {{1e6f, -1e6f, 0}})[0]);
        assertEquals(Math.round(0.5f * (1 << encoding.inputFracBits())), encoding.quantize(ROWS)[0][1]);
    }

    @Test
    void of_readsCommittedWeightsKeysAndRefusesForeignOrMalformedOnes() {
        VerifiableModel committed = model(Visibility.COMMITTED);
        KeyEncoding encoding = KeyEncoding.of(committed.verificationKey());
        assertEquals(3, encoding.inputSize());
        assertArrayEquals(KeyEncoding.of(model(Visibility.PUBLIC).verificationKey()).quantize(ROWS),
                encoding.quantize(ROWS));
        assertThrows(IllegalArgumentException.class, () -> KeyEncoding.of(new VerificationKey("other-engine",
                new byte[] {1, 2, 3})));
        IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class,
                () -> KeyEncoding.of(new VerificationKey(CircuitEngine.ID, new byte[] {0, 0, 0, 100, 1, 2, 3, 4})));
        assertTrue(malformed.getMessage().startsWith("malformed verification key"), malformed.getMessage());
    }
}
