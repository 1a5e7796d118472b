/**
 * Binary SHA-256 Merkle trees over a power-of-two number of salted leaves, with batch
 * (multi-leaf) opening proofs.
 *
 * <p>Hashing is domain-separated: a leaf hashes to {@code SHA256(0x00 ‖ salt ‖ e_0 ‖ … ‖ e_{m-1})}
 * where each field element {@code e_i} is its 8-byte little-endian encoding and the salt is
 * {@link org.zkml4j.backend.merkle.MerkleTree#SALT_BYTES} random bytes (hiding the leaf); an inner
 * node hashes to {@code SHA256(0x01 ‖ left ‖ right)}.
 *
 * <pre>{@code
 * MerkleTree tree = MerkleTree.fromLeafHashes(packedLeafHashes);
 * int[] open = MerkleTree.sortedDistinct(sampledIndices);
 * tree.prove(open).writeTo(writer);
 * // verifier
 * MerkleMultiProof proof = MerkleMultiProof.read(reader, leafCount, open);
 * MerkleVerifier.verify(root, leafCount, open, recomputedLeafHashes, proof);
 * }</pre>
 */
package org.zkml4j.backend.merkle;
