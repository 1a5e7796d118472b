package org.zkml4j.bridge.miner;

import java.time.Duration;

/**
 * A miner's bounds on work.
 *
 * @param maxRows most input rows in one request
 * @param duplicateWindow how long an input set is remembered and refused if asked again
 * @param duplicateCapacity most input sets remembered at once
 * @param workers proving threads
 * @param queue requests that may wait for a proving thread (more are RESOURCE_EXHAUSTED)
 */
public record MinerLimits(int maxRows, Duration duplicateWindow, int duplicateCapacity, int workers, int queue) {
    /** 1,024 rows, a 10-minute duplicate window of 2^16 input sets, 2 provers, 64 waiting. */
    public static final MinerLimits DEFAULTS = new MinerLimits(1024, Duration.ofMinutes(10), 1 << 16, 2, 64);

    /** Validates ranges. */
    public MinerLimits {
        if (maxRows < 1 || duplicateCapacity < 1 || workers < 1 || queue < 1 || duplicateWindow.isNegative()) {
            throw new IllegalArgumentException("miner limits must be positive");
        }
    }
}
