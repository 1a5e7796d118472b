package org.zkml4j.backend.ntt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.zkml4j.backend.field.Goldilocks;

class ReedSolomonTest {

    @Test
    void evaluate_matchesHornerAtDomainPoints() {
        Random rng = new Random(21);
        for (int logDomain = 0; logDomain <= 8; logDomain++) {
            int size = 1 << logDomain;
            for (int len : new int[] {0, 1, 2, 3, size / 2 + 1, size}) {
                if (len > size) {
                    continue;
                }
                long[] c = NttTest.random(rng, len);
                long[] out = ReedSolomon.evaluate(c, logDomain);
                assertEquals(size, out.length);
                long w = Goldilocks.rootOfUnity(logDomain);
                for (int i = 0; i < size; i++) {
                    assertEquals(NttTest.horner(c, Goldilocks.pow(w, i)), out[i],
                            "logDomain = " + logDomain + ", len = " + len + ", i = " + i);
                }
            }
        }
    }

    @Test
    void evaluate_shortInputOnLargeDomainMatchesHorner() {
        // Exercises the zero-padding shortcut across block and column stages and the parallel path.
        Random rng = new Random(22);
        int[][] cases = {{5, 13}, {1000, 14}, {3, 17}, {1 << 14, 18}, {(1 << 16) + 1, 18}};
        for (int[] cs : cases) {
            long[] c = NttTest.random(rng, cs[0]);
            long[] out = ReedSolomon.evaluate(c, cs[1]);
            long w = Goldilocks.rootOfUnity(cs[1]);
            for (int k = 0; k < 8; k++) {
                int i = k < 2 ? k : rng.nextInt(out.length);
                assertEquals(NttTest.horner(c, Goldilocks.pow(w, i)), out[i], "case " + cs[0] + "/" + cs[1]);
            }
            long[] padded = java.util.Arrays.copyOf(c, 1 << cs[1]);
            Ntt.forward(padded);
            assertArrayEquals(padded, out);
        }
    }

    @Test
    void encodeThenDecode_roundTripsAtRates() {
        Random rng = new Random(23);
        for (int logBlowup = 1; logBlowup <= 4; logBlowup++) {
            for (int n : new int[] {1, 2, 16, 256, 1 << 14}) {
                long[] message = NttTest.random(rng, n);
                long[] codeword = ReedSolomon.encode(message, logBlowup);
                assertEquals(n << logBlowup, codeword.length);
                assertArrayEquals(message, ReedSolomon.decode(codeword, n), "n = " + n + ", rate 1/" + (1 << logBlowup));
            }
        }
    }

    @Test
    void encode_isEvaluationOnTheLargerDomain() {
        Random rng = new Random(24);
        long[] message = NttTest.random(rng, 8);
        long[] codeword = ReedSolomon.encode(message, 2);
        for (int i = 0; i < codeword.length; i++) {
            assertEquals(NttTest.horner(message, ReedSolomon.domainPoint(5, i)), codeword[i]);
        }
    }

    @Test
    void decode_rejectsCodewordWithOneChangedSymbol() {
        Random rng = new Random(25);
        for (int logBlowup = 1; logBlowup <= 4; logBlowup++) {
            long[] message = NttTest.random(rng, 64);
            long[] codeword = ReedSolomon.encode(message, logBlowup);
            int i = rng.nextInt(codeword.length);
            codeword[i] = Goldilocks.add(codeword[i], Goldilocks.ONE);
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> ReedSolomon.decode(codeword, 64));
            assertTrue(e.getMessage().contains("not a codeword"), e.getMessage());
        }
    }

    @Test
    void decode_acceptsLowerDegreeAndRejectsNonCanonicalSymbols() {
        long[] codeword = ReedSolomon.encode(new long[] {5, 7, 0, 0}, 1);
        assertArrayEquals(new long[] {5, 7}, ReedSolomon.decode(codeword, 2));
        assertThrows(IllegalArgumentException.class, () -> ReedSolomon.decode(codeword, 1));
        long[] bad = codeword.clone();
        bad[3] = Goldilocks.P; // not a canonical element
        assertThrows(IllegalArgumentException.class, () -> ReedSolomon.decode(bad, 8));
    }

    @Test
    void domainPoint_isPowerOfTheSubgroupGenerator() {
        for (int log : new int[] {0, 1, 2, 5, 12, 20, 31, 32}) {
            long w = Goldilocks.rootOfUnity(log);
            for (int i : new int[] {0, 1, 2, 3, 7, 1000, 123_456, Integer.MAX_VALUE}) {
                long size = 1L << log;
                assertEquals(Goldilocks.pow(w, i % size), ReedSolomon.domainPoint(log, i), "log " + log + ", i " + i);
            }
            // negative exponents wrap around: ω^(−1) = ω^(size − 1)
            assertEquals(Goldilocks.inverse(w), ReedSolomon.domainPoint(log, -1));
        }
        // table-backed path (after a large transform) agrees with exponentiation
        ReedSolomon.evaluate(new long[] {1}, 16);
        long w = Goldilocks.rootOfUnity(16);
        for (int i = 0; i < 1 << 16; i += 997) {
            assertEquals(Goldilocks.pow(w, i), ReedSolomon.domainPoint(16, i));
        }
        assertEquals(Goldilocks.P - 1, ReedSolomon.domainPoint(16, 1 << 15));
    }

    @Test
    void badSizes_throwIllegalArgumentException() {
        assertThrows(IllegalArgumentException.class, () -> ReedSolomon.evaluate(new long[5], 2));
        assertThrows(IllegalArgumentException.class, () -> ReedSolomon.evaluate(new long[1], -1));
        assertThrows(IllegalArgumentException.class, () -> ReedSolomon.evaluate(new long[1], 31));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ReedSolomon.encode(new long[3], 1));
        assertTrue(e.getMessage().contains("power of two"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReedSolomon.encode(new long[0], 1));
        assertThrows(IllegalArgumentException.class, () -> ReedSolomon.encode(new long[4], -1));
        assertThrows(IllegalArgumentException.class, () -> ReedSolomon.encode(new long[4], 29));
        assertThrows(IllegalArgumentException.class, () -> ReedSolomon.decode(new long[6], 2));
        assertThrows(IllegalArgumentException.class, () -> ReedSolomon.decode(new long[8], 0));
        assertThrows(IllegalArgumentException.class, () -> ReedSolomon.decode(new long[8], 9));
        assertThrows(IllegalArgumentException.class, () -> ReedSolomon.domainPoint(33, 0));
        assertThrows(IllegalArgumentException.class, () -> ReedSolomon.domainPoint(-1, 0));
    }
}
