package org.zkml4j.backend.sumcheck;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;
import org.zkml4j.backend.pcs.Claim;
import org.zkml4j.backend.pcs.Commitment;
import org.zkml4j.backend.pcs.LinearFunctional;
import org.zkml4j.backend.pcs.OpeningProof;
import org.zkml4j.backend.pcs.PolynomialCommitment;
import org.zkml4j.backend.pcs.ProverData;
import org.zkml4j.backend.poly.Multilinear;
import org.zkml4j.backend.transcript.Transcript;

/**
 * Test-only binding (not hiding) commitment: a SHA-256 digest of the vectors; the opening reveals
 * the vectors. Lets the ZK sumcheck's soundness logic be tested independently of the real PCS.
 */
final class TransparentCommitment implements PolynomialCommitment {
    record Com(byte[] digest, int[] lengths) implements Commitment {
        @Override
        public int vectorLength(int i) {
            return lengths[i];
        }

        @Override
        public int vectorCount() {
            return lengths.length;
        }

        @Override
        public void absorbInto(Transcript t) {
            t.absorb("transparent/digest", digest);
            long[] l = new long[lengths.length];
            for (int i = 0; i < l.length; i++) {
                l[i] = lengths[i];
            }
            t.absorbFields("transparent/lengths", l);
        }

        @Override
        public void writeTo(ProofWriter out) {
            out.writeBytes(digest);
            out.writeInt(lengths.length);
            for (int l : lengths) {
                out.writeInt(l);
            }
        }
    }

    record Data(Com commitment, List<long[]> vectors) implements ProverData {}

    record Opening(List<long[]> vectors) implements OpeningProof {
        @Override
        public void writeTo(ProofWriter out) {
            for (long[] v : vectors) {
                out.writeFields(v);
            }
        }
    }

    static byte[] digest(List<long[]> vectors) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (long[] v : vectors) {
                ProofWriter w = new ProofWriter();
                w.writeInt(v.length).writeFields(v);
                md.update(w.toByteArray());
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public ProverData commit(List<long[]> vectors, RandomGenerator rng) {
        int[] lengths = vectors.stream().mapToInt(v -> v.length).toArray();
        List<long[]> copy = new ArrayList<>();
        vectors.forEach(v -> copy.add(v.clone()));
        return new Data(new Com(digest(copy), lengths), copy);
    }

    @Override
    public OpeningProof open(ProverData data, List<Claim> claims, Transcript transcript, RandomGenerator rng) {
        return new Opening(((Data) data).vectors());
    }

    static Ext apply(LinearFunctional f, long[] v) {
        if (f instanceof LinearFunctional.WeightedSum w) {
            Ext[] ws = w.weights();
            if (ws.length != v.length) {
                throw new IllegalArgumentException("weight count");
            }
            Ext s = Ext.ZERO;
            for (int i = 0; i < v.length; i++) {
                s = s.add(ws[i].mul(v[i]));
            }
            return s;
        }
        return Multilinear.evaluate(v, ((LinearFunctional.MultilinearPoint) f).point());
    }

    @Override
    public void verify(Commitment commitment, List<Claim> claims, OpeningProof proof, Transcript transcript)
            throws InvalidProofException {
        List<long[]> vs = ((Opening) proof).vectors();
        if (!Arrays.equals(digest(vs), ((Com) commitment).digest())) {
            throw new InvalidProofException("transparent: digest mismatch");
        }
        for (Claim c : claims) {
            if (!apply(c.functional(), vs.get(c.vector())).equals(c.value())) {
                throw new InvalidProofException("transparent: claim " + c.vector() + " does not hold");
            }
        }
    }

    @Override
    public OpeningProof readProof(ProofReader in, Commitment commitment, List<Claim> claims)
            throws InvalidProofException {
        List<long[]> vs = new ArrayList<>();
        for (int i = 0; i < commitment.vectorCount(); i++) {
            vs.add(in.readFields("transparent vector", commitment.vectorLength(i)));
        }
        return new Opening(vs);
    }

    @Override
    public Commitment readCommitment(ProofReader in) throws InvalidProofException {
        byte[] d = in.readBytes("transparent digest", 32);
        int count = in.readLength("transparent vector count", 1, 16, 4);
        int[] lengths = new int[count];
        for (int i = 0; i < count; i++) {
            lengths[i] = in.readInt("transparent vector length");
            if (lengths[i] < 1 || lengths[i] > 1 << 24) {
                throw new InvalidProofException("malformed proof: transparent vector length");
            }
        }
        return new Com(d, lengths);
    }
}
