package org.zkml4j.backend.lookup;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.LongUnaryOperator;
import org.zkml4j.backend.field.Goldilocks;

/**
 * A public lookup table of {@code width} columns, padded to a power-of-two number of rows by
 * repeating its last row.
 *
 * <p>Padding rows are ordinary table rows (they equal the last given row), so they never enlarge
 * the set of admissible values. {@link LogUp#multiplicities} counts every witness row at the
 * <em>first</em> table row equal to it, so padding rows (and later duplicates of any row) get
 * multiplicity 0.
 *
 * <pre>{@code
 * LookupTable range = LookupTable.range(8);                                   // [0, 256)
 * LookupTable relu = LookupTable.ofFunction(-1024, 1024, z -> Math.min(Math.max(z, 0), 127));
 * }</pre>
 */
public final class LookupTable {
    /** Largest supported table: 2^MAX_LOG_ROWS rows after padding. */
    public static final int MAX_LOG_ROWS = 24;
    /** Largest number of columns. */
    public static final int MAX_WIDTH = 16;

    private final long[][] columns;
    private final int unpaddedRows;

    private LookupTable(long[][] padded, int unpaddedRows) {
        this.columns = padded;
        this.unpaddedRows = unpaddedRows;
    }

    /**
     * A table with the given columns (canonical field elements, equal lengths), padded to a power
     * of two by repeating the last row. The arrays are copied.
     *
     * @throws IllegalArgumentException if there are no columns or more than {@link #MAX_WIDTH},
     *     the columns are empty or of different lengths, an element is not canonical, or the padded
     *     table would exceed 2^{@link #MAX_LOG_ROWS} rows
     */
    public static LookupTable of(long[]... columns) {
        Objects.requireNonNull(columns, "columns");
        if (columns.length < 1 || columns.length > MAX_WIDTH) {
            throw new IllegalArgumentException("a lookup table has 1 to " + MAX_WIDTH + " columns, not " + columns.length);
        }
        int rows = Objects.requireNonNull(columns[0], "column 0").length;
        if (rows < 1 || rows > 1 << MAX_LOG_ROWS) {
            throw new IllegalArgumentException("a lookup table has 1 to 2^" + MAX_LOG_ROWS + " rows, not " + rows);
        }
        int padded = Integer.highestOneBit(rows) == rows ? rows : Integer.highestOneBit(rows) << 1;
        long[][] out = new long[columns.length][];
        for (int k = 0; k < columns.length; k++) {
            long[] c = Objects.requireNonNull(columns[k], "column " + k);
            if (c.length != rows) {
                throw new IllegalArgumentException("table column " + k + " has " + c.length + " rows but column 0 has "
                        + rows);
            }
            for (int i = 0; i < rows; i++) {
                if (!Goldilocks.isCanonical(c[i])) {
                    throw new IllegalArgumentException("table column " + k + " row " + i + " is not canonical");
                }
            }
            out[k] = Arrays.copyOf(c, padded);
            Arrays.fill(out[k], rows, padded, c[rows - 1]);
        }
        return new LookupTable(out, rows);
    }

    /**
     * The one-column range table [0, 2^bits).
     *
     * @throws IllegalArgumentException if {@code bits} is outside [0, {@link #MAX_LOG_ROWS}]
     */
    public static LookupTable range(int bits) {
        if (bits < 0 || bits > MAX_LOG_ROWS) {
            throw new IllegalArgumentException("range table bits " + bits + " outside [0, " + MAX_LOG_ROWS + "]");
        }
        long[] c = new long[1 << bits];
        for (int i = 0; i < c.length; i++) {
            c[i] = i;
        }
        return new LookupTable(new long[][] {c}, c.length);
    }

    /**
     * The two-column table of pairs (z, f(z)) for the integers z in [from, to] (both ends
     * included); negative integers map to their field residues ({@link Goldilocks#fromSigned}).
     *
     * @throws IllegalArgumentException if {@code from > to} or the range has more than
     *     2^{@link #MAX_LOG_ROWS} values
     */
    public static LookupTable ofFunction(long from, long to, LongUnaryOperator f) {
        Objects.requireNonNull(f, "f");
        if (from > to || to - from >= 1L << MAX_LOG_ROWS || to - from < 0) {
            throw new IllegalArgumentException("function table range [" + from + ", " + to + "] is empty or has more than 2^"
                    + MAX_LOG_ROWS + " values");
        }
        int rows = (int) (to - from + 1);
        long[] z = new long[rows];
        long[] a = new long[rows];
        for (int i = 0; i < rows; i++) {
            z[i] = Goldilocks.fromSigned(from + i);
            a[i] = Goldilocks.fromSigned(f.applyAsLong(from + i));
        }
        return of(z, a);
    }

    /**
     * This table padded to at least {@code rows} rows (a power of two) by repeating its last row;
     * this table itself if it has that many.
     */
    public LookupTable paddedTo(int rows) {
        if (rows() >= rows) {
            return this;
        }
        if (Integer.bitCount(rows) != 1 || rows > 1 << MAX_LOG_ROWS) {
            throw new IllegalArgumentException("a table pads to a power of two up to 2^" + MAX_LOG_ROWS + ", not " + rows);
        }
        long[][] out = new long[columns.length][];
        for (int k = 0; k < columns.length; k++) {
            out[k] = Arrays.copyOf(columns[k], rows);
            Arrays.fill(out[k], rows(), rows, columns[k][rows() - 1]);
        }
        return new LookupTable(out, unpaddedRows);
    }

    /** Number of columns w. */
    public int width() {
        return columns.length;
    }

    /** Number of rows after padding, 2^s. */
    public int rows() {
        return columns[0].length;
    }

    /** s = log2 of the padded number of rows. */
    public int logRows() {
        return Integer.numberOfTrailingZeros(rows());
    }

    /** Number of rows given before padding. */
    public int unpaddedRows() {
        return unpaddedRows;
    }

    /** Column {@code k} after padding (a copy). */
    public long[] column(int k) {
        return columns[k].clone();
    }

    /** Every padded column (copies). */
    public long[][] columns() {
        long[][] c = new long[columns.length][];
        for (int k = 0; k < c.length; k++) {
            c[k] = columns[k].clone();
        }
        return c;
    }

    /** The entry of column {@code k} at {@code row}. */
    public long get(int row, int k) {
        return columns[k][row];
    }

    long[][] columnsRef() {
        return columns;
    }

    /** Equal padded columns (the statement a proof is about); the unpadded row count is not compared. */
    @Override
    public boolean equals(Object o) {
        return o instanceof LookupTable t && Arrays.deepEquals(columns, t.columns);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(columns);
    }

    @Override
    public String toString() {
        return "LookupTable[" + width() + " columns, " + unpaddedRows + " rows padded to " + rows() + "]";
    }
}
