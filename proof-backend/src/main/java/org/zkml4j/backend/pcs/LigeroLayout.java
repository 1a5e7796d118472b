package org.zkml4j.backend.pcs;

import org.zkml4j.backend.field.Goldilocks;

/**
 * How a set of vectors is laid out as a Ligero matrix, and the code and query parameters.
 *
 * <p>Each vector occupies whole rows of {@code cols} entries (a shorter vector one row). A row is
 * the coefficient vector of a polynomial of degree &lt; cols + budget·queries: the data, then
 * {@code budget·queries} random coefficients so any budget·queries evaluations are uniform
 * (hiding for {@code budget} openings of {@code queries} columns each). Three mask rows follow the
 * data rows: the two halves of the linear-check mask, then the proximity mask (committed with the
 * data for a budget of one, drawn and committed afresh by each opening otherwise). Rows are evaluated on the subgroup of size {@code domain}; the parameters are chosen so
 * that ((1 + ρ_q)/2)^queries ≤ 2^−(λ+1) with ρ_q = (2·cols + budget·queries)/domain ≤
 * {@link #MAX_RATE}.
 */
record LigeroLayout(int securityBits, int logCols, int queries, int logDomain, int[] vectorLengths,
                    int[] firstRow, int[] rowCount, int dataRows, int budget) {
    /** Upper bound on the rate of the product code the linear check works in. */
    static final double MAX_RATE = 0.3;
    /** Largest total number of committed elements. */
    static final long MAX_TOTAL = 1L << 31;
    static final int MAX_LOG_COLS = 16;
    /** Largest opening budget: bounds the verifier's work and what a commitment's bytes may ask for. */
    static final int MAX_BUDGET = 1024;

    /** The single-opening layout. */
    static LigeroLayout plan(int[] lengths, PcsParameters params) {
        return plan(lengths, params, 1);
    }

    /** The layout for up to {@code budget} openings. */
    static LigeroLayout plan(int[] lengths, PcsParameters params, int budget) {
        if (budget < 1 || budget > MAX_BUDGET) {
            throw new IllegalArgumentException("opening budget " + budget + " outside [1, " + MAX_BUDGET + "]");
        }
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
        int[] tAndLogDomain = budget == 1 ? singleOpening(cols, lambda) : jointly(cols, budget, lambda);
        return new LigeroLayout(params.securityBits(), logCols, tAndLogDomain[0], tAndLogDomain[1], lengths.clone(),
                first, count, rows, budget);
    }

    /**
     * The v1 rule, kept because it fixes the bytes of single-opening proofs: the least t that meets
     * the bound at the smallest domain whose rate admits t.
     */
    private static int[] singleOpening(int cols, int lambda) {
        for (int t = 1; ; t++) {
            int log = 1;
            while ((2.0 * cols + t) / (1L << log) > MAX_RATE) {
                log++;
            }
            if (log > Goldilocks.TWO_ADICITY) {
                throw new IllegalArgumentException("code domain too large for the field");
            }
            if (queryBits(cols, 1, t, log) >= lambda) {
                return new int[] {t, log};
            }
        }
    }

    /**
     * The smallest domain that admits a query count meeting the bound, then the least such count.
     * With a budget the padding budget·t moves the rate, so t and N are chosen together (the v1
     * rule would, e.g., take 146 instead of 123 queries for 2^17 elements and budget 256). The
     * query bits grow with t while ρ_q ≤ MAX_RATE, so each domain is scanned only up to its rate
     * limit or the first success (a few hundred t at most).
     *
     * @throws IllegalArgumentException if no domain small enough for the target soundness admits the budget
     */
    private static int[] jointly(int cols, int budget, int lambda) {
        // N ≤ 2^(126 − λ) keeps the proximity gap's N/|F_ext| below 2^−(λ+2): large budgets need large domains.
        for (int log = 1; log <= Math.min(Goldilocks.TWO_ADICITY, 126 - lambda); log++) {
            for (int t = 1; (2.0 * cols + (double) budget * t) / (1L << log) <= MAX_RATE; t++) {
                if (queryBits(cols, budget, t, log) >= lambda) {
                    return new int[] {t, log};
                }
            }
        }
        throw new IllegalArgumentException("no code domain gives " + (lambda - 1) + "-bit soundness with an opening budget of "
                + budget + "; lower the budget or the security level");
    }

    /** t·log2(2/(1 + ρ_q)) with ρ_q = (2·cols + budget·t)/N. */
    private static double queryBits(int cols, int budget, int t, int logDomain) {
        return t * -log2((1 + (2.0 * cols + (double) budget * t) / (1L << logDomain)) / 2);
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

    /** Random coefficients per row: enough for {@code budget} openings of {@code queries} columns. */
    int padding() {
        return budget * queries;
    }

    /** Coefficients per row: cols data + padding random. */
    int rowLength() {
        return cols() + padding();
    }

    /** Coefficients of the linear-check polynomial q. */
    int qLength() {
        return 2 * cols() + padding() - 1;
    }

    /** Rows an opening works with: the data rows, then the three mask rows. */
    int totalRows() {
        return dataRows + 3;
    }

    /**
     * Rows in the commitment's Merkle leaves: with a budget of one, the mask rows too; with a
     * larger budget only the data rows, since every opening commits its own fresh mask rows.
     */
    int committedRows() {
        return budget == 1 ? totalRows() : dataRows;
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
        double rho = (double) (2 * cols() + padding()) / domain();
        double queryTerm = Math.pow((1 + rho) / 2, queries);
        double algebraic = (domain() + 1.0) * Math.pow(2, -fieldBits);
        return -log2(queryTerm + algebraic);
    }
}
