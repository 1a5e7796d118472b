package org.zkml4j.backend.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.zkml4j.sdk.ProvingOptions;
import org.zkml4j.sdk.Statement;
import org.zkml4j.sdk.VerifiableModel;
import org.zkml4j.sdk.VerificationResult;
import org.zkml4j.sdk.VerifiedPrediction;
import org.zkml4j.sdk.Verifier;
import org.zkml4j.sdk.Visibility;
import org.zkml4j.sdk.model.Activation;
import org.zkml4j.sdk.model.ModelGraph;
import org.zkml4j.sdk.model.Softmax;

/** A proof that is not one for the statement says so, not a made-up security-bit mismatch. */
class VerifyReasonTest {
    private static final float[][] ROWS = {{0.1f, 0.5f, 0.9f}, {0.2f, 0.1f, 0.7f}};

    private static VerifiableModel model() {
        SplittableRandom rng = new SplittableRandom(9);
        return VerifiableModel.compile(ModelGraph.of(3, CircuitEngineTest.dense(rng, 3, 4), Activation.relu(),
                CircuitEngineTest.dense(rng, 4, 2), new Softmax()), ROWS, ProvingOptions.DEFAULTS);
    }

    private static void assertMalformed(VerificationResult r) {
        assertFalse(r.valid());
        assertTrue(r.reason().startsWith("malformed proof"), r.reason());
        assertFalse(r.reason().contains("-bit security"), r.reason());
    }

    @Test
    void verify_randomProofBytesAreMalformedNotASecurityMismatch() {
        VerifiableModel model = model();
        VerifiedPrediction p = model.predictBatch(ROWS, 1);
        SplittableRandom rng = new SplittableRandom(4);
        for (int i = 0; i < 20; i++) {
            byte[] random = new byte[p.proof().length];
            for (int j = 0; j < random.length; j++) {
                random[j] = (byte) rng.nextInt();
            }
            assertMalformed(Verifier.verify(model.verificationKey(), p.statement(), random));
        }
    }

    @Test
    void verify_aPrivateInputProofAgainstAPublicInputStatementNamesTheMismatch() {
        VerifiableModel model = model();
        VerifiedPrediction hidden = model.withInputVisibility(Visibility.PRIVATE).predictBatch(ROWS, 1);
        VerifiedPrediction shown = model.predictBatch(ROWS, 1);
        Statement swapped = shown.statement();
        assertMalformed(Verifier.verify(model.verificationKey(), swapped, hidden.proof()));
        assertMalformed(Verifier.verify(model.verificationKey(), hidden.statement(), shown.proof()));
    }
}
