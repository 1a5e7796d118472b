package org.zkml4j.sdk;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The public statement a proof is checked against: which model (circuit id), the public inputs
 * (quantized, one row per input; absent when the input is private), the outputs — or, when they
 * are private, only each row's class (their argmax) — and a caller nonce bound into the proof
 * (validators use it against replay).
 *
 * <p>Encoding (big-endian): magic {@code "ZKST"}, version u16, circuit id (32 bytes), nonce i64,
 * rows u32, input width u32 (0 = private) and values i32, output width u32 and values i32. Version
 * 2 allows output width 0 (private outputs), followed by one class i32 per row. Version 3 writes,
 * after output width 0, a class count u32 (0 or rows) and the classes, then the input commitment
 * and the output commitment, each as length u32 (0 = none) and bytes. Each statement is written
 * with the lowest version that holds it, so older readers still read what they understand.
 *
 * <p>COMMITTED inputs: the statement carries, instead of the inputs, the commitment to them that
 * their owner published ({@link #inputCommitment()}); the verifier compares it with the published
 * one. COMMITTED outputs: instead of the outputs, a commitment to them ({@link #outputCommitment()}),
 * which the prover can later open to whoever should see them.
 */
public final class Statement {
    static final int MAGIC = 0x5A4B5354; // "ZKST"
    static final int VERSION = 3;
    private static final int MAX_VALUES = 1 << 26;
    /** Largest encoded input commitment. */
    public static final int MAX_COMMITMENT_BYTES = 1 << 16;

    private final byte[] circuitId;
    private final int[][] inputs;
    private final int[][] outputs;
    private final int[] classes;
    private final byte[] inputCommitment;
    private final byte[] outputCommitment;
    private final int rows;
    private final long nonce;

    /**
     * @param circuitId SHA-256 circuit id of the verification key (32 bytes)
     * @param inputs public quantized inputs, or null when private
     * @param outputs quantized outputs, one row per input
     * @param nonce the caller's nonce
     */
    public Statement(byte[] circuitId, int[][] inputs, int[][] outputs, long nonce) {
        this(circuitId, inputs, java.util.Objects.requireNonNull(outputs, "outputs"), null, null, null, 0, nonce);
    }

    private Statement(byte[] circuitId, int[][] inputs, int[][] outputs, int[] classes, byte[] inputCommitment,
            byte[] outputCommitment, int committedRows, long nonce) {
        if (circuitId == null || circuitId.length != 32) {
            throw new IllegalArgumentException("circuit id must be 32 bytes");
        }
        int rows = outputs != null ? outputs.length : classes != null ? classes.length : committedRows;
        if (rows <= 0) {
            throw new IllegalArgumentException("a statement needs at least one output row");
        }
        if (inputs != null && inputs.length != rows) {
            throw new IllegalArgumentException(inputs.length + " input rows but " + rows + " output rows");
        }
        this.circuitId = circuitId.clone();
        this.inputs = inputs == null ? null : deepCopy(inputs, "input");
        this.outputs = outputs == null ? null : deepCopy(outputs, "output");
        this.classes = classes == null ? null : classes.clone();
        if (inputCommitment != null && (inputs != null || inputCommitment.length == 0
                || inputCommitment.length > MAX_COMMITMENT_BYTES)) {
            throw new IllegalArgumentException("an input commitment replaces the inputs and has 1 to "
                    + MAX_COMMITMENT_BYTES + " bytes");
        }
        this.inputCommitment = inputCommitment == null ? null : inputCommitment.clone();
        if (outputCommitment != null && (outputs != null || classes != null || outputCommitment.length == 0
                || outputCommitment.length > MAX_COMMITMENT_BYTES)) {
            throw new IllegalArgumentException("an output commitment replaces the outputs and has 1 to "
                    + MAX_COMMITMENT_BYTES + " bytes");
        }
        this.outputCommitment = outputCommitment == null ? null : outputCommitment.clone();
        this.rows = rows;
        this.nonce = nonce;
    }

    /**
     * A statement whose outputs are PRIVATE: it shows only each row's class (the argmax of the
     * hidden logits, ties to the lowest index).
     *
     * @param inputs public quantized inputs, or null when private
     * @param classes one class index per row
     */
    public static Statement withPrivateOutputs(byte[] circuitId, int[][] inputs, int[] classes, long nonce) {
        return new Statement(circuitId, inputs, null, java.util.Objects.requireNonNull(classes, "classes"), null,
                null, 0, nonce);
    }

    /**
     * A statement about COMMITTED outputs: instead of the outputs, a commitment to them.
     *
     * @param inputs public quantized inputs, or null when private or committed
     * @param inputCommitment the commitment to committed inputs, or null
     * @param rows the number of rows (inputs) the statement covers
     */
    public static Statement withCommittedOutputs(byte[] circuitId, int[][] inputs, byte[] inputCommitment,
            byte[] outputCommitment, int rows, long nonce) {
        return new Statement(circuitId, inputs, null, null, inputCommitment,
                java.util.Objects.requireNonNull(outputCommitment, "outputCommitment"), rows, nonce);
    }

    /**
     * A statement about COMMITTED inputs: instead of the inputs, the commitment to them their owner
     * published; the outputs are public ({@code outputs}) or only the classes ({@code classes}),
     * exactly one of them non-null.
     */
    public static Statement withCommittedInputs(byte[] circuitId, byte[] inputCommitment, int[][] outputs,
            int[] classes, long nonce) {
        if ((outputs == null) == (classes == null)) {
            throw new IllegalArgumentException("give either the outputs or the classes");
        }
        return new Statement(circuitId, null, outputs, classes,
                java.util.Objects.requireNonNull(inputCommitment, "inputCommitment"), null, 0, nonce);
    }

    private static int[][] deepCopy(int[][] rows, String what) {
        int[][] c = new int[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            c[i] = rows[i].clone();
            if (c[i].length != rows[0].length) {
                throw new IllegalArgumentException(what + " row " + i + " has " + c[i].length + " values, row 0 has "
                        + rows[0].length);
            }
        }
        return c;
    }

    public byte[] circuitId() {
        return circuitId.clone();
    }

    /** The public inputs, or null when they are private. */
    public int[][] inputs() {
        return inputs == null ? null : deepCopy(inputs, "input");
    }

    /** The public outputs, or null when they are private (then {@link #classes()} holds the classes). */
    public int[][] outputs() {
        return outputs == null ? null : deepCopy(outputs, "output");
    }

    /** Each row's class when the outputs are private, else null (the outputs imply the classes). */
    public int[] classes() {
        return classes == null ? null : classes.clone();
    }

    /** The commitment to the inputs (COMMITTED inputs), or null. */
    public byte[] inputCommitment() {
        return inputCommitment == null ? null : inputCommitment.clone();
    }

    /** The commitment to the outputs (COMMITTED outputs), or null. */
    public byte[] outputCommitment() {
        return outputCommitment == null ? null : outputCommitment.clone();
    }

    /** The number of rows (inputs) the statement covers. */
    public int rows() {
        return rows;
    }

    public long nonce() {
        return nonce;
    }

    /** A copy with a different nonce (what a replay under a fresh nonce would claim). */
    public Statement withNonce(long other) {
        return new Statement(circuitId, inputs, outputs, classes, inputCommitment, outputCommitment, rows, other);
    }

    /** A copy with different (public) outputs. */
    public Statement withOutputs(int[][] other) {
        return new Statement(circuitId, inputs, java.util.Objects.requireNonNull(other, "outputs"), null,
                inputCommitment, null, 0, nonce);
    }

    /** A copy with private outputs and these classes. */
    public Statement withClasses(int[] other) {
        return new Statement(circuitId, inputs, null, java.util.Objects.requireNonNull(other, "classes"),
                inputCommitment, null, 0, nonce);
    }

    /** The canonical encoding. */
    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            int version = inputCommitment != null || outputCommitment != null ? 3 : outputs == null ? 2 : 1;
            out.writeShort(version);
            out.write(circuitId);
            out.writeLong(nonce);
            out.writeInt(rows());
            writeRows(out, inputs);
            writeRows(out, outputs);
            if (version == 3 && outputs == null) {
                out.writeInt(classes == null ? 0 : classes.length);
            }
            if (classes != null) {
                for (int c : classes) {
                    out.writeInt(c);
                }
            }
            if (version == 3) {
                writeBlock(out, inputCommitment);
                writeBlock(out, outputCommitment);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("in-memory stream failed", e);
        }
    }

    private static void writeRows(DataOutputStream out, int[][] rows) throws IOException {
        out.writeInt(rows == null ? 0 : rows[0].length);
        if (rows != null) {
            for (int[] row : rows) {
                for (int v : row) {
                    out.writeInt(v);
                }
            }
        }
    }

    /**
     * Decodes a statement in bounded memory.
     *
     * @throws IOException naming what is malformed
     */
    public static Statement fromBytes(byte[] encoded) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded));
        try {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a zkml4j statement (bad magic)");
            }
            int version = in.readUnsignedShort();
            if (version < 1 || version > VERSION) {
                throw new IOException("statement version " + version + " is not supported (1 to " + VERSION + ")");
            }
            byte[] id = in.readNBytes(32);
            long nonce = in.readLong();
            int rows = in.readInt();
            int[][] inputs = readRows(in, rows, true);
            int[][] outputs = readRows(in, rows, version >= 2);
            int[] classes = null;
            int classCount = outputs != null ? 0 : version == 3 ? in.readInt() : rows;
            if (classCount != 0) {
                if (rows <= 0 || classCount != rows || (long) rows * 4 > in.available()) {
                    throw new IOException("statement with private outputs needs " + rows + " classes");
                }
                classes = new int[rows];
                for (int b = 0; b < rows; b++) {
                    classes[b] = in.readInt();
                }
            }
            byte[] inputCommitment = version == 3 ? readBlock(in, "input") : null;
            byte[] outputCommitment = version == 3 ? readBlock(in, "output") : null;
            if (in.available() != 0) {
                throw new IOException("trailing bytes after the statement");
            }
            if (outputs == null && classes == null && outputCommitment == null) {
                throw new IOException("statement has neither outputs, classes nor an output commitment");
            }
            return new Statement(id, inputs, outputs, classes, inputCommitment, outputCommitment, rows, nonce);
        } catch (java.io.EOFException | IllegalArgumentException e) {
            throw new IOException("truncated or malformed statement: " + e.getMessage(), e);
        }
    }

    private static void writeBlock(DataOutputStream out, byte[] block) throws IOException {
        out.writeInt(block == null ? 0 : block.length);
        if (block != null) {
            out.write(block);
        }
    }

    private static byte[] readBlock(DataInputStream in, String what) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_COMMITMENT_BYTES || length > in.available()) {
            throw new IOException("statement " + what + " commitment length " + length + " does not fit the data");
        }
        return length == 0 ? null : in.readNBytes(length);
    }

    private static int[][] readRows(DataInputStream in, int rows, boolean mayBeAbsent) throws IOException {
        int width = in.readInt();
        if (width == 0 && mayBeAbsent) {
            return null;
        }
        if (rows <= 0 || width <= 0 || (long) rows * width > MAX_VALUES || (long) rows * width * 4 > in.available()) {
            throw new IOException("statement dimensions " + rows + "×" + width + " do not fit the data");
        }
        int[][] out = new int[rows][width];
        for (int[] row : out) {
            for (int j = 0; j < width; j++) {
                row[j] = in.readInt();
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Statement s && nonce == s.nonce && Arrays.equals(circuitId, s.circuitId)
                && Arrays.deepEquals(inputs, s.inputs) && Arrays.deepEquals(outputs, s.outputs)
                && Arrays.equals(classes, s.classes) && Arrays.equals(inputCommitment, s.inputCommitment)
                && Arrays.equals(outputCommitment, s.outputCommitment) && rows == s.rows;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(circuitId) * 31 + Long.hashCode(nonce);
    }

    @Override
    public String toString() {
        return "Statement[" + HexFormat.of().formatHex(circuitId).substring(0, 16) + "…, rows=" + rows()
                + ", nonce=" + nonce + (inputCommitment != null ? ", committed input" : inputs == null ? ", private input" : "")
                + (outputCommitment != null ? ", committed outputs"
                        : outputs == null ? ", private output, classes " + Arrays.toString(classes) : "") + "]";
    }
}
