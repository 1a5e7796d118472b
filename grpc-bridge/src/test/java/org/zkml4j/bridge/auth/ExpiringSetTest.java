package org.zkml4j.bridge.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExpiringSetTest {
    @Test
    void add_refusesRepeatsUntilExpiry() {
        ExpiringSet set = new ExpiringSet(10);
        assertEquals(ExpiringSet.Outcome.ADDED, set.add("n", 100, 0));
        assertEquals(ExpiringSet.Outcome.ALREADY_PRESENT, set.add("n", 200, 99));
        assertEquals(ExpiringSet.Outcome.ADDED, set.add("n", 300, 100));
    }

    @Test
    void add_whenFullOfLiveEntriesRefusesInsteadOfForgetting() {
        ExpiringSet set = new ExpiringSet(2);
        set.add("a", 100, 0);
        set.add("b", 100, 0);
        assertEquals(ExpiringSet.Outcome.FULL, set.add("c", 100, 1));
        assertEquals(ExpiringSet.Outcome.ALREADY_PRESENT, set.add("a", 100, 1));
        assertEquals(ExpiringSet.Outcome.ADDED, set.add("c", 300, 100));
        assertEquals(1, set.size());
    }
}
