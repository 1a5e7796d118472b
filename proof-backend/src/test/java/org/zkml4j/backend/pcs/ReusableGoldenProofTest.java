package org.zkml4j.backend.pcs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;
import org.zkml4j.backend.transcript.Transcript;

/**
 * A checked-in reusable commitment (budget 4) and its slot-2 opening (format ligero-rs-reusable/v1)
 * must keep verifying, and the same seeds must keep producing the same bytes. Regenerate
 * deliberately with {@code -Dzkml4j.regenerateGolden=<path to resources>}.
 */
class ReusableGoldenProofTest {
    static final String RESOURCE = "/golden/ligero-reusable-v1.bin";
    static final String DOMAIN = "zkml4j/golden/ligero-reusable-v1";
    final ReusableLigeroPcs pcs = new ReusableLigeroPcs(PcsParameters.DEFAULT, 4);

    byte[] generate(GoldenProofTest.Statement s) {
        LigeroProverData data = pcs.commit(s.vectors(), new SplittableRandom(7));
        ReusableLigeroOpening proof = pcs.openSlot(data, 2, s.claims(), new Transcript(DOMAIN), new SplittableRandom(8));
        ProofWriter out = new ProofWriter();
        data.commitment().writeTo(out);
        proof.writeTo(out);
        return out.toByteArray();
    }

    static byte[] golden() throws IOException {
        try (InputStream in = ReusableGoldenProofTest.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("missing test resource " + RESOURCE);
            }
            return in.readAllBytes();
        }
    }

    @Test
    void golden_reusableV1ProofStillVerifies() throws IOException, InvalidProofException {
        String regenerate = System.getProperty("zkml4j.regenerateGolden");
        if (regenerate != null) {
            Files.write(Path.of(regenerate, "golden", "ligero-reusable-v1.bin"),
                    generate(GoldenProofTest.statement()));
        }
        ProofReader in = new ProofReader(golden());
        LigeroCommitment commitment = pcs.readCommitment(in);
        assertEquals(4, commitment.budget());
        GoldenProofTest.Statement s = GoldenProofTest.statement();
        ReusableLigeroOpening proof = pcs.readProof(in, commitment, s.claims());
        in.expectEnd("golden proof");
        assertEquals(2, proof.slot());
        pcs.verify(commitment, s.claims(), proof, new Transcript(DOMAIN));
        assertThrows(InvalidProofException.class,
                () -> pcs.verify(commitment, s.claims(), proof, new Transcript(DOMAIN + "x")));
    }

    @Test
    void golden_sameSeedsReproduceTheBytes() throws IOException {
        assertArrayEquals(golden(), generate(GoldenProofTest.statement()));
    }
}
