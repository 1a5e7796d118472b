package org.zkml4j.backend.pcs;

import org.zkml4j.backend.field.Goldilocks;

/**
 * How a set of vectors is laid out as a Ligero matrix, and the code and query parameters.
 *
 * <p>Each vector occupies whole rows of {@code cols} entries (a shorter vector one row). A row is
 * the coefficient vector of a polynomial of degree &lt; cols + queries: the data, then
 * {@code queries} random coefficients so any {@code queries} evaluations are uniform (hiding).
 * Three mask rows follow the data rows: the two halves of the linear-check mask, then the
 * proximity mask. Rows are evaluated on the subgroup of size {@code domain}; the parameters are chosen so
 * that ((1 + ρ_q)/2)^queries ≤ 2^−(λ+1) with ρ_q = (2·cols + queries)/domain ≤ {@link #MAX_RATE}.
 */
record LigeroLayout(int securityBits, int logCols, int queries, int logDomain, int[] vectorLengths,
                    int[] firstRow, int[] rowCount, int dataRows) {
    /** Upper bound on the rate of the product code the linear check works in. */
    static final double MAX_RATE = 0.3;
    /** Largest total number of committed elements. */
    static final long MAX_TOTAL = 1L << 31;
    static final int MAX_LOG_COLS = 16;

    static LigeroLayout plan(int[] lengths, PcsParameters params) {
        if (lengths.length == 0) {
            throw new IllegalArgumentException("nothing to commit: no vectors");
        }
        long total = 0;
        for (int i = 0; i < lengths.length; i++) {
            int n = lengths[i];
            if (n <= 0 || Integer.bitCount(n) != 1) {
                throw new IllegalArgumentException("vector " + i + " has length " + n + "; lengths must be powers of two");
            }
            total += n;
        }
        if (total > MAX_TOTAL) {
            throw new IllegalArgumentException("cannot commit " + total + " elements; at most 2^31");
        }
        // Proof size ≈ 8·queries·rows + 48·cols is smallest near cols = sqrt(queries·total/6) ≈ sqrt(25·total).
        int logCols = 2;
        while (logCols < MAX_LOG_COLS && (1L << (2 * (logCols + 1))) <= 25 * total) {
            logCols++;
        }
        int cols = 1 << logCols;
        int[] first = new int[lengths.length];
        int[] count = new int[lengths.length];
        int rows = 0;
        for (int i = 0; i < lengths.length; i++) {
            first[i] = rows;
            count[i] = Math.max(1, lengths[i] / cols);
            rows += count[i];
        }
        int lambda = params.securityBits() + 1;
        for (int t = 1; ; t++) {
            int logDomain = logDomainFor(cols, t);
            double perQuery = (1 + (double) (2 * cols + t) / (1L << logDomain)) / 2;
            if (t * -log2(perQuery) >= lambda) {
                return new LigeroLayout(params.securityBits(), logCols, t, logDomain, lengths.clone(), first, count, rows);
            }
        }
    }

    private static int logDomainFor(int cols, int queries) {
        int log = 1;
        while ((2.0 * cols + queries) / (1L << log) > MAX_RATE) {
            log++;
        }
        if (log > Goldilocks.TWO_ADICITY) {
            throw new IllegalArgumentException("code domain too large for the field");
        }
        return log;
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    int cols() {
        return 1 << logCols;
    }

    int domain() {
        return 1 << logDomain;
    }

    /** Coefficients per row: cols data + queries random. */
    int rowLength() {
        return cols() + queries;
    }

    /** Coefficients of the linear-check polynomial q. */
    int qLength() {
        return 2 * cols() + queries - 1;
    }

    int totalRows() {
        return dataRows + 3;
    }

    int linearMaskLowRow() {
        return dataRows;
    }

    int linearMaskHighRow() {
        return dataRows + 1;
    }

    /** The proximity mask is the last row; the proximity test combines every row before it. */
    int proximityMaskRow() {
        return dataRows + 2;
    }

    /**
     * The proven soundness error, in bits: −log2(N/|F_ext| + 1/|F_ext| + ((1+ρ_q)/2)^t), from the
     * unique-decoding proximity gap (correlated agreement, error N/|F_ext|), the batching of
     * claims (1/|F_ext|) and the column queries.
     */
    double soundnessBits() {
        double fieldBits = 2 * 64.0; // |F_ext| = p² ≈ 2^128
        double rho = (double) (2 * cols() + queries) / domain();
        double queryTerm = Math.pow((1 + rho) / 2, queries);
        double algebraic = (domain() + 1.0) * Math.pow(2, -fieldBits);
        return -log2(queryTerm + algebraic);
    }
}
