package org.zkml4j.backend.layer;

import java.util.Arrays;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.sumcheck.Reduction;
import org.zkml4j.backend.sumcheck.SumcheckInstance;
import org.zkml4j.backend.sumcheck.SumcheckShape;

/**
 * The input-plane sumcheck that convolution and pooling share: a gathered window value at an
 * output point and kernel point — Σ_(h,w) P_y(y*, i*, h)·P_x(x*, j*, w)·X̌(h, w) — reduced to one
 * evaluation of the input plane X̌ at (w*, h*), the two wiring predicates being public
 * ({@link ConvAxis}). Degree 3, log H + log W variables; tables: rows predicate, columns
 * predicate (both broadcast over the plane), then X̌.
 */
final class WindowGather {
    static final int ROWS = 0, COLS = 1, PLANE = 2;

    private WindowGather() {}

    /** The sumcheck's shape for the two axes. */
    static SumcheckShape shape(ConvAxis rows, ConvAxis cols) {
        int vars = Conv2dShape.log2(rows.paddedInputs()) + Conv2dShape.log2(cols.paddedInputs());
        return SumcheckShape.of(vars, 3, new SumcheckShape.Term(Ext.ONE, new int[] {ROWS, COLS, PLANE}));
    }

    /**
     * The instance for output points (y, x) and kernel points (i, j) over the padded input plane
     * {@code plane} (interleaved extension values, w lowest).
     */
    static SumcheckInstance instance(ConvAxis rows, ConvAxis cols, Ext[] y, Ext[] i, Ext[] x, Ext[] j, long[] plane) {
        int hp = rows.paddedInputs(), wp = cols.paddedInputs(), size = hp * wp;
        long[] a = rows.table(y, i);
        long[] b = cols.table(x, j);
        long[] rowsTable = new long[2 * size], colsTable = new long[2 * size];
        for (int h = 0; h < hp; h++) {
            for (int w = 0; w < wp; w++) {
                int at = h * wp + w;
                rowsTable[2 * at] = a[2 * h];
                rowsTable[2 * at + 1] = a[2 * h + 1];
                colsTable[2 * at] = b[2 * w];
                colsTable[2 * at + 1] = b[2 * w + 1];
            }
        }
        SumcheckInstance.Builder builder = SumcheckInstance.builder();
        builder.addExtTable(rowsTable); // ROWS
        builder.addExtTable(colsTable); // COLS
        builder.addExtTable(plane); // PLANE
        return builder.addTerm(Ext.ONE, ROWS, COLS, PLANE).build();
    }

    /**
     * The verifier's final check: the predicates' evaluations at the sumcheck's point are the
     * public ones.
     *
     * @throws InvalidProofException if either differs
     */
    static void checkPredicates(ConvAxis rows, ConvAxis cols, Ext[] y, Ext[] i, Ext[] x, Ext[] j, Reduction red,
            String who) throws InvalidProofException {
        int logW = Conv2dShape.log2(cols.paddedInputs());
        Ext[] point = red.point();
        Ext[] w = Arrays.copyOf(point, logW), h = Arrays.copyOfRange(point, logW, point.length);
        if (!red.finalEvaluations()[ROWS].equals(rows.evaluate(y, i, h))
                || !red.finalEvaluations()[COLS].equals(cols.evaluate(x, j, w))) {
            throw new InvalidProofException(who + " final check: a wiring evaluation ≠ the public predicate's");
        }
    }
}
