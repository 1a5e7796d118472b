package org.zkml4j.backend.lookup;

import java.util.Arrays;

/**
 * An open-addressing index from table rows (tuples of field elements across the columns) to the
 * first table row holding that tuple.
 */
final class RowIndex {
    private final long[][] table;
    private final int[] slots;
    private final int mask;

    RowIndex(long[][] table) {
        this.table = table;
        int rows = table[0].length;
        int capacity = Integer.highestOneBit(Math.max(2, rows)) << 2; // load factor ≤ 1/2
        this.slots = new int[capacity];
        this.mask = capacity - 1;
        Arrays.fill(slots, -1);
        for (int r = 0; r < rows; r++) {
            int s = (int) hash(table, r) & mask;
            while (slots[s] >= 0 && !sameRow(table, slots[s], table, r)) {
                s = (s + 1) & mask;
            }
            if (slots[s] < 0) {
                slots[s] = r; // keep the first occurrence
            }
        }
    }

    /** The first table row equal to row {@code row} of {@code columns}, or −1 if there is none. */
    int find(long[][] columns, int row) {
        int s = (int) hash(columns, row) & mask;
        while (slots[s] >= 0) {
            if (sameRow(table, slots[s], columns, row)) {
                return slots[s];
            }
            s = (s + 1) & mask;
        }
        return -1;
    }

    private static long hash(long[][] columns, int row) {
        long h = 0x243F_6A88_85A3_08D3L;
        for (long[] c : columns) {
            h = (h ^ c[row]) * 0x9E37_79B9_7F4A_7C15L;
            h ^= h >>> 29;
        }
        return h ^ (h >>> 32);
    }

    private static boolean sameRow(long[][] a, int i, long[][] b, int j) {
        for (int k = 0; k < a.length; k++) {
            if (a[k][i] != b[k][j]) {
                return false;
            }
        }
        return true;
    }
}
