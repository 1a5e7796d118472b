package org.zkml4j.dl4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Conversions between INDArrays (rows = examples) and Java arrays. */
final class Dl4jArrays {
    private Dl4jArrays() {}

    /** A rank-1 or rank-2 array as rows of floats. */
    static float[][] rows(INDArray matrix) {
        if (matrix.rank() == 1) {
            return new float[][] {matrix.castTo(DataType.FLOAT).toFloatVector()};
        }
        if (matrix.rank() != 2) {
            throw new IllegalArgumentException("expected a vector or a matrix of examples, got rank " + matrix.rank());
        }
        return matrix.castTo(DataType.FLOAT).toFloatMatrix();
    }

    static INDArray matrix(float[][] rows) {
        return Nd4j.create(rows);
    }
}
