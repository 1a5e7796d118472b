package org.zkml4j.backend.transcript;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.field.Goldilocks;

/**
 * The Fiat–Shamir transcript: a SHA-256 hash chain over every labelled message, from which
 * challenges are drawn.
 *
 * <p>Each absorb feeds {@code tag ‖ len(label) ‖ label ‖ len(data) ‖ data} into the running hash,
 * so messages cannot be re-split or confused across labels. Each challenge first absorbs its own
 * request (label and count), then expands {@code SHA-256(state)} in counter mode and samples by
 * rejection, so extension-field challenges are uniform (no modulo bias) and two challenges never
 * repeat. Prover and verifier must make the same calls in the same order.
 *
 * <pre>{@code
 * Transcript t = new Transcript("zkml4j/pcs-test");
 * t.absorb("root", root);
 * Ext r = t.challengeExt("point");
 * }</pre>
 */
public final class Transcript {
    private static final byte ABSORB = 'A';
    private static final byte CHALLENGE = 'C';
    private static final byte[] PROTOCOL = "zkml4j-transcript-v1".getBytes(StandardCharsets.UTF_8);

    private final MessageDigest state;

    /** Starts a transcript bound to {@code domain} (protocol id and version of the caller). */
    public Transcript(String domain) {
        state = sha256();
        absorb("protocol", PROTOCOL);
        absorb("domain", domain.getBytes(StandardCharsets.UTF_8));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK must provide SHA-256", e);
        }
    }

    private void frame(byte tag, String label, long length) {
        byte[] l = label.getBytes(StandardCharsets.UTF_8);
        state.update(tag);
        updateLong(state, l.length);
        state.update(l);
        updateLong(state, length);
    }

    private static void updateLong(MessageDigest md, long v) {
        for (int i = 0; i < 8; i++) {
            md.update((byte) (v >>> (8 * i)));
        }
    }

    /** Absorbs a labelled byte string. */
    public void absorb(String label, byte[] data) {
        frame(ABSORB, label, data.length);
        state.update(data);
    }

    /** Absorbs a labelled integer (parameters, sizes). */
    public void absorbLong(String label, long value) {
        frame(ABSORB, label, 8);
        updateLong(state, value);
    }

    /** Absorbs canonical base-field elements. */
    public void absorbFields(String label, long[] elements) {
        frame(ABSORB, label, (long) elements.length * Goldilocks.BYTES);
        for (long e : elements) {
            updateLong(state, e);
        }
    }

    /** Absorbs extension elements. */
    public void absorbExts(String label, Ext... elements) {
        frame(ABSORB, label, (long) elements.length * 16);
        for (Ext e : elements) {
            updateLong(state, e.c0());
            updateLong(state, e.c1());
        }
    }

    /** Starts a challenge: records the request, returns a generator seeded by the whole history. */
    private ChallengeStream squeeze(String label, long count) {
        frame(CHALLENGE, label, 8);
        updateLong(state, count);
        MessageDigest copy;
        try {
            copy = (MessageDigest) state.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digest must be cloneable", e);
        }
        byte[] seed = copy.digest();
        state.update(seed); // the next challenge depends on this one
        return new ChallengeStream(seed);
    }

    /** A uniform extension-field challenge. */
    public Ext challengeExt(String label) {
        ChallengeStream s = squeeze(label, 1);
        return Ext.of(s.nextField(), s.nextField());
    }

    /** {@code n} independent uniform extension-field challenges. */
    public Ext[] challengeExts(String label, int n) {
        ChallengeStream s = squeeze(label, n);
        Ext[] out = new Ext[n];
        for (int i = 0; i < n; i++) {
            out[i] = Ext.of(s.nextField(), s.nextField());
        }
        return out;
    }

    /** {@code n} independent uniform indices in [0, bound). */
    public int[] challengeIndices(String label, int n, int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("index bound must be positive: " + bound);
        }
        ChallengeStream s = squeeze(label, n);
        int[] out = new int[n];
        long limit = (Long.MAX_VALUE / bound) * bound; // accept [0, limit) of 63-bit values
        for (int i = 0; i < n; i++) {
            long v;
            do {
                v = s.nextLong() >>> 1;
            } while (v >= limit);
            out[i] = (int) (v % bound);
        }
        return out;
    }

    /** SHA-256 in counter mode over a 32-byte seed. */
    private static final class ChallengeStream {
        private final byte[] seed;
        private final MessageDigest md = sha256();
        private byte[] block = new byte[0];
        private int pos;
        private long counter;

        ChallengeStream(byte[] seed) {
            this.seed = seed;
        }

        long nextLong() {
            if (pos + 8 > block.length) {
                md.update(seed);
                updateLong(md, counter++);
                block = md.digest();
                pos = 0;
            }
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v |= (block[pos++] & 0xFFL) << (8 * i);
            }
            return v;
        }

        /** Uniform in [0, p) by rejection (rejects with probability ≈ 2^-32). */
        long nextField() {
            while (true) {
                long v = nextLong();
                if (Goldilocks.isCanonical(v)) {
                    return v;
                }
            }
        }
    }
}
