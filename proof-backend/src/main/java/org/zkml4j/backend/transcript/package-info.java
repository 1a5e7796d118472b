/**
 * The Fiat–Shamir transcript ({@link org.zkml4j.backend.transcript.Transcript}): a domain-separated
 * SHA-256 hash chain that absorbs labelled, length-prefixed messages and samples unbiased challenges.
 */
package org.zkml4j.backend.transcript;
