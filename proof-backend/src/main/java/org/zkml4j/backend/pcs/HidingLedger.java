package org.zkml4j.backend.pcs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hiding ledger: how many F_p-linear functionals of a hidden vector's random part may be
 * revealed, and whether a layout reveals no more (docs/zero-knowledge.md, "Counting").
 *
 * <p><b>The rule.</b> A hidden vector is committed with a random part u of N = 2^ℓ base-field
 * entries. Every value a proof reveals about it is one evaluation in the quadratic extension at a
 * challenge point q, padded by ũ(q): that is {@value #PER_EVALUATION} F_p-linear functionals of u
 * (its two coordinates). Let f be the number of functionals over the vector's whole life (one proof,
 * or a reusable commitment's whole budget and certificate). The padded values are uniform — the
 * simulator's guess is exact — unless the f functionals are linearly dependent.
 *
 * <p><b>The bound.</b> The functionals of an evaluation at q = a + b·x (a, b ∈ F_p^ℓ uniform) span,
 * over the extension, eq(q, ·) and eq(q̄, ·), q̄ = a − b·x. Split ℓ into ⌊ℓ/s⌋ disjoint blocks of
 * s = ⌈log₂ f⌉ variables. If in one block the f points' restrictions are independent for
 * multilinear polynomials of that block, the functionals are independent. For one block that fails
 * only if an f × f minor vanishes — a polynomial in (a, b) of degree ≤ f·s that is non-zero (distinct
 * points of the block's hypercube make it 1; (a, b) ↦ (q, q̄) is invertible) — with probability
 * ≤ f·s/p (Schwartz–Zippel); blocks use disjoint coordinates, so all fail with probability
 * ≤ (f·s/p)^⌊ℓ/s⌋. The ledger requires that to be ≤ 2^−{@value #TARGET_BITS} per vector (so a proof
 * with up to 32 hidden vectors stays below 2^−100 in all); fixed evaluation points (a sum) are
 * counted as evaluations too, which only enlarges s.
 *
 * <p>Static helpers size layouts ({@link #minimumRandomLength}); an instance tallies what one proof
 * actually reveals and {@link #check}s it, so a layout that cannot hide is refused, never proven.
 */
public final class HidingLedger {
    /** F_p functionals revealed by one evaluation claim in the quadratic extension. */
    public static final int PER_EVALUATION = 2;
    /** Required −log₂ of each hidden vector's simulation failure probability. */
    public static final int TARGET_BITS = 105;
    /** Largest random part the ledger sizes (2^24 entries). */
    public static final int MAX_LOG_LENGTH = 24;
    /** log₂ p for p = 2^64 − 2^32 + 1. */
    private static final double LOG_P = 64 + Math.log1p(-Math.pow(2, -32)) / Math.log(2);

    private final Map<String, long[]> entries = new LinkedHashMap<>();

    /**
     * −log₂ of the bound on the probability that {@code functionals} revealed functionals of a
     * random part of {@code randomLength} entries are dependent (0 when nothing is guaranteed).
     */
    public static double simulationBits(long randomLength, long functionals) {
        if (functionals <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        if (randomLength < functionals || Long.bitCount(randomLength) != 1) {
            return 0;
        }
        int ell = Long.numberOfTrailingZeros(randomLength);
        int s = Math.max(1, 64 - Long.numberOfLeadingZeros(functionals - 1));
        int blocks = ell / s;
        double perBlock = LOG_P - Math.log((double) functionals * s) / Math.log(2);
        return Math.max(0, blocks * perBlock);
    }

    /**
     * The smallest power of two N with {@link #simulationBits}(N, functionals) ≥ {@link #TARGET_BITS}.
     *
     * @throws IllegalArgumentException if that exceeds 2^{@value #MAX_LOG_LENGTH}
     */
    public static int minimumRandomLength(long functionals) {
        for (int ell = 0; ell <= MAX_LOG_LENGTH; ell++) {
            if (simulationBits(1L << ell, functionals) >= TARGET_BITS) {
                return 1 << ell;
            }
        }
        throw new IllegalArgumentException(functionals + " revealed functionals cannot be hidden by a random part of "
                + "at most 2^" + MAX_LOG_LENGTH + " entries: reveal fewer (a smaller budget)");
    }

    /** The random part needed for {@code evaluations} extension-field evaluations. */
    public static int minimumForEvaluations(long evaluations) {
        return minimumRandomLength(PER_EVALUATION * evaluations);
    }

    /**
     * Refuses a vector whose random part cannot hide {@code evaluations} evaluations.
     *
     * @throws IllegalArgumentException naming {@code what}, the count and the length it would need
     */
    public static void require(String what, long randomLength, long evaluations) {
        if (simulationBits(randomLength, PER_EVALUATION * evaluations) < TARGET_BITS) {
            throw new IllegalArgumentException(what + ": a random part of " + randomLength + " entries cannot hide "
                    + evaluations + " evaluations (" + PER_EVALUATION * evaluations + " F_p functionals); it needs "
                    + minimumForEvaluations(evaluations));
        }
    }

    /**
     * Records {@code evaluations} more revealed evaluations of {@code vector}, which has a random
     * part of {@code randomLength} entries and lives for {@code lifetime} proofs (a reusable
     * commitment's budget; else 1), each revealing as much as this one.
     */
    public void reveal(String vector, long randomLength, long lifetime, int evaluations) {
        long[] e = entries.computeIfAbsent(vector, k -> new long[] {randomLength, lifetime, 0});
        if (e[0] != randomLength || e[1] != lifetime) {
            throw new IllegalArgumentException(vector + " recorded with two lengths or lifetimes");
        }
        e[2] += evaluations;
    }

    /** Evaluations recorded for {@code vector}. */
    public long evaluations(String vector) {
        long[] e = entries.get(vector);
        return e == null ? 0 : e[2];
    }

    /**
     * Checks every recorded vector over its whole lifetime.
     *
     * @throws IllegalStateException naming the first vector that cannot hide what it reveals
     */
    public void check() {
        for (Map.Entry<String, long[]> e : entries.entrySet()) {
            try {
                require(e.getKey(), e.getValue()[0], e.getValue()[2] * e.getValue()[1]);
            } catch (IllegalArgumentException leak) {
                throw new IllegalStateException("hiding ledger: " + leak.getMessage(), leak);
            }
        }
    }

    /** −log₂ of the sum of the recorded vectors' failure bounds (the proof's simulation error). */
    public double totalBits() {
        double sum = 0;
        for (long[] e : entries.values()) {
            double bits = simulationBits(e[0], PER_EVALUATION * e[2] * e[1]);
            sum += Math.pow(2, -bits);
        }
        return sum == 0 ? Double.POSITIVE_INFINITY : -Math.log(sum) / Math.log(2);
    }
}
