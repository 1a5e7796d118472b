package org.zkml4j.backend.sumcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.field.Goldilocks;

/**
 * The prover's side of a sumcheck statement: the tables (base or extension) and the product terms
 * over them. Tables are referenced, not copied, and must not change while a proof is made.
 *
 * <pre>{@code
 * SumcheckInstance.Builder b = SumcheckInstance.builder();
 * int f = b.addBaseTable(fValues), g = b.addExtTable(gValuesInterleaved);
 * SumcheckInstance inst = b.addTerm(Ext.ONE, f, g).build();  // Σ_x f(x)·g(x)
 * }</pre>
 */
public final class SumcheckInstance {
    private final SumcheckShape shape;
    private final long[][] tables;
    private final boolean[] base;

    private SumcheckInstance(SumcheckShape shape, long[][] tables, boolean[] base) {
        this.shape = shape;
        this.tables = tables;
        this.base = base;
    }

    /** Starts an empty instance. */
    public static Builder builder() {
        return new Builder();
    }

    /** The public part of the statement. */
    public SumcheckShape shape() {
        return shape;
    }

    /** Number of variables n. */
    public int numVars() {
        return shape.numVars();
    }

    /** The true sum Σ_x Σ_t c_t Π f_j(x), computed directly in O(2^n · terms). */
    public Ext sum() {
        return new SumcheckEngine(this, Ext.ZERO).fullSum();
    }

    /** The table behind id {@code j} (base, or interleaved extension). Not a copy. */
    long[] table(int j) {
        return tables[j];
    }

    /** Whether table {@code j} is a base-field table. */
    boolean isBase(int j) {
        return base[j];
    }

    /** Collects tables and terms; {@link #build()} validates them. */
    public static final class Builder {
        private final List<long[]> tables = new ArrayList<>();
        private final List<Boolean> base = new ArrayList<>();
        private final List<SumcheckShape.Term> terms = new ArrayList<>();

        private Builder() {}

        /** Adds a base-field table of 2^n canonical elements; returns its id. */
        public int addBaseTable(long[] table) {
            tables.add(Objects.requireNonNull(table, "table"));
            base.add(true);
            return tables.size() - 1;
        }

        /** Adds an interleaved extension table ([c0, c1, …], 2·2^n longs); returns its id. */
        public int addExtTable(long[] table) {
            tables.add(Objects.requireNonNull(table, "table"));
            base.add(false);
            return tables.size() - 1;
        }

        /** Adds the term {@code coefficient · Π f_id} over 1 to 3 table ids. */
        public Builder addTerm(Ext coefficient, int... tableIds) {
            terms.add(new SumcheckShape.Term(coefficient, tableIds));
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException if there are no tables or terms, table lengths are not
         *     the same power of two (2^n base, 2·2^n extension), an element is not canonical, a
         *     term references an unknown table, or a table is unused
         */
        public SumcheckInstance build() {
            if (tables.isEmpty()) {
                throw new IllegalArgumentException("a sumcheck needs at least one table");
            }
            int n = -1;
            long[][] ts = tables.toArray(new long[0][]);
            boolean[] bs = new boolean[ts.length];
            for (int j = 0; j < ts.length; j++) {
                bs[j] = base.get(j);
                int entries = bs[j] ? ts[j].length : ts[j].length / 2;
                if (entries < 1 || (entries & (entries - 1)) != 0 || (!bs[j] && (ts[j].length & 1) != 0)) {
                    throw new IllegalArgumentException("table " + j + " (" + (bs[j] ? "base" : "extension")
                            + ", length " + ts[j].length + ") does not hold a power of two of entries");
                }
                int vars = Integer.numberOfTrailingZeros(entries);
                if (n >= 0 && vars != n) {
                    throw new IllegalArgumentException("table " + j + " has 2^" + vars
                            + " entries but table 0 has 2^" + n);
                }
                n = vars;
                for (long v : ts[j]) {
                    if (!Goldilocks.isCanonical(v)) {
                        throw new IllegalArgumentException("table " + j + " holds a non-canonical element");
                    }
                }
            }
            if (n > org.zkml4j.backend.poly.Multilinear.MAX_VARS) {
                throw new IllegalArgumentException("too many variables: " + n);
            }
            SumcheckShape shape = new SumcheckShape(n, ts.length, terms);
            return new SumcheckInstance(shape, ts, bs);
        }
    }
}
