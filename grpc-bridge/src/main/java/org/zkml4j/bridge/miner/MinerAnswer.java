package org.zkml4j.bridge.miner;

/**
 * What a miner sends back for one proof: the statement it claims (canonical encoding) and the
 * proof bytes. Either may be garbage when the miner is dishonest.
 *
 * @param statement canonical statement bytes
 * @param proof proof bytes
 */
public record MinerAnswer(byte[] statement, byte[] proof) {}
