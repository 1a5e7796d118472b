package org.zkml4j.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.zkml4j.sdk.model.Dense;
import org.zkml4j.sdk.model.ModelGraph;

class SdkApiTest {
    static final byte[] ID = new byte[32];

    @Test
    void compile_withoutAnEngineNamesTheArtifactToAdd() {
        ModelGraph graph = ModelGraph.of(1, new Dense(new float[][] {{1}}, new float[] {0}));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> VerifiableModel.compile(graph, new float[][] {{1}}, ProvingOptions.DEFAULTS));
        assertEquals("no zkml4j proof engine on the classpath: add org.zkml4j:proof-backend", e.getMessage());
        VerificationResult r = Verifier.verify(new VerificationKey("x", new byte[0]),
                new Statement(ID, null, new int[][] {{1}}, 0), new byte[0]);
        assertEquals("no proof engine 'x' on the classpath: add org.zkml4j:proof-backend", r.reason());
    }

    @Test
    void statement_roundTripsAndRejectsMalformedBytes() throws IOException {
        Statement s = new Statement(ID, new int[][] {{1, -2}, {3, 4}}, new int[][] {{5}, {-6}}, 99);
        assertEquals(s, Statement.fromBytes(s.toBytes()));
        Statement hidden = new Statement(ID, null, new int[][] {{7}}, -1);
        assertEquals(hidden, Statement.fromBytes(hidden.toBytes()));
        byte[] bytes = s.toBytes();
        for (int cut = 0; cut < bytes.length; cut++) {
            byte[] truncated = Arrays.copyOf(bytes, cut);
            assertThrows(IOException.class, () -> Statement.fromBytes(truncated));
        }
        byte[] huge = s.toBytes();
        huge[46] = 0x7F; // rows field: claims ~2^31 rows
        assertThrows(IOException.class, () -> Statement.fromBytes(huge));
    }

    @Test
    void statementWithPrivateOutputs_carriesOnlyClassesAndRoundTrips() throws IOException {
        Statement s = Statement.withPrivateOutputs(ID, null, new int[] {3, 0}, 5);
        assertNull(s.outputs());
        assertArrayEquals(new int[] {3, 0}, s.classes());
        assertEquals(2, s.rows());
        assertEquals(s, Statement.fromBytes(s.toBytes()));
        assertNotEquals(s, s.withClasses(new int[] {3, 1}));
        assertNotEquals(s, new Statement(ID, null, new int[][] {{3}, {0}}, 5));
        assertEquals(2, s.toBytes()[5], "private outputs need version 2");
        assertEquals(1, new Statement(ID, null, new int[][] {{7}}, 1).toBytes()[5], "public outputs stay version 1");
        byte[] bytes = s.toBytes();
        for (int cut = 0; cut < bytes.length; cut++) {
            byte[] truncated = Arrays.copyOf(bytes, cut);
            assertThrows(IOException.class, () -> Statement.fromBytes(truncated));
        }
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 4);
        assertThrows(IOException.class, () -> Statement.fromBytes(longer));
        byte[] v1 = bytes.clone();
        v1[5] = 1; // a version-1 statement cannot hide its outputs
        assertThrows(IOException.class, () -> Statement.fromBytes(v1));
        assertThrows(IllegalArgumentException.class, () -> Statement.withPrivateOutputs(ID, null, new int[0], 1));
    }

    @Test
    void statementWithCommittedInputs_carriesTheCommitmentAndRoundTrips() throws IOException {
        byte[] commitment = {9, 8, 7, 6, 5};
        Statement outputs = Statement.withCommittedInputs(ID, commitment, new int[][] {{1, 2}}, null, 4);
        Statement classes = Statement.withCommittedInputs(ID, commitment, null, new int[] {1}, 4);
        for (Statement s : new Statement[] {outputs, classes}) {
            assertNull(s.inputs());
            assertArrayEquals(commitment, s.inputCommitment());
            assertEquals(3, s.toBytes()[5]);
            assertEquals(s, Statement.fromBytes(s.toBytes()));
            assertEquals(s.withNonce(5).inputCommitment().length, 5);
            byte[] bytes = s.toBytes();
            for (int cut = 0; cut < bytes.length; cut++) {
                byte[] truncated = Arrays.copyOf(bytes, cut);
                assertThrows(IOException.class, () -> Statement.fromBytes(truncated));
            }
        }
        assertNotEquals(outputs, Statement.withCommittedInputs(ID, new byte[] {9, 8, 7, 6, 4}, new int[][] {{1, 2}},
                null, 4));
        assertNotEquals(outputs, new Statement(ID, null, new int[][] {{1, 2}}, 4));
        assertThrows(IllegalArgumentException.class, () -> Statement.withCommittedInputs(ID, commitment, null, null, 4));
        assertThrows(IllegalArgumentException.class, () -> Statement.withCommittedInputs(ID, new byte[0],
                new int[][] {{1}}, null, 4));
    }

    @Test
    void statementWithCommittedOutputs_carriesOnlyTheCommitmentAndRoundTrips() throws IOException {
        Statement privateInput = Statement.withCommittedOutputs(ID, null, null, new byte[] {1, 2, 3}, 4, 7);
        Statement publicInput = Statement.withCommittedOutputs(ID, new int[][] {{1}, {2}}, null, new byte[] {4}, 2, 7);
        Statement both = Statement.withCommittedOutputs(ID, null, new byte[] {5, 6}, new byte[] {4}, 2, 7);
        for (Statement s : new Statement[] {privateInput, publicInput, both}) {
            assertNull(s.outputs());
            assertNull(s.classes());
            assertEquals(s, Statement.fromBytes(s.toBytes()));
            byte[] bytes = s.toBytes();
            for (int cut = 0; cut < bytes.length; cut++) {
                byte[] truncated = Arrays.copyOf(bytes, cut);
                assertThrows(IOException.class, () -> Statement.fromBytes(truncated));
            }
        }
        assertEquals(4, privateInput.rows());
        assertArrayEquals(new byte[] {5, 6}, both.inputCommitment());
        assertNotEquals(privateInput, Statement.withCommittedOutputs(ID, null, null, new byte[] {1, 2, 3}, 2, 7));
        assertThrows(IllegalArgumentException.class, () -> Statement.withCommittedOutputs(ID, null, null,
                new byte[] {1}, 0, 7));
        assertThrows(IllegalArgumentException.class, () -> Statement.withCommittedOutputs(ID, new int[][] {{1}}, null,
                new byte[] {1}, 2, 7));
    }

    @Test
    void key_roundTripsHasStableIdAndRejectsMalformedBytes() throws IOException {
        VerificationKey k = new VerificationKey("engine", new byte[] {1, 2, 3});
        assertEquals(k, VerificationKey.fromBytes(k.toBytes()));
        assertEquals(64, k.circuitIdHex().length());
        assertFalse(Arrays.equals(k.circuitId(), new VerificationKey("engine", new byte[] {1, 2, 4}).circuitId()));
        byte[] bytes = k.toBytes();
        bytes[bytes.length - 4] = 0x7F; // payload length far beyond the data
        assertThrows(IOException.class, () -> VerificationKey.fromBytes(bytes));
        assertThrows(IOException.class, () -> VerificationKey.fromBytes(new byte[] {1, 2, 3}));
    }

    @Test
    void options_validateRanges() {
        assertThrows(IllegalArgumentException.class, () -> ProvingOptions.builder().activationBits(3).build());
        assertThrows(IllegalArgumentException.class, () -> ProvingOptions.builder().securityBits(64).build());
        assertTrue(ProvingOptions.builder().build().equals(ProvingOptions.DEFAULTS));
    }
}
