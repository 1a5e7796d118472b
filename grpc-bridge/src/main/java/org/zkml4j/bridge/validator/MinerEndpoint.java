package org.zkml4j.bridge.validator;

import io.grpc.ManagedChannel;

/**
 * A miner as a validator knows it: its hotkey (the name its score is kept under), its address and
 * an open channel to it.
 *
 * @param hotkey the miner's public key in hex
 * @param address host:port, for display
 * @param channel the channel the validator queries it on
 */
public record MinerEndpoint(String hotkey, String address, ManagedChannel channel) {
    /** A short display name: the first 8 hex digits of the hotkey. */
    public String shortName() {
        return hotkey.substring(0, Math.min(8, hotkey.length()));
    }
}
