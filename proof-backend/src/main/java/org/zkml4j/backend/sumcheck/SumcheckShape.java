package org.zkml4j.backend.sumcheck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.transcript.Transcript;

/**
 * The public statement shape of a sumcheck, known to the verifier: Σ_{x ∈ {0,1}^n} Σ_t c_t ·
 * Π_{j ∈ t} f_j(x), over {@code numTables} multilinear tables f_j in {@code numVars} variables.
 *
 * <p>Every table must appear in at least one term; the round polynomials have degree
 * {@link #degree()} = the largest term size (1 to {@link #MAX_TERM_SIZE}).
 *
 * @param numVars number of variables n (tables have 2^n entries), 0 ≤ n ≤ {@link #MAX_VARS}
 * @param numTables number of tables, 1 ≤ numTables ≤ {@link #MAX_TABLES}
 * @param terms the product terms (at least one)
 */
public record SumcheckShape(int numVars, int numTables, List<Term> terms) {
    /** Largest number of tables in one product term. */
    public static final int MAX_TERM_SIZE = 3;
    /** Largest number of variables a shape may declare. */
    public static final int MAX_VARS = 63;
    /** Largest number of tables a shape may declare. */
    public static final int MAX_TABLES = 1 << 16;

    /**
     * One term c · Π_{j ∈ tables} f_j. A table may repeat (e.g. f_0² is {@code [0, 0]}).
     *
     * @param coefficient c
     * @param tables the table ids of the product, 1 to {@link #MAX_TERM_SIZE} of them
     */
    public record Term(Ext coefficient, int[] tables) {
        /** Validates the size and copies the ids. */
        public Term {
            Objects.requireNonNull(coefficient, "coefficient");
            Objects.requireNonNull(tables, "tables");
            if (tables.length < 1 || tables.length > MAX_TERM_SIZE) {
                throw new IllegalArgumentException(
                        "a term multiplies 1 to " + MAX_TERM_SIZE + " tables, not " + tables.length);
            }
            tables = tables.clone();
        }

        @Override
        public int[] tables() {
            return tables.clone();
        }

        /** Number of tables in the product. */
        public int size() {
            return tables.length;
        }

        /** Id of the {@code k}-th factor. */
        public int table(int k) {
            return tables[k];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Term t && coefficient.equals(t.coefficient) && Arrays.equals(tables, t.tables);
        }

        @Override
        public int hashCode() {
            return 31 * coefficient.hashCode() + Arrays.hashCode(tables);
        }

        @Override
        public String toString() {
            return coefficient + "·Π" + Arrays.toString(tables);
        }
    }

    /**
     * Validates the shape.
     *
     * @throws IllegalArgumentException if a bound is violated, a term references a missing table,
     *     or a table is used by no term
     */
    public SumcheckShape {
        if (numVars < 0 || numVars > MAX_VARS) {
            throw new IllegalArgumentException("numVars " + numVars + " outside [0, " + MAX_VARS + "]");
        }
        if (numTables < 1 || numTables > MAX_TABLES) {
            throw new IllegalArgumentException("numTables " + numTables + " outside [1, " + MAX_TABLES + "]");
        }
        Objects.requireNonNull(terms, "terms");
        terms = List.copyOf(terms);
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("a sumcheck needs at least one term");
        }
        boolean[] used = new boolean[numTables];
        for (Term t : terms) {
            for (int id : t.tables) {
                if (id < 0 || id >= numTables) {
                    throw new IllegalArgumentException("term " + t + " references table " + id
                            + " outside [0, " + numTables + ")");
                }
                used[id] = true;
            }
        }
        for (int j = 0; j < numTables; j++) {
            if (!used[j]) {
                throw new IllegalArgumentException("table " + j + " is used by no term");
            }
        }
    }

    /** Degree of every round polynomial: the largest term size. */
    public int degree() {
        int d = 0;
        for (Term t : terms) {
            d = Math.max(d, t.size());
        }
        return d;
    }

    /**
     * The summand at a point from the tables' values there: Σ_t c_t · Π_{j ∈ t} v_j.
     *
     * @throws IllegalArgumentException if {@code values.length != numTables}
     */
    public Ext combine(Ext[] values) {
        Objects.requireNonNull(values, "values");
        if (values.length != numTables) {
            throw new IllegalArgumentException("expected " + numTables + " table values, got " + values.length);
        }
        Ext sum = Ext.ZERO;
        for (Term t : terms) {
            Ext prod = t.coefficient;
            for (int id : t.tables) {
                prod = prod.mul(values[id]);
            }
            sum = sum.add(prod);
        }
        return sum;
    }

    /** Builds a shape from a list of terms (convenience for callers assembling terms). */
    public static SumcheckShape of(int numVars, int numTables, Term... terms) {
        return new SumcheckShape(numVars, numTables, new ArrayList<>(Arrays.asList(terms)));
    }

    /**
     * Absorbs the statement (protocol mode, n, table count, degree, every term, and the claimed
     * sum) — the first thing both parties do.
     */
    void absorbStatement(Transcript t, Ext claimedSum, boolean zeroKnowledge) {
        t.absorbLong("sumcheck/zk", zeroKnowledge ? 1 : 0);
        t.absorbLong("sumcheck/numVars", numVars);
        t.absorbLong("sumcheck/numTables", numTables);
        t.absorbLong("sumcheck/degree", degree());
        t.absorbLong("sumcheck/numTerms", terms.size());
        for (Term term : terms) {
            t.absorbExts("sumcheck/term/coefficient", term.coefficient);
            long[] ids = new long[term.tables.length];
            for (int k = 0; k < ids.length; k++) {
                ids[k] = term.tables[k];
            }
            t.absorbFields("sumcheck/term/tables", ids);
        }
        t.absorbExts("sumcheck/claim", claimedSum);
    }
}
