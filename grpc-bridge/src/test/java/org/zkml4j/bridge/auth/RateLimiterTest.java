package org.zkml4j.bridge.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateLimiterTest {
    @Test
    void tryAcquire_allowsBurstThenRefillsAtRate() {
        RateLimiter limiter = new RateLimiter(10, 3, 100);
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.tryAcquire("a", 0));
        }
        assertFalse(limiter.tryAcquire("a", 0));
        assertTrue(limiter.tryAcquire("b", 0), "clients have separate buckets");
        assertTrue(limiter.tryAcquire("a", 100_000_000L), "one token back after 100 ms at 10/s");
        assertFalse(limiter.tryAcquire("a", 100_000_000L));
    }

    @Test
    void tryAcquire_refusesNewClientsWhenEveryBucketIsBusy() {
        RateLimiter limiter = new RateLimiter(1, 1, 1);
        assertTrue(limiter.tryAcquire("a", 0));
        assertFalse(limiter.tryAcquire("b", 0));
        assertTrue(limiter.tryAcquire("b", 2_000_000_000L), "a's bucket refilled, so it is dropped for b");
    }

    @Test
    void tryAcquire_outOfOrderTimestampsDoNotDrainTheBucket() {
        RateLimiter limiter = new RateLimiter(1e9, 10, 10);
        assertTrue(limiter.tryAcquire("a", 1_000_000));
        assertTrue(limiter.tryAcquire("a", 999_000), "a thread that read the clock earlier still gets a token");
        assertTrue(limiter.tryAcquire("a", 1_000_001));
    }
}
