package org.zkml4j.backend.pcs;

import org.zkml4j.backend.merkle.MerkleMultiProof;

/**
 * The per-opening mask commitment of a {@link ReusableLigeroPcs} opening: the Merkle root over the
 * three fresh mask rows' columns (absorbed before the challenges), and the opened columns' salts and
 * batch path. The mask entries themselves travel as the last three entries of each opened column.
 */
record MaskOpening(byte[] root, byte[][] salts, MerkleMultiProof merkle) {}
