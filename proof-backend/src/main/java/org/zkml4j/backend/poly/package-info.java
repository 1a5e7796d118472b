/**
 * Multilinear polynomials given by their evaluation tables over the Boolean hypercube.
 *
 * <p>Convention: entry {@code x} of a table of length 2^n is the value at the point whose
 * coordinate {@code l} is bit {@code l} of {@code x} (x = Σ_l x_l·2^l). Extension-field tables are
 * interleaved {@code long[]}s {@code [c0, c1, c0, c1, …]} of length 2·2^n.
 */
package org.zkml4j.backend.poly;
