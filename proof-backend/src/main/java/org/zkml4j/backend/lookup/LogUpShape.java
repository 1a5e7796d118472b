package org.zkml4j.backend.lookup;

import java.util.Arrays;
import java.util.Objects;
import org.zkml4j.backend.transcript.Transcript;

/**
 * The public statement of a {@link LogUp} lookup, known to the verifier: the witness size 2^n,
 * the public table, and where the caller's commitment C1 holds the witness columns f_1..f_w and
 * the multiplicity vector m (vector indices in C1, which appear in the returned claims).
 *
 * @param witnessLogSize n: every witness column has 2^n entries, 0 ≤ n ≤
 *     {@link LookupTable#MAX_LOG_ROWS}
 * @param table the public table T_1..T_w (padded to 2^s rows)
 * @param witnessVectors the C1 index of each witness column, one per table column (non-negative)
 * @param multiplicityVector the C1 index of m (length 2^s, non-negative)
 */
public record LogUpShape(int witnessLogSize, LookupTable table, int[] witnessVectors, int multiplicityVector) {
    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if n is out of range, the number of witness vectors differs
     *     from the table's width, or an index is negative
     */
    public LogUpShape {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(witnessVectors, "witnessVectors");
        if (witnessLogSize < 0 || witnessLogSize > LookupTable.MAX_LOG_ROWS) {
            throw new IllegalArgumentException("witness log size " + witnessLogSize + " outside [0, "
                    + LookupTable.MAX_LOG_ROWS + "]");
        }
        if (witnessVectors.length != table.width()) {
            throw new IllegalArgumentException(witnessVectors.length + " witness vectors for a table of "
                    + table.width() + " columns");
        }
        witnessVectors = witnessVectors.clone();
        for (int v : witnessVectors) {
            if (v < 0) {
                throw new IllegalArgumentException("negative commitment vector index " + v);
            }
        }
        if (multiplicityVector < 0) {
            throw new IllegalArgumentException("negative commitment vector index " + multiplicityVector);
        }
    }

    /**
     * The common layout: witness columns at C1 indices 0..w−1, multiplicities at index w.
     *
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static LogUpShape contiguous(int witnessLogSize, LookupTable table) {
        int[] idx = new int[table.width()];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = k;
        }
        return new LogUpShape(witnessLogSize, table, idx, idx.length);
    }

    /** The C1 index of each witness column (a copy). */
    @Override
    public int[] witnessVectors() {
        return witnessVectors.clone();
    }

    /** Number of columns w. */
    public int width() {
        return table.width();
    }

    /** Number of witness rows 2^n. */
    public int witnessSize() {
        return 1 << witnessLogSize;
    }

    /** s = log2 of the padded table size. */
    public int tableLogSize() {
        return table.logRows();
    }

    /**
     * Absorbs the whole statement: n, s, w, the C1 indices and every table column (the protocol id
     * and the number of instances are absorbed once per batch by {@link LogUp}).
     */
    void absorbInto(Transcript t) {
        t.absorbLong("logup/witness-log-size", witnessLogSize);
        t.absorbLong("logup/table-log-size", tableLogSize());
        t.absorbLong("logup/width", width());
        for (int v : witnessVectors) {
            t.absorbLong("logup/witness-vector", v);
        }
        t.absorbLong("logup/multiplicity-vector", multiplicityVector);
        for (long[] column : table.columnsRef()) {
            t.absorbFields("logup/table-column", column);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogUpShape s && witnessLogSize == s.witnessLogSize && table.equals(s.table)
                && Arrays.equals(witnessVectors, s.witnessVectors) && multiplicityVector == s.multiplicityVector;
    }

    @Override
    public int hashCode() {
        return Objects.hash(witnessLogSize, table, Arrays.hashCode(witnessVectors), multiplicityVector);
    }

    @Override
    public String toString() {
        return "LogUpShape[n=" + witnessLogSize + ", " + table + ", witness vectors " + Arrays.toString(witnessVectors)
                + ", multiplicities at " + multiplicityVector + "]";
    }
}
