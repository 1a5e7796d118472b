package org.zkml4j.backend.lookup;

import java.util.Objects;
import org.zkml4j.backend.field.Goldilocks;

/**
 * The prover's side of a {@link LogUp} statement: the witness columns f_1..f_w and the
 * multiplicity vector m, exactly as the caller committed them in C1. Arrays are referenced, not
 * copied, and must not change while a proof is made.
 *
 * <pre>{@code
 * LogUpShape shape = LogUpShape.contiguous(10, table);
 * LogUpInstance inst = LogUpInstance.withMultiplicities(shape, new long[][] {z, a});
 * // commit z, a and inst.multiplicities() in C1 (at indices 0, 1, 2), absorb C1, then LogUp.prove
 * }</pre>
 */
public final class LogUpInstance {
    private final LogUpShape shape;
    private final long[][] witness;
    private final long[] multiplicities;

    /**
     * Wraps the witness and multiplicities. Whether every row lies in the table is checked by
     * {@link LogUp#prove}, not here.
     *
     * @throws IllegalArgumentException if the number of columns or a length does not match the
     *     shape, or an element is not canonical
     */
    public LogUpInstance(LogUpShape shape, long[][] witnessColumns, long[] multiplicities) {
        this.shape = Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(witnessColumns, "witnessColumns");
        Objects.requireNonNull(multiplicities, "multiplicities");
        if (witnessColumns.length != shape.width()) {
            throw new IllegalArgumentException(witnessColumns.length + " witness columns for a table of "
                    + shape.width() + " columns");
        }
        for (int k = 0; k < witnessColumns.length; k++) {
            checkVector(witnessColumns[k], shape.witnessSize(), "witness column " + k);
        }
        checkVector(multiplicities, shape.table().rows(), "multiplicity vector");
        this.witness = witnessColumns.clone();
        this.multiplicities = multiplicities;
    }

    /**
     * An instance whose multiplicities are computed by {@link LogUp#multiplicities}.
     *
     * @throws IllegalArgumentException if a witness row is not in the table (naming the first),
     *     or the columns do not match the shape
     */
    public static LogUpInstance withMultiplicities(LogUpShape shape, long[][] witnessColumns) {
        return new LogUpInstance(shape, witnessColumns, LogUp.multiplicities(witnessColumns, shape.table()));
    }

    private static void checkVector(long[] v, int length, String what) {
        Objects.requireNonNull(v, what);
        if (v.length != length) {
            throw new IllegalArgumentException(what + " has " + v.length + " entries, expected " + length);
        }
        for (int i = 0; i < v.length; i++) {
            if (!Goldilocks.isCanonical(v[i])) {
                throw new IllegalArgumentException(what + " entry " + i + " is not canonical");
            }
        }
    }

    /** The public statement. */
    public LogUpShape shape() {
        return shape;
    }

    /** Witness column {@code k} (a copy). */
    public long[] witnessColumn(int k) {
        return witness[k].clone();
    }

    /** The multiplicity vector m (a copy). */
    public long[] multiplicities() {
        return multiplicities.clone();
    }

    long[][] witnessRef() {
        return witness;
    }

    long[] multiplicitiesRef() {
        return multiplicities;
    }
}
