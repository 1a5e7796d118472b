package org.zkml4j.bridge.validator;

/** How a miner's answer in one round ended. Only {@link #VERIFIED} earns reward. */
public enum Verdict {
    /** The proof verifies against the validator's own inputs and nonce. */
    VERIFIED,
    /** The answer parsed but the proof does not verify for the validator's statement. */
    INVALID_PROOF,
    /** The answer is not signed by the hotkey the validator was given for this miner, for this request. */
    BAD_SIGNATURE,
    /** The answer could not be read (bad statement encoding, wrong shape). */
    MALFORMED,
    /** No answer within the deadline. */
    TIMEOUT,
    /** The miner answered with an error status or could not be reached. */
    ERROR
}
