package org.zkml4j.backend.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AesCtrRandomTest {
    /** A SecureRandom that replays a fixed seed, to test determinism given the seed. */
    static SecureRandom fixed(byte fill) {
        return new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] bytes) {
                Arrays.fill(bytes, fill);
            }
        };
    }

    @Test
    void stream_deterministicPerSeedAndDifferentAcrossSeeds() {
        byte[] a = new byte[20_000];
        byte[] b = new byte[20_000];
        byte[] c = new byte[20_000];
        AesCtrRandom.create(fixed((byte) 1)).nextBytes(a);
        AesCtrRandom.create(fixed((byte) 1)).nextBytes(b);
        AesCtrRandom.create(fixed((byte) 2)).nextBytes(c);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void nextBytesAndNextLong_drawFromOneStream() {
        AesCtrRandom x = AesCtrRandom.create(fixed((byte) 3));
        AesCtrRandom y = AesCtrRandom.create(fixed((byte) 3));
        byte[] bytes = new byte[16];
        x.nextBytes(bytes);
        long first = y.nextLong();
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (bytes[i] & 0xFFL) << (8 * i);
        }
        assertTrue(first == v);
    }

    @Test
    void output_roughlyBalancedBits() {
        AesCtrRandom r = AesCtrRandom.create();
        long ones = 0;
        for (int i = 0; i < 100_000; i++) {
            ones += Long.bitCount(r.nextLong());
        }
        double fraction = ones / 6_400_000.0;
        assertTrue(Math.abs(fraction - 0.5) < 0.002, "fraction of ones " + fraction);
    }
}
