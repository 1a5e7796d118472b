package org.zkml4j.bridge.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OmronRewardTest {
    private static final double EPS = 1e-12;

    @Test
    void ntc_isZeroAtZeroOneAtOneAndHalfInTheMiddle() {
        assertEquals(0.0, OmronReward.ntc(0), EPS);
        assertEquals(1.0, OmronReward.ntc(1), EPS);
        assertEquals(0.5, OmronReward.ntc(0.5), EPS);
        assertTrue(OmronReward.ntc(0.25) < 0.5 && OmronReward.ntc(0.75) > 0.5);
    }

    @Test
    void normalisedTime_clampsToZeroAnd099() {
        assertEquals(0.0, OmronReward.normalisedTime(1, 2, 4), EPS);
        assertEquals(0.5, OmronReward.normalisedTime(3, 2, 4), EPS);
        assertEquals(0.99, OmronReward.normalisedTime(4, 2, 4), EPS);
        assertEquals(0.0, OmronReward.normalisedTime(3, 3, 3), EPS);
    }

    @Test
    void target_subtractsCurveAndSizePenalty() {
        OmronReward reward = new OmronReward(2.0, 0.1, 1000);
        assertEquals(2.0 * (1 - 0 - 0.1 * 0.5), reward.target(0, 500), EPS);
        assertEquals(2.0 * (1 - OmronReward.ntc(0.5) - 0.1), reward.target(0.5, 5000), EPS);
    }

    @Test
    void updates_moveTenPercentTowardsTargetOrLoseFortyPercent() {
        OmronReward reward = new OmronReward(1.0, 0.0, 1);
        assertEquals(0.5 + 0.1 * (1.0 - 0.5), reward.afterVerified(0.5, 0, 0), EPS);
        assertEquals(0.3, OmronReward.afterFailed(0.5), EPS);
    }

    @Test
    void constructor_rejectsOutOfRangeConstants() {
        assertThrows(IllegalArgumentException.class, () -> new OmronReward(0, 0.1, 10));
        assertThrows(IllegalArgumentException.class, () -> new OmronReward(1, 1.5, 10));
        assertThrows(IllegalArgumentException.class, () -> new OmronReward(1, 0.1, 0));
    }
}
