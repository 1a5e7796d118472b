/**
 * The validator: rounds of fresh inputs and nonces sent to every miner, answers checked against the
 * validator's own statement ({@link org.zkml4j.bridge.validator.AnswerVerifier}), results scored.
 */
package org.zkml4j.bridge.validator;
