package org.zkml4j.backend.pcs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;
import org.zkml4j.backend.poly.Multilinear;
import org.zkml4j.backend.transcript.Transcript;

/**
 * A checked-in commitment and opening (format v1) must keep verifying, and the same seed must keep
 * producing the same bytes: any change to the encoding, the transcript or the parameters shows
 * here first. Regenerate deliberately with {@code -Dzkml4j.regenerateGolden=<path to resources>}.
 */
class GoldenProofTest {
    static final String RESOURCE = "/golden/ligero-v1.bin";
    static final String DOMAIN = "zkml4j/golden/ligero-v1";
    final LigeroPcs pcs = new LigeroPcs(PcsParameters.DEFAULT);

    /** The fixture's statement, derived from a fixed seed. */
    record Statement(List<long[]> vectors, List<Claim> claims) {}

    static Statement statement() {
        SplittableRandom rng = new SplittableRandom(20261125);
        long[] a = new long[1 << 9];
        long[] b = new long[1 << 3];
        for (int i = 0; i < a.length; i++) {
            a[i] = Ext.randomBase(rng);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = Ext.randomBase(rng);
        }
        Ext[] za = new Ext[9];
        Ext[] zb = new Ext[3];
        for (int i = 0; i < 9; i++) {
            za[i] = Ext.random(rng);
        }
        for (int i = 0; i < 3; i++) {
            zb[i] = Ext.random(rng);
        }
        return new Statement(List.of(a, b), List.of(Claim.multilinear(0, za, Multilinear.evaluate(a, za)),
                Claim.multilinear(1, zb, Multilinear.evaluate(b, zb))));
    }

    byte[] generate(Statement s) {
        SplittableRandom prover = new SplittableRandom(7);
        LigeroProverData data = pcs.commit(s.vectors(), prover);
        LigeroOpening proof = pcs.open(data, s.claims(), new Transcript(DOMAIN), prover);
        ProofWriter out = new ProofWriter();
        data.commitment().writeTo(out);
        proof.writeTo(out);
        return out.toByteArray();
    }

    static byte[] golden() throws IOException {
        try (InputStream in = GoldenProofTest.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("missing test resource " + RESOURCE);
            }
            return in.readAllBytes();
        }
    }

    @Test
    void golden_v1ProofStillVerifies() throws IOException, InvalidProofException {
        String regenerate = System.getProperty("zkml4j.regenerateGolden");
        if (regenerate != null) {
            Files.write(Path.of(regenerate, "golden", "ligero-v1.bin"), generate(statement()));
        }
        byte[] bytes = golden();
        ProofReader in = new ProofReader(bytes);
        Commitment commitment = pcs.readCommitment(in);
        Statement s = statement();
        OpeningProof proof = pcs.readProof(in, commitment, s.claims());
        in.expectEnd("golden proof");
        pcs.verify(commitment, s.claims(), proof, new Transcript(DOMAIN));
    }

    @Test
    void golden_sameSeedReproducesTheBytes() throws IOException {
        assertArrayEquals(golden(), generate(statement()));
    }

    @Test
    void golden_failsUnderAnotherDomain() throws IOException, InvalidProofException {
        ProofReader in = new ProofReader(golden());
        Commitment commitment = pcs.readCommitment(in);
        OpeningProof proof = pcs.readProof(in, commitment, statement().claims());
        assertThrows(InvalidProofException.class,
                () -> pcs.verify(commitment, statement().claims(), proof, new Transcript(DOMAIN + "x")));
    }
}
