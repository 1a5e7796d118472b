package org.zkml4j.backend.pcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link HidingLedger}: the bound, the sizes it asks for, and refusals. */
class HidingLedgerTest {
    @Test
    void simulationBits_areTheBlockBound() {
        // four functionals (two evaluations): blocks of 2 variables, 8/p each
        assertEquals(64 - 3, HidingLedger.simulationBits(4, 4), 1e-6, "one block of 2 variables: 2^-61, too little");
        assertEquals(2 * (64 - 3), HidingLedger.simulationBits(16, 4), 1e-6);
        assertEquals(3 * (64 - 3), HidingLedger.simulationBits(64, 4), 1e-6);
        // fewer entries than functionals, or not a power of two: nothing guaranteed
        assertEquals(0, HidingLedger.simulationBits(2, 4));
        assertEquals(0, HidingLedger.simulationBits(24, 4));
        assertEquals(Double.POSITIVE_INFINITY, HidingLedger.simulationBits(1, 0));
    }

    @Test
    void minimumLengths_perEvaluations() {
        assertEquals(4, HidingLedger.minimumForEvaluations(1));
        assertEquals(16, HidingLedger.minimumForEvaluations(2));
        assertEquals(256, HidingLedger.minimumForEvaluations(8));
        assertEquals(4096, HidingLedger.minimumForEvaluations(32));
        assertEquals(65536, HidingLedger.minimumForEvaluations(128));
        for (int evaluations = 1; evaluations <= 128; evaluations++) {
            int n = HidingLedger.minimumForEvaluations(evaluations);
            assertTrue(HidingLedger.simulationBits(n, 2L * evaluations) >= HidingLedger.TARGET_BITS);
            assertTrue(n / 2 < 2 * evaluations || HidingLedger.simulationBits(n / 2, 2L * evaluations)
                    < HidingLedger.TARGET_BITS, "the smallest length");
        }
    }

    @Test
    void budgetsBeyondWhatCanBeHiddenAreRefused() {
        for (int k = 1; k <= 1024; k *= 2) {
            int budget = k;
            if (k <= 128) {
                assertTrue(HidingLedger.minimumForEvaluations(budget) <= 1 << 16);
            } else {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> HidingLedger.minimumForEvaluations(budget));
                assertTrue(e.getMessage().contains("cannot be hidden"), e.getMessage());
            }
        }
    }

    @Test
    void require_andTheTally_nameTheVector() {
        HidingLedger.require("v", 16, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HidingLedger.require("layer 0 z", 4, 2));
        assertTrue(e.getMessage().startsWith("layer 0 z: a random part of 4 entries cannot hide 2 evaluations"),
                e.getMessage());
        HidingLedger ledger = new HidingLedger();
        ledger.reveal("logits", 2, 1, 1);
        ledger.reveal("logits", 2, 1, 1);
        ledger.reveal("weights", 4096, 32, 1);
        assertEquals(2, ledger.evaluations("logits"));
        IllegalStateException leak = assertThrows(IllegalStateException.class, ledger::check);
        assertTrue(leak.getMessage().contains("logits"), leak.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ledger.reveal("weights", 4096, 64, 1));
        HidingLedger fine = new HidingLedger();
        fine.reveal("weights", 4096, 32, 1);
        fine.check();
        assertTrue(fine.totalBits() >= 110);
        HidingLedger spent = new HidingLedger();
        spent.reveal("weights", 4096, 64, 1);
        assertThrows(IllegalStateException.class, spent::check);
    }
}
