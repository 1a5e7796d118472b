package org.zkml4j.bridge.auth;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A bounded set whose entries expire: remembers request nonces (or input digests) until the moment
 * after which the request would be refused as stale anyway. When full of unexpired entries it
 * refuses new ones instead of forgetting old ones (forgetting would re-open a replay). Thread-safe.
 */
public final class ExpiringSet {
    /** What {@link #add} did. */
    public enum Outcome {
        ADDED,
        ALREADY_PRESENT,
        FULL
    }

    private final int capacity;
    private final Map<String, Long> expiries = new HashMap<>();
    private int addsSinceSweep;

    /** A set holding at most {@code capacity} unexpired entries. */
    public ExpiringSet(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Adds {@code entry}, remembered until {@code expiresAtMillis}, unless it is already present. */
    public synchronized Outcome add(String entry, long expiresAtMillis, long nowMillis) {
        if (++addsSinceSweep >= Math.max(1, capacity / 4) || expiries.size() >= capacity) {
            sweep(nowMillis);
        }
        Long expiry = expiries.get(entry);
        if (expiry != null && expiry > nowMillis) {
            return Outcome.ALREADY_PRESENT;
        }
        if (expiries.size() >= capacity) {
            return Outcome.FULL;
        }
        expiries.put(entry, expiresAtMillis);
        return Outcome.ADDED;
    }

    /** The number of entries held (expired ones may linger until the next sweep). */
    public synchronized int size() {
        return expiries.size();
    }

    private void sweep(long nowMillis) {
        addsSinceSweep = 0;
        for (Iterator<Long> it = expiries.values().iterator(); it.hasNext(); ) {
            if (it.next() <= nowMillis) {
                it.remove();
            }
        }
    }
}
