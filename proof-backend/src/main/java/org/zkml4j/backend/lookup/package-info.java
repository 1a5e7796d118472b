/**
 * Lookup arguments: the LogUp protocol ({@link org.zkml4j.backend.lookup.LogUp}, Haböck 2022)
 * proving that every row of committed witness columns lies in a public
 * {@link org.zkml4j.backend.lookup.LookupTable} (activation tables, range tables).
 *
 * <p>The public statement is a {@link org.zkml4j.backend.lookup.LogUpShape}; the prover holds a
 * {@link org.zkml4j.backend.lookup.LogUpInstance}. A proof ({@link org.zkml4j.backend.lookup.LogUpProof})
 * reduces the lookup to evaluation claims on the caller's commitment, which the caller opens
 * together with its other claims. Several lookups are proven together, with one fraction
 * commitment and one opening, by {@link org.zkml4j.backend.lookup.LogUp#proveAll}
 * ({@link org.zkml4j.backend.lookup.LogUpBatchProof}). Not zero knowledge yet; see docs/lookup.md.
 */
package org.zkml4j.backend.lookup;
