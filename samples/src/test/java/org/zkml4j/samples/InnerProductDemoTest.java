package org.zkml4j.samples;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.zkml4j.backend.random.AesCtrRandom;
import org.junit.jupiter.api.Test;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.io.InvalidProofException;

class InnerProductDemoTest {
    @Test
    void run_smallDemoPrintsRejectionsOfEveryTamperedCase() throws InvalidProofException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        InnerProductDemo.run(10, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("run 3: prove"), out);
        assertTrue(out.split("rejected —", -1).length - 1 == 4, out);
    }

    @Test
    void verify_proofForOtherCommitmentRejected() throws InvalidProofException {
        long[] w = {1, 2, 3, 4};
        long[] x = {5, 6, 7, 8};
        long y = 1 * 5 + 2 * 6 + 3 * 7 + 4 * 8;
        AesCtrRandom rng = AesCtrRandom.create();
        InnerProductDemo.Proof a = InnerProductDemo.prove(w, x, y, rng);
        InnerProductDemo.verify(a.commitment(), x, y, a.bytes());
        long[] w2 = {1, 2, 3, Goldilocks.add(4, 1)};
        InnerProductDemo.Proof b = InnerProductDemo.prove(w2, x, y + 8, rng);
        assertThrows(InvalidProofException.class, () -> InnerProductDemo.verify(b.commitment(), x, y, a.bytes()));
        assertThrows(InvalidProofException.class, () -> InnerProductDemo.verify(a.commitment(), x, y, b.bytes()));
    }
}
