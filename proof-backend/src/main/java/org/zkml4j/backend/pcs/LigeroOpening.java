package org.zkml4j.backend.pcs;

import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;
import org.zkml4j.backend.merkle.MerkleMultiProof;
import org.zkml4j.backend.merkle.MerkleTree;

/**
 * A {@link LigeroPcs} opening: the masked proximity combination {@code u}, the masked linear-check
 * polynomial {@code q}, and the queried columns with their salts and one Merkle batch proof.
 */
public final class LigeroOpening implements OpeningProof {
    final Ext[] u;
    final Ext[] q;
    final int[] columns;
    final byte[][] salts;
    final long[][] columnValues;
    final MerkleMultiProof merkle;

    LigeroOpening(Ext[] u, Ext[] q, int[] columns, byte[][] salts, long[][] columnValues, MerkleMultiProof merkle) {
        this.u = u;
        this.q = q;
        this.columns = columns;
        this.salts = salts;
        this.columnValues = columnValues;
        this.merkle = merkle;
    }

    @Override
    public void writeTo(ProofWriter out) {
        out.writeExts(u).writeExts(q).writeInt(columns.length);
        for (int i = 0; i < columns.length; i++) {
            out.writeInt(columns[i]).writeBytes(salts[i]).writeFields(columnValues[i]);
        }
        merkle.writeTo(out);
    }

    /** Reads an opening whose every size follows from the layout; only the column count is read, and bounded. */
    static LigeroOpening read(ProofReader in, LigeroLayout layout) throws InvalidProofException {
        Ext[] u = in.readExts("proximity row u", layout.rowLength());
        Ext[] q = in.readExts("linear-check polynomial q", layout.qLength());
        int rows = layout.totalRows();
        int count = in.readLength("opened columns", 1, layout.queries(), 4 + MerkleTree.SALT_BYTES + 8 * rows);
        int[] columns = new int[count];
        byte[][] salts = new byte[count][];
        long[][] values = new long[count][];
        for (int i = 0; i < count; i++) {
            columns[i] = in.readInt("column index");
            if (columns[i] < 0 || columns[i] >= layout.domain() || (i > 0 && columns[i] <= columns[i - 1])) {
                throw new InvalidProofException("malformed proof: column indices must be increasing and below "
                        + layout.domain());
            }
            salts[i] = in.readBytes("column salt", MerkleTree.SALT_BYTES);
            values[i] = in.readFields("column values", rows);
        }
        MerkleMultiProof merkle = MerkleMultiProof.read(in, layout.domain(), columns);
        return new LigeroOpening(u, q, columns, salts, values, merkle);
    }
}
