/**
 * The miner: {@link org.zkml4j.bridge.miner.MinerNode} serves the prover service
 * ({@link org.zkml4j.bridge.miner.ProverService}) for the circuits it has compiled.
 */
package org.zkml4j.bridge.miner;
