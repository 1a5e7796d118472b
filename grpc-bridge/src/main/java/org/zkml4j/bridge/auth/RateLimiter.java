package org.zkml4j.bridge.auth;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client: {@code ratePerSecond} sustained, {@code burst} at once. At most
 * {@code maxClients} buckets are kept; idle full buckets are dropped first, and when every bucket
 * is in use a new client is refused. Thread-safe.
 */
public final class RateLimiter {
    private final double ratePerSecond;
    private final double burst;
    private final int maxClients;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double ratePerSecond, int burst, int maxClients) {
        if (ratePerSecond <= 0 || burst < 1 || maxClients < 1) {
            throw new IllegalArgumentException("rate, burst and client bound must be positive");
        }
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.maxClients = maxClients;
    }

    /** Takes one token for {@code client}; false when the client is over its rate. */
    public boolean tryAcquire(String client, long nowNanos) {
        Bucket bucket = buckets.get(client);
        if (bucket == null) {
            if (buckets.size() >= maxClients && !evictIdle(nowNanos)) {
                return false;
            }
            bucket = buckets.computeIfAbsent(client, c -> new Bucket(burst, nowNanos));
        }
        return bucket.tryTake(nowNanos);
    }

    private boolean evictIdle(long nowNanos) {
        boolean any = false;
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            if (it.next().isFull(nowNanos)) {
                it.remove();
                any = true;
            }
        }
        return any;
    }

    private final class Bucket {
        private double tokens;
        private long lastNanos;

        Bucket(double tokens, long nowNanos) {
            this.tokens = tokens;
            this.lastNanos = nowNanos;
        }

        synchronized boolean tryTake(long nowNanos) {
            refill(nowNanos);
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }

        synchronized boolean isFull(long nowNanos) {
            refill(nowNanos);
            return tokens >= burst;
        }

        /** Adds the tokens earned since the last refill; a timestamp older than that one (threads race) adds none. */
        private void refill(long nowNanos) {
            if (nowNanos > lastNanos) {
                tokens = Math.min(burst, tokens + (nowNanos - lastNanos) / 1e9 * ratePerSecond);
                lastNanos = nowNanos;
            }
        }
    }
}
