/**
 * The Goldilocks prime field p = 2^64 − 2^32 + 1 ({@link org.zkml4j.backend.field.Goldilocks}) and its
 * quadratic extension x² − 7 ({@link org.zkml4j.backend.field.GoldilocksExt},
 * {@link org.zkml4j.backend.field.Ext}), where every verifier challenge lives.
 */
package org.zkml4j.backend.field;
