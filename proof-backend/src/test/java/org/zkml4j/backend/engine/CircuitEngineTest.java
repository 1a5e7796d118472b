package org.zkml4j.backend.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.zkml4j.compiler.CircuitCompiler;
import org.zkml4j.compiler.IntegerExecutor;
import org.zkml4j.compiler.QuantizationOptions;
import org.zkml4j.sdk.CommittedInputs;
import org.zkml4j.sdk.ProvingOptions;
import org.zkml4j.sdk.Statement;
import org.zkml4j.sdk.VerifiableModel;
import org.zkml4j.sdk.VerificationKey;
import org.zkml4j.sdk.VerificationResult;
import org.zkml4j.sdk.VerifiedPrediction;
import org.zkml4j.sdk.Verifier;
import org.zkml4j.sdk.Visibility;
import org.zkml4j.sdk.model.Activation;
import org.zkml4j.sdk.model.Dense;
import org.zkml4j.sdk.model.ModelGraph;
import org.zkml4j.sdk.model.Softmax;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CircuitEngineTest {
    final SplittableRandom rng = new SplittableRandom(2026);
    ModelGraph graph;
    float[][] calibration;
    VerifiableModel model;
    VerifiedPrediction prediction;

    static Dense dense(SplittableRandom rng, int in, int out) {
        float[][] w = new float[out][in];
        float[] b = new float[out];
        for (int i = 0; i < out; i++) {
            for (int j = 0; j < in; j++) {
                w[i][j] = (float) rng.nextGaussian() / (float) Math.sqrt(in);
            }
            b[i] = (float) rng.nextGaussian() * 0.1f;
        }
        return new Dense(w, b);
    }

    float[][] samples(int rows) {
        return samples(rng, rows, 10);
    }

    static float[][] samples(SplittableRandom rng, int rows, int width) {
        float[][] x = new float[rows][width];
        for (float[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) rng.nextGaussian();
            }
        }
        return x;
    }

    @BeforeAll
    void setUp() {
        graph = ModelGraph.of(10, dense(rng, 10, 16), Activation.relu(), dense(rng, 16, 4), new Softmax());
        calibration = samples(64);
        model = VerifiableModel.compile(graph, calibration, ProvingOptions.DEFAULTS);
        prediction = model.predictBatch(samples(3), 77);
    }

    @Test
    void predict_proofVerifiesAndClassesMatchTheReferenceExecutor() {
        assertEquals(VerificationResult.VALID,
                Verifier.verify(model.verificationKey(), prediction.statement(), prediction.proof()));
        IntegerExecutor exec = new IntegerExecutor(CircuitCompiler.compile(graph, calibration, QuantizationOptions.defaults()));
        int[][] inputs = prediction.statement().inputs();
        for (int b = 0; b < inputs.length; b++) {
            assertEquals(exec.runQuantized(inputs[b]).predictedClass(), prediction.classes()[b]);
            float sum = 0;
            for (float p : prediction.outputs()[b]) {
                sum += p;
            }
            assertEquals(1f, sum, 1e-4f);
        }
    }

    @Test
    void verify_wrongOutputNonceOrModelIsInvalidWithAReason() {
        int[][] outputs = prediction.statement().outputs();
        outputs[0][0] += 1;
        VerificationResult r = Verifier.verify(model.verificationKey(), prediction.statement().withOutputs(outputs),
                prediction.proof());
        assertFalse(r.valid());
        assertFalse(r.reason().isEmpty());
        assertFalse(Verifier.verify(model.verificationKey(), prediction.statement().withNonce(78), prediction.proof())
                .valid());
        VerifiableModel other = VerifiableModel.compile(ModelGraph.of(10, dense(rng, 10, 16), Activation.relu(),
                dense(rng, 16, 4), new Softmax()), calibration, ProvingOptions.DEFAULTS);
        VerificationResult wrongKey = Verifier.verify(other.verificationKey(), prediction.statement(),
                prediction.proof());
        assertEquals("statement is for another model (circuit id differs from the key's)", wrongKey.reason());
    }

    @Test
    void verify_garbageAndTruncatedProofsAreInvalidNeverExceptions() {
        byte[] garbage = new byte[4096];
        rng.nextBytes(garbage);
        assertFalse(Verifier.verify(model.verificationKey(), prediction.statement(), garbage).valid());
        assertFalse(Verifier.verify(model.verificationKey(), prediction.statement(), new byte[0]).valid());
        byte[] half = java.util.Arrays.copyOf(prediction.proof(), prediction.proof().length / 2);
        assertFalse(Verifier.verify(model.verificationKey(), prediction.statement(), half).valid());
        assertFalse(Verifier.verify(null, prediction.statement(), half).valid());
    }

    @Test
    void verify_statementThatDoesNotFitTheCircuitIsInvalid() {
        int[][] inputs = prediction.statement().inputs();
        inputs[0][0] = 1 << 20; // outside [−Q, Q]
        Statement outOfRange = new Statement(prediction.statement().circuitId(), inputs,
                prediction.statement().outputs(), prediction.statement().nonce());
        VerificationResult r = Verifier.verify(model.verificationKey(), outOfRange, prediction.proof());
        assertTrue(r.reason().startsWith("statement does not fit the circuit"), r.reason());
        int[][] narrow = {{1}, {2}, {3}};
        Statement wrongWidth = new Statement(prediction.statement().circuitId(), narrow,
                prediction.statement().outputs(), prediction.statement().nonce());
        assertFalse(Verifier.verify(model.verificationKey(), wrongWidth, prediction.proof()).valid());
    }

    @Test
    void encodings_roundTripThroughBytes() throws IOException {
        VerificationKey key = VerificationKey.fromBytes(model.verificationKey().toBytes());
        Statement statement = Statement.fromBytes(prediction.statement().toBytes());
        assertEquals(model.verificationKey(), key);
        assertEquals(prediction.statement(), statement);
        assertTrue(Verifier.verify(key, statement, prediction.proof()).valid());
    }

    @Test
    void saveAndLoad_giveTheSameKey() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.save(out);
        VerifiableModel loaded = VerifiableModel.load(new ByteArrayInputStream(out.toByteArray()));
        assertArrayEquals(model.verificationKey().toBytes(), loaded.verificationKey().toBytes());
        VerifiedPrediction p = loaded.predict(samples(1)[0], 5);
        assertTrue(Verifier.verify(model.verificationKey(), p.statement(), p.proof()).valid());
        assertThrows(IOException.class, () -> VerifiableModel.load(new ByteArrayInputStream(new byte[] {1, 2, 3})));
    }

    @Test
    void privateInput_statementHasNoInputsAndVerifiesWithTheKeyAlone() throws IOException {
        VerifiableModel hidden = VerifiableModel.compile(graph, calibration,
                ProvingOptions.builder().inputVisibility(Visibility.PRIVATE).build());
        assertEquals(Visibility.PRIVATE, hidden.inputVisibility());
        VerifiedPrediction p = hidden.predictBatch(samples(2), 11);
        assertNull(p.statement().inputs());
        assertTrue(Verifier.verify(hidden.verificationKey(), p.statement(), p.proof()).valid());
        assertFalse(Verifier.verify(hidden.verificationKey(), p.statement().withNonce(12), p.proof()).valid());
        // the visibility survives save/load; the same key verifies public proofs of the model too
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        hidden.save(out);
        VerifiableModel loaded = VerifiableModel.load(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(Visibility.PRIVATE, loaded.inputVisibility());
        VerifiedPrediction shown = loaded.withInputVisibility(Visibility.PUBLIC).predict(samples(1)[0], 3);
        assertTrue(Verifier.verify(hidden.verificationKey(), shown.statement(), shown.proof()).valid());
        VerificationResult swapped = Verifier.verify(hidden.verificationKey(),
                new Statement(shown.statement().circuitId(), null, shown.statement().outputs(), 3), shown.proof());
        assertFalse(swapped.valid());
    }

    @Test
    void privateOutputs_statementShowsOnlyTheClasses() throws IOException {
        VerifiableModel hidden = VerifiableModel.compile(graph, calibration, ProvingOptions.builder()
                .inputVisibility(Visibility.PRIVATE).outputVisibility(Visibility.PRIVATE).build());
        assertEquals(Visibility.PRIVATE, hidden.outputVisibility());
        VerifiedPrediction p = hidden.predictBatch(samples(3), 8);
        assertNull(p.statement().inputs());
        assertNull(p.statement().outputs());
        assertArrayEquals(p.classes(), p.statement().classes());
        VerificationKey key = hidden.verificationKey();
        assertTrue(Verifier.verify(key, p.statement(), p.proof()).valid());
        int[] other = p.classes().clone();
        other[2] = (other[2] + 1) % p.outputs()[0].length;
        assertFalse(Verifier.verify(key, p.statement().withClasses(other), p.proof()).valid());
        assertFalse(Verifier.verify(key, p.statement().withOutputs(p.quantizedOutputs()), p.proof()).valid());
        assertFalse(Verifier.verify(key, Statement.withPrivateOutputs(key.circuitId(),
                new int[3][graph.inputSize()], p.classes(), 8), p.proof()).valid());
        // save/load keeps both visibilities; a public input cannot go with hidden outputs
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        hidden.save(out);
        VerifiableModel loaded = VerifiableModel.load(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(Visibility.PRIVATE, loaded.outputVisibility());
        assertEquals(Visibility.PRIVATE, loaded.inputVisibility());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loaded.withInputVisibility(Visibility.PUBLIC));
        assertTrue(e.getMessage().contains("PRIVATE input"), e.getMessage());
        assertEquals(Visibility.PUBLIC, loaded.withOutputVisibility(Visibility.PUBLIC).outputVisibility());
    }

    @Test
    void committedWeights_keyHoldsACommitmentNotTheWeightsAndProofsVerify() throws IOException {
        VerifiableModel hidden = VerifiableModel.compile(graph, calibration, ProvingOptions.builder()
                .weightVisibility(Visibility.COMMITTED).proofBudget(8).build());
        assertEquals(Visibility.COMMITTED, hidden.weightVisibility());
        VerificationKey key = hidden.verificationKey();
        VerifiableModel open = VerifiableModel.compile(graph, calibration, ProvingOptions.DEFAULTS);
        assertFalse(Arrays.equals(key.circuitId(), open.verificationKey().circuitId()));
        // three rows, public outputs: the statement repeats the last row up to four, the prediction has three
        VerifiedPrediction p = hidden.predictBatch(samples(3), 5);
        assertEquals(4, p.statement().rows());
        assertEquals(3, p.outputs().length);
        assertEquals(3, p.classes().length);
        assertTrue(Verifier.verify(key, p.statement(), p.proof()).valid());
        assertFalse(Verifier.verify(key, p.statement().withNonce(6), p.proof()).valid());
        assertFalse(Verifier.verify(open.verificationKey(), p.statement(), p.proof()).valid());
        // hidden input and classes only, under the same key
        VerifiedPrediction classes = hidden.withInputVisibility(Visibility.PRIVATE)
                .withOutputVisibility(Visibility.PRIVATE).predictBatch(samples(3), 5);
        assertTrue(Verifier.verify(key, classes.statement(), classes.proof()).valid());
        // a public input with class-only outputs is allowed: the verifier cannot recompute hidden weights
        VerifiedPrediction publicInput = hidden.withOutputVisibility(Visibility.PRIVATE).predict(samples(1)[0], 5);
        assertTrue(Verifier.verify(key, publicInput.statement(), publicInput.proof()).valid());
        // save/load: same key, the slot counter goes on
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        hidden.save(out);
        VerifiableModel loaded = VerifiableModel.load(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(key, loaded.verificationKey());
        VerifiedPrediction again = loaded.predict(samples(1)[0], 7);
        assertTrue(Verifier.verify(key, again.statement(), again.proof()).valid());
        // the key holds the structure-only circuit (no weights) and a checked padding certificate
        try {
            KeyPayload payload = KeyPayload.read(key.payload());
            assertTrue(payload.circuit().parametersWithheld());
            assertTrue(payload.model().certificate().length > 0);
        } catch (org.zkml4j.backend.io.InvalidProofException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void committedWeights_budgetIsSpentThenRefusedWithAClearMessage() {
        VerifiableModel hidden = VerifiableModel.compile(graph, calibration, ProvingOptions.builder()
                .weightVisibility(Visibility.COMMITTED).proofBudget(3).build());
        hidden.predict(samples(1)[0], 1);
        hidden.predict(samples(1)[0], 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> hidden.predict(samples(1)[0], 3));
        assertTrue(e.getMessage().contains("compile the model again"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ProvingOptions.builder()
                .weightVisibility(Visibility.PRIVATE).build());
        assertThrows(IllegalArgumentException.class, () -> ProvingOptions.builder()
                .inputVisibility(Visibility.COMMITTED).build());
    }

    @Test
    void committedWeights_reservedProofsTakeTheirSlotsBeforeProvingAndTheSavedCounterIsPastThem() throws IOException {
        VerifiableModel hidden = VerifiableModel.compile(graph, calibration, ProvingOptions.builder()
                .weightVisibility(Visibility.COMMITTED).proofBudget(4).build());
        VerifiableModel first = hidden.reserveProof();
        VerifiableModel second = hidden.reserveProof().withInputVisibility(Visibility.PRIVATE);
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        hidden.save(saved);
        IllegalStateException notSaved = assertThrows(IllegalStateException.class,
                () -> first.save(new ByteArrayOutputStream()));
        assertTrue(notSaved.getMessage().contains("reserved"), notSaved.getMessage());
        assertThrows(IllegalStateException.class, first::reserveProof);
        // the later reservation proves first; each proves once
        VerificationKey key = hidden.verificationKey();
        for (VerifiableModel once : new VerifiableModel[] {second, first}) {
            VerifiedPrediction p = once.predict(samples(1)[0], 2);
            assertTrue(Verifier.verify(key, p.statement(), p.proof()).valid());
            assertThrows(IllegalStateException.class, () -> once.predict(samples(1)[0], 3));
        }
        // the saved counter is past both reservations: slot 3 is the last of the budget of 4
        VerifiableModel loaded = VerifiableModel.load(new ByteArrayInputStream(saved.toByteArray()));
        VerifiedPrediction last = loaded.predict(samples(1)[0], 4);
        assertTrue(Verifier.verify(key, last.statement(), last.proof()).valid());
        IllegalStateException spent = assertThrows(IllegalStateException.class, loaded::reserveProof);
        assertTrue(spent.getMessage().contains("budget of 4 proofs is spent"), spent.getMessage());
        hidden.reserveProof();
        assertThrows(IllegalStateException.class, hidden::reserveProof);
        assertTrue(model.reserveProof() == model, "public weights have no budget");
    }

    @Test
    void committedInputs_statementCarriesTheCommitmentAndProofsVerify() {
        VerifiableModel m = VerifiableModel.compile(graph, calibration, ProvingOptions.DEFAULTS);
        float[][] rows = samples(3);
        CommittedInputs owner = m.commitInputs(rows);
        // the prover re-creates the owner's commitment from the rows and the secret
        CommittedInputs prover = m.commitInputs(owner.rows(), owner.secret(), owner.nextSlot());
        assertArrayEquals(owner.commitment(), prover.commitment());
        VerifiedPrediction p = m.predictCommitted(prover, 21);
        assertNull(p.statement().inputs());
        assertArrayEquals(owner.commitment(), p.statement().inputCommitment());
        VerificationKey key = m.verificationKey();
        assertTrue(Verifier.verify(key, p.statement(), p.proof()).valid());
        assertFalse(Verifier.verify(key, p.statement().withNonce(22), p.proof()).valid());
        CommittedInputs other = m.commitInputs(samples(3));
        assertFalse(Verifier.verify(key, Statement.withCommittedInputs(key.circuitId(), other.commitment(),
                p.statement().outputs(), null, 21), p.proof()).valid());
        assertFalse(Verifier.verify(key, new Statement(key.circuitId(), null, p.statement().outputs(), 21),
                p.proof()).valid());
        // class-only outputs and committed weights combine with committed inputs
        VerifiableModel hidden = VerifiableModel.compile(graph, calibration, ProvingOptions.builder()
                .weightVisibility(Visibility.COMMITTED).proofBudget(8).outputVisibility(Visibility.PRIVATE)
                .inputVisibility(Visibility.PRIVATE).build());
        VerifiedPrediction all = hidden.predictCommitted(hidden.commitInputs(rows), 1);
        assertTrue(Verifier.verify(hidden.verificationKey(), all.statement(), all.proof()).valid());
        VerifiedPrediction shown = hidden.withOutputVisibility(Visibility.PUBLIC).predictCommitted(
                hidden.commitInputs(rows), 1);
        assertTrue(Verifier.verify(hidden.verificationKey(), shown.statement(), shown.proof()).valid());
        assertThrows(IllegalArgumentException.class, () -> hidden.predictCommitted(owner, 1));
        assertThrows(IllegalArgumentException.class, () -> m.commitInputs(rows, new byte[3], 0));
    }

    @Test
    void committedInputs_slotCounterGoesWithTheSecretAndReservationsNeverReuseASlot() {
        VerifiableModel m = VerifiableModel.compile(graph, calibration, ProvingOptions.DEFAULTS);
        float[][] rows = samples(2);
        CommittedInputs owner = m.commitInputs(rows);
        assertEquals(0, owner.nextSlot());
        CommittedInputs once = owner.reserveProof();
        assertEquals(1, owner.nextSlot());
        VerifiedPrediction p = m.predictCommitted(once, 1);
        assertTrue(Verifier.verify(m.verificationKey(), p.statement(), p.proof()).valid());
        IllegalStateException used = assertThrows(IllegalStateException.class, () -> m.predictCommitted(once, 2));
        assertTrue(used.getMessage().contains("reserved slot 0 is used"), used.getMessage());
        assertThrows(IllegalStateException.class, once::reserveProof);
        // the prover re-creates the commitment at the persisted counter: slots 1..3 remain of the budget of 4
        CommittedInputs resumed = m.commitInputs(rows, owner.secret(), owner.nextSlot());
        assertArrayEquals(owner.commitment(), resumed.commitment());
        CommittedInputs second = resumed.reserveProof();
        CommittedInputs third = resumed.reserveProof();
        // reservations prove in any order
        for (CommittedInputs r : new CommittedInputs[] {third, second, resumed}) {
            VerifiedPrediction q = m.predictCommitted(r, 3);
            assertTrue(Verifier.verify(m.verificationKey(), q.statement(), q.proof()).valid());
        }
        assertEquals(4, resumed.nextSlot());
        IllegalStateException spent = assertThrows(IllegalStateException.class, resumed::reserveProof);
        assertTrue(spent.getMessage().contains("budget of 4 proofs is spent"), spent.getMessage());
        assertThrows(IllegalStateException.class, () -> m.commitInputs(rows, owner.secret(), 4).reserveProof());
        assertThrows(IllegalArgumentException.class, () -> m.commitInputs(rows, owner.secret(), 5));
        assertThrows(IllegalArgumentException.class, () -> m.commitInputs(rows, owner.secret(), -1));
    }

    @Test
    void committedOutputs_statementCarriesACommitmentThatTheSecretOpens() {
        VerifiableModel m = VerifiableModel.compile(graph, calibration, ProvingOptions.builder()
                .inputVisibility(Visibility.PRIVATE).outputVisibility(Visibility.COMMITTED).build());
        VerifiedPrediction p = m.predictBatch(samples(3), 4);
        Statement s = p.statement();
        assertNull(s.outputs());
        assertNull(s.classes());
        assertEquals(4, s.rows());
        VerificationKey key = m.verificationKey();
        assertTrue(Verifier.verify(key, s, p.proof()).valid());
        assertFalse(Verifier.verify(key, s.withNonce(5), p.proof()).valid());
        // the prover reveals the outputs and the secret to someone, who checks them against the statement
        assertTrue(Verifier.checkOutputs(key, s, p.quantizedOutputs(), p.outputSecret()).valid());
        assertEquals(3, p.quantizedOutputs().length);
        int[][] lie = new int[3][];
        for (int b = 0; b < 3; b++) {
            lie[b] = p.quantizedOutputs()[b].clone();
        }
        lie[1][0] += 1;
        assertFalse(Verifier.checkOutputs(key, s, lie, p.outputSecret()).valid());
        assertFalse(Verifier.checkOutputs(key, s, p.quantizedOutputs(), new byte[32]).valid());
        assertFalse(Verifier.checkOutputs(key, new Statement(key.circuitId(), null, p.quantizedOutputs(), 4),
                p.quantizedOutputs(), p.outputSecret()).valid());
        // with committed weights a public input may go with committed outputs
        VerifiableModel hidden = VerifiableModel.compile(graph, calibration, ProvingOptions.builder()
                .weightVisibility(Visibility.COMMITTED).proofBudget(8).outputVisibility(Visibility.COMMITTED).build());
        VerifiedPrediction q = hidden.predict(samples(1)[0], 4);
        assertTrue(Verifier.verify(hidden.verificationKey(), q.statement(), q.proof()).valid());
        assertTrue(Verifier.checkOutputs(hidden.verificationKey(), q.statement(), q.quantizedOutputs(),
                q.outputSecret()).valid());
        assertThrows(IllegalArgumentException.class, () -> VerifiableModel.compile(graph, calibration,
                ProvingOptions.builder().outputVisibility(Visibility.COMMITTED).build()));
    }

    @Test
    void hostileKeys_structureOnlyCircuitWithoutACommitmentIsInvalidNotAnException() throws IOException {
        VerifiableModel m = VerifiableModel.compile(graph, calibration, ProvingOptions.DEFAULTS);
        VerifiedPrediction p = m.predictBatch(samples(3), 1);
        byte[] payload = m.verificationKey().payload();
        org.zkml4j.compiler.CompiledCircuit full = org.zkml4j.compiler.CompiledCircuit.read(
                Arrays.copyOfRange(payload, 4, payload.length));
        byte[] structure = full.withholdParameters().canonicalBytes();
        byte[] forged = Arrays.copyOf(payload, 4 + structure.length);
        System.arraycopy(structure, 0, forged, 4, structure.length);
        VerificationKey key = new VerificationKey(CircuitEngine.ID, forged);
        Statement s = new Statement(key.circuitId(), p.statement().inputs(), p.statement().outputs(), 1);
        VerificationResult r = Verifier.verify(key, s, p.proof());
        assertFalse(r.valid());
        assertTrue(r.reason().contains("must hold the weights"), r.reason());
    }
}
