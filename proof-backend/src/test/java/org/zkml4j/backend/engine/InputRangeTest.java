package org.zkml4j.backend.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.zkml4j.sdk.ProvingOptions;
import org.zkml4j.sdk.VerifiableModel;
import org.zkml4j.sdk.VerificationResult;
import org.zkml4j.sdk.VerifiedPrediction;
import org.zkml4j.sdk.Verifier;
import org.zkml4j.sdk.Visibility;
import org.zkml4j.sdk.model.Activation;
import org.zkml4j.sdk.model.ModelGraph;
import org.zkml4j.sdk.model.Softmax;

/** Inputs outside the calibrated range: clamped and counted per row, or refused in strict mode. */
class InputRangeTest {
    private static final float[][] CALIBRATION = {{0, 0.5f, 0.9f}, {0.2f, 0.1f, 0.7f}, {0.99f, 0, 0.3f}};
    private static final float[][] ROWS = {{0.5f, 0.5f, 0.5f}, {20, -0.2f, 0.5f}, {-20, 30, 0.1f}};

    private static VerifiableModel model(boolean strict) {
        SplittableRandom rng = new SplittableRandom(16);
        ModelGraph graph = ModelGraph.of(3, CircuitEngineTest.dense(rng, 3, 4), Activation.relu(),
                CircuitEngineTest.dense(rng, 4, 2), new Softmax());
        return VerifiableModel.compile(graph, CALIBRATION, ProvingOptions.builder().strictInputRange(strict).build());
    }

    @Test
    void predict_countsClampedValuesPerRowAndStillProvesTheClampedInput() {
        VerifiableModel model = model(false);
        VerifiedPrediction p = model.predictBatch(ROWS, 5);
        assertArrayEquals(new int[] {0, 1, 2}, p.clampedInputs());
        assertEquals(3, p.clampedTotal());
        assertEquals(VerificationResult.VALID, Verifier.verify(model.verificationKey(), p.statement(), p.proof()));
        assertArrayEquals(new int[] {0}, model.predict(ROWS[0]).clampedInputs());
    }

    @Test
    void predict_strictRefusesNamingRowAndColumnButNoValue() {
        VerifiableModel strict = model(true);
        assertTrue(strict.strictInputRange());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> strict.predictBatch(ROWS, 5));
        assertTrue(e.getMessage().startsWith("row 2 has 1 input value(s) outside the calibrated range ±"), e.getMessage());
        assertTrue(e.getMessage().contains("(first: column 1)"), e.getMessage());
        assertFalse(e.getMessage().contains("20"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> strict.commitInputs(ROWS));
        assertArrayEquals(new int[] {0}, strict.predict(ROWS[0]).clampedInputs());
        assertEquals(1, strict.withStrictInputRange(false).predictBatch(ROWS, 5).clampedInputs()[1]);
    }

    @Test
    void strictness_isSavedWithTheModelAndKeptAcrossVisibilities() throws IOException {
        VerifiableModel strict = model(true).withInputVisibility(Visibility.PRIVATE);
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        strict.save(saved);
        VerifiableModel loaded = VerifiableModel.load(new ByteArrayInputStream(saved.toByteArray()));
        assertTrue(loaded.strictInputRange());
        assertTrue(loaded.withInputVisibility(Visibility.PUBLIC).strictInputRange());
        assertFalse(model(false).strictInputRange());
    }
}
