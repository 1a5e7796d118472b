package org.zkml4j.compiler;

/**
 * Proven worst-case magnitudes of one layer, over every input in [−Q, Q]^n (not only the
 * calibration data).
 *
 * @param yMax max over output rows of Σ_j |Wq_ij|·Q + |bq_i|; every accumulator satisfies |y| ≤ yMax
 * @param zMax ceil((yMax + 2^(k−1)) / 2^k) for k ≥ 1, yMax for k = 0; every requantized value satisfies |z| ≤ zMax
 * @param tableSize rows of the activation lookup table, 2·zMax + 1 (domain [−zMax, zMax])
 */
public record Bounds(long yMax, long zMax, int tableSize) {
    /** Checks the record's internal consistency. */
    public Bounds {
        if (yMax < 0 || zMax < 0 || tableSize != 2 * zMax + 1) {
            throw new IllegalArgumentException(
                    "inconsistent bounds yMax=" + yMax + ", zMax=" + zMax + ", tableSize=" + tableSize);
        }
    }
}
