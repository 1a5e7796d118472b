package org.zkml4j.bridge.validator;

import java.util.List;
import org.zkml4j.bridge.circuit.Circuit;

/**
 * What one validator round did.
 *
 * @param round the round number, from 1
 * @param circuit the circuit the miners were asked to prove
 * @param nonce the round's nonce
 * @param outcomes one per miner, in the validator's miner order
 */
public record RoundReport(int round, Circuit circuit, long nonce, List<MinerOutcome> outcomes) {}
