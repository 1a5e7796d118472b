package org.zkml4j.bridge.validator;

/**
 * One miner's result in one round.
 *
 * @param miner the miner
 * @param verdict how the answer ended
 * @param reason why it failed (empty when verified)
 * @param responseSeconds wall time from the request to the answer, measured by the validator
 * @param proofBytes size of the returned proof (0 when none)
 * @param reportedProveMicros the miner's own prove time (informational, not trusted)
 */
public record MinerOutcome(MinerEndpoint miner, Verdict verdict, String reason, double responseSeconds,
                           long proofBytes, long reportedProveMicros) {}
