package org.zkml4j.backend.pcs;

import java.security.MessageDigest;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.zkml4j.backend.merkle.MerkleTree;
import org.zkml4j.backend.ntt.ReedSolomon;

/** Rows evaluated on the code domain, a salted Merkle leaf per column, and the tree over the leaves. */
final class EncodedMatrix {
    private static final int PARALLEL_ROWS = 8;
    private final int rows;
    private final int domain;
    /** Row-major: row i at [i·N, (i+1)·N). One large array is never copied by young collections. */
    private final long[] encoded;
    private final byte[][] salts;
    final MerkleTree tree;

    private EncodedMatrix(int rows, int domain, long[] encoded, byte[][] salts, MerkleTree tree) {
        this.rows = rows;
        this.domain = domain;
        this.encoded = encoded;
        this.salts = salts;
        this.tree = tree;
    }

    /** Draws a salt per column, evaluates every row on the subgroup of size 2^logDomain, and builds the tree. */
    static EncodedMatrix of(long[][] coefficients, int logDomain, RandomGenerator rng) {
        int n = 1 << logDomain;
        byte[][] salts = new byte[n][MerkleTree.SALT_BYTES];
        for (byte[] salt : salts) {
            rng.nextBytes(salt);
        }
        long[] encoded = new long[coefficients.length * n];
        IntStream rowIndices = IntStream.range(0, coefficients.length);
        (coefficients.length >= PARALLEL_ROWS ? rowIndices.parallel() : rowIndices).forEach(i ->
                System.arraycopy(ReedSolomon.evaluate(coefficients[i], logDomain), 0, encoded, i * n, n));
        int rows = coefficients.length;
        byte[] hashes = new byte[n * MerkleTree.HASH_BYTES];
        int chunk = 1024;
        IntStream.range(0, (n + chunk - 1) / chunk).parallel().forEach(c -> {
            MessageDigest md = MerkleTree.newSha256();
            long[] column = new long[rows];
            for (int j = c * chunk; j < Math.min(n, (c + 1) * chunk); j++) {
                for (int i = 0; i < rows; i++) {
                    column[i] = encoded[i * n + j];
                }
                MerkleTree.hashLeaf(md, salts[j], column, hashes, j * MerkleTree.HASH_BYTES);
            }
        });
        return new EncodedMatrix(rows, n, encoded, salts, MerkleTree.fromLeafHashes(hashes));
    }

    /** Copies column j's entries into {@code out} from {@code offset}. */
    void copyColumn(int j, long[] out, int offset) {
        for (int i = 0; i < rows; i++) {
            out[offset + i] = encoded[i * domain + j];
        }
    }

    /** The salts of the given columns, copied. */
    byte[][] salts(int[] columns) {
        byte[][] out = new byte[columns.length][];
        for (int k = 0; k < columns.length; k++) {
            out[k] = salts[columns[k]].clone();
        }
        return out;
    }
}
