/**
 * Canonical proof encoding: {@link org.zkml4j.backend.io.ProofWriter} and the bounded, validating
 * {@link org.zkml4j.backend.io.ProofReader}; rejections are
 * {@link org.zkml4j.backend.io.InvalidProofException}s with a reason.
 */
package org.zkml4j.backend.io;
