package org.zkml4j.backend.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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

/**
 * Every field of a statement is bound, in every valid visibility mode: one honest proof per mode
 * verifies, and every one-bit change of its statement's encoding that still parses to another
 * statement is rejected. A 4-6-3 classifier on two rows; one model per weight visibility.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatementBindingTest {
    final SplittableRandom rng = new SplittableRandom(7);
    VerifiableModel publicWeights;
    VerifiableModel committedWeights;
    float[][] rows;

    @BeforeAll
    void setUp() {
        ModelGraph graph = ModelGraph.of(4, CircuitEngineTest.dense(rng, 4, 6), Activation.relu(),
                CircuitEngineTest.dense(rng, 6, 3), new Softmax());
        float[][] calibration = CircuitEngineTest.samples(rng, 32, 4);
        publicWeights = VerifiableModel.compile(graph, calibration, ProvingOptions.DEFAULTS);
        // one proof per input × output visibility, slot 0 being the padding certificate
        committedWeights = VerifiableModel.compile(graph, calibration, ProvingOptions.builder()
                .weightVisibility(Visibility.COMMITTED).proofBudget(10).build());
        rows = CircuitEngineTest.samples(rng, 2, 4);
    }

    /** Inputs × outputs × weights, less hidden outputs with a public input and public weights. */
    static Stream<Arguments> modes() {
        List<Arguments> modes = new ArrayList<>();
        for (Visibility weights : List.of(Visibility.PUBLIC, Visibility.COMMITTED)) {
            for (Visibility input : Visibility.values()) {
                for (Visibility outputs : Visibility.values()) {
                    if (input != Visibility.PUBLIC || outputs == Visibility.PUBLIC || weights == Visibility.COMMITTED) {
                        modes.add(Arguments.of(input, outputs, weights));
                    }
                }
            }
        }
        return modes.stream();
    }

    @ParameterizedTest(name = "input {0}, outputs {1}, weights {2}")
    @MethodSource("modes")
    void verify_everyOneBitChangeOfTheStatementIsRejected(Visibility input, Visibility outputs, Visibility weights) {
        VerifiableModel model = (weights == Visibility.COMMITTED ? committedWeights : publicWeights)
                .withInputVisibility(input == Visibility.PUBLIC ? Visibility.PUBLIC : Visibility.PRIVATE)
                .withOutputVisibility(outputs);
        VerifiedPrediction p = input == Visibility.COMMITTED ? model.predictCommitted(model.commitInputs(rows), 3)
                : model.predictBatch(rows, 3);
        Statement honest = p.statement();
        assertEquals(input == Visibility.COMMITTED, honest.inputCommitment() != null);
        assertEquals(input == Visibility.PUBLIC, honest.inputs() != null);
        assertEquals(outputs == Visibility.PRIVATE, honest.classes() != null);
        assertEquals(outputs == Visibility.COMMITTED, honest.outputCommitment() != null);
        VerificationKey key = model.verificationKey();
        assertEquals(VerificationResult.VALID, Verifier.verify(key, honest, p.proof()));

        byte[] encoded = honest.toBytes();
        List<String> accepted = new ArrayList<>();
        int checked = 0;
        for (int bit = 0; bit < 8 * encoded.length; bit++) {
            byte[] changed = encoded.clone();
            changed[bit >>> 3] ^= (byte) (1 << (bit & 7));
            Statement other;
            try {
                other = Statement.fromBytes(changed);
            } catch (IOException e) {
                continue; // a change the parser refuses is rejected
            }
            if (!other.equals(honest)) {
                checked++;
                if (Verifier.verify(key, other, p.proof()).valid()) {
                    accepted.add("byte " + (bit >>> 3) + " bit " + (bit & 7) + ": " + other);
                }
            }
        }
        assertTrue(checked > 0);
        assertEquals(List.of(), accepted, "changed statements that still verify");
    }

    @Test
    void verifyAndCheckOutputs_committedOutputsWithOtherRowsNameTheRowCount() {
        VerifiableModel model = publicWeights.withInputVisibility(Visibility.PRIVATE)
                .withOutputVisibility(Visibility.COMMITTED);
        VerifiedPrediction p = model.predictBatch(rows, 5);
        Statement s = p.statement();
        VerificationKey key = model.verificationKey();
        int proven = s.rows(); // the batch the output commitment holds: filled past the 2 rows asked
        assertTrue(proven >= rows.length);
        for (int claimed : new int[] {1, proven / 2, proven + 1, 33, 1_000_000, Integer.MAX_VALUE}) {
            Statement other = Statement.withCommittedOutputs(s.circuitId(), null, null, s.outputCommitment(), claimed,
                    s.nonce());
            assertEquals("the statement claims " + claimed + " rows, the proof proves " + proven,
                    Verifier.verify(key, other, p.proof()).reason());
            // refused before the batch is filled to the claimed rows
            VerificationResult opened = Verifier.checkOutputs(key, other, p.quantizedOutputs(), p.outputSecret());
            assertEquals(claimed < rows.length ? "give up to one output row per statement row and the 32-byte secret"
                    : "the statement claims " + claimed + " rows, its output commitment holds " + proven,
                    opened.reason());
        }
        assertTrue(Verifier.checkOutputs(key, s, p.quantizedOutputs(), p.outputSecret()).valid());
    }
}
