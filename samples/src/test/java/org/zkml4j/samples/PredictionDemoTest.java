package org.zkml4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PredictionDemoTest {
    @Test
    void run_everyProofVerifiesAndBothTamperedStatementsAreRejected() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PredictionDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(5, out.split("\\(valid\\)", -1).length - 1, out);
        assertTrue(out.contains("changed logit: dense sumcheck"), out);
        assertTrue(out.contains("other nonce:   dense sumcheck"), out);
    }
}
