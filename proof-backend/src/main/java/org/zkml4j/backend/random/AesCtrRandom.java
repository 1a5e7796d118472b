package org.zkml4j.backend.random;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.random.RandomGenerator;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The prover's randomness: a cryptographically secure generator that expands a 256-bit seed from
 * {@link SecureRandom} with AES-256 in counter mode (AES-NI), so the masks and salts of a large
 * commitment cost microseconds rather than one system call each. Not thread-safe; use one per proof.
 *
 * <pre>{@code
 * RandomGenerator rng = AesCtrRandom.create();
 * ProverData data = pcs.commit(vectors, rng);
 * }</pre>
 */
public final class AesCtrRandom implements RandomGenerator {
    private static final int BLOCK_BYTES = 8192;
    private final Cipher cipher;
    private final byte[] zeros = new byte[BLOCK_BYTES];
    private final byte[] block = new byte[BLOCK_BYTES];
    private int pos = BLOCK_BYTES;

    private AesCtrRandom(byte[] key, byte[] iv) {
        try {
            cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK must provide AES/CTR", e);
        }
    }

    /** A generator seeded from the platform's {@link SecureRandom}. */
    public static AesCtrRandom create() {
        return create(new SecureRandom());
    }

    /** A generator seeded with 48 bytes (key and counter) drawn from {@code seedSource}. */
    public static AesCtrRandom create(SecureRandom seedSource) {
        byte[] key = new byte[32];
        byte[] iv = new byte[16];
        seedSource.nextBytes(key);
        seedSource.nextBytes(iv);
        return new AesCtrRandom(key, iv);
    }

    /**
     * A deterministic generator keyed by a 32-byte secret {@code seed} (counter from zero): the
     * same seed gives the same stream, so randomness committed once (a model commitment) can be
     * re-derived from the stored seed. Keep the seed as secret as what it hides.
     */
    public static AesCtrRandom fromSeed(byte[] seed) {
        if (seed == null || seed.length != 32) {
            throw new IllegalArgumentException("a seed is 32 bytes");
        }
        return new AesCtrRandom(seed.clone(), new byte[16]);
    }

    private void refill() {
        try {
            cipher.update(zeros, 0, BLOCK_BYTES, block, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR keystream failed", e);
        }
        pos = 0;
    }

    @Override
    public long nextLong() {
        if (pos + 8 > BLOCK_BYTES) {
            refill();
        }
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (block[pos++] & 0xFFL) << (8 * i);
        }
        return v;
    }

    @Override
    public void nextBytes(byte[] bytes) {
        int done = 0;
        while (done < bytes.length) {
            if (pos == BLOCK_BYTES) {
                refill();
            }
            int n = Math.min(bytes.length - done, BLOCK_BYTES - pos);
            System.arraycopy(block, pos, bytes, done, n);
            pos += n;
            done += n;
        }
    }
}
