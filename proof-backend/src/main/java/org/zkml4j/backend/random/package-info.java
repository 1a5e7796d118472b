/** Prover randomness: {@link org.zkml4j.backend.random.AesCtrRandom}, a fast CSPRNG for masks and salts. */
package org.zkml4j.backend.random;
