/**
 * Number-theoretic transforms and Reed–Solomon encoding over the Goldilocks field: {@link
 * org.zkml4j.backend.ntt.Ntt} evaluates and interpolates polynomials on power-of-two multiplicative
 * subgroups and their cosets (natural order in and out, cached twiddles, ForkJoin parallelism for
 * large sizes) and multiplies polynomials, while {@link org.zkml4j.backend.ntt.ReedSolomon} builds
 * the low-degree extensions that FRI-style polynomial commitments commit to, decodes exact
 * codewords and gives the evaluation-domain points.
 */
package org.zkml4j.backend.ntt;
