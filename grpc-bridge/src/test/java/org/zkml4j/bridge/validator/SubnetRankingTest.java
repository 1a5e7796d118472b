package org.zkml4j.bridge.validator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zkml4j.bridge.TestCircuits;
import org.zkml4j.bridge.cli.LocalSubnet;
import org.zkml4j.bridge.miner.MinerBehavior;
import org.zkml4j.bridge.score.OmronReward;
import org.zkml4j.bridge.score.ScoreBoard;
import org.zkml4j.bridge.score.ScoreFile;

/** A local subnet on loopback sockets: the validator ranks honest > slow > dishonest and survives them all. */
class SubnetRankingTest {
    @TempDir
    Path dir;

    @Test
    void rounds_rankHonestAboveSlowAboveLiarsReplayersGarbageAndLateMiners() throws Exception {
        Path scores = dir.resolve("scores.txt");
        Map<String, Double> byRole = new HashMap<>();
        Map<String, Map<Verdict, Integer>> verdicts = new HashMap<>();
        try (LocalSubnet net = LocalSubnet.builder().circuit("small", TestCircuits.smallModel())
                .miners(List.of(MinerBehavior.honest(), MinerBehavior.slow(Duration.ofMillis(250)),
                        MinerBehavior.cheating(), MinerBehavior.replaying(), MinerBehavior.garbage(),
                        MinerBehavior.slow(Duration.ofSeconds(4))))
                .deadline(Duration.ofMillis(2000)).scores(scores).start()) {
            for (int round = 0; round < 5; round++) {
                for (MinerOutcome o : net.runRound().outcomes()) {
                    verdicts.computeIfAbsent(net.roles().get(o.miner().hotkey()), r -> new EnumMap<>(Verdict.class))
                            .merge(o.verdict(), 1, Integer::sum);
                }
            }
            net.board().scores().forEach((hotkey, score) -> byRole.put(net.roles().get(hotkey), score));
            ScoreBoard restarted = new ScoreBoard(OmronReward.DEFAULTS, new ScoreFile(scores));
            assertEquals(net.board().scores(), restarted.scores(), "scores persist across a restart");
        }
        // Under a loaded machine an honest answer may rarely miss the deadline; a dishonest one never verifies.
        assertTrue(count(verdicts, "honest", Verdict.VERIFIED) >= 4, verdicts.toString());
        assertTrue(count(verdicts, "slow:250", Verdict.VERIFIED) >= 4, verdicts.toString());
        assertTrue(count(verdicts, "cheating", Verdict.INVALID_PROOF) >= 4, verdicts.toString());
        assertTrue(count(verdicts, "replaying", Verdict.INVALID_PROOF) >= 3, verdicts.toString());
        assertTrue(count(verdicts, "replaying", Verdict.VERIFIED) <= 1, verdicts.toString());
        assertTrue(count(verdicts, "garbage", Verdict.MALFORMED) >= 4, verdicts.toString());
        assertEquals(Map.of(Verdict.TIMEOUT, 5), verdicts.get("slow:4000"), verdicts.toString());
        for (String dishonest : List.of("cheating", "garbage", "slow:4000")) {
            assertEquals(0, count(verdicts, dishonest, Verdict.VERIFIED), verdicts.toString());
        }
        assertTrue(byRole.get("honest") > byRole.get("slow:250"), byRole.toString());
        assertTrue(byRole.get("slow:250") > byRole.get("replaying"), byRole.toString());
        assertTrue(byRole.get("replaying") > 0 && byRole.get("replaying") < 0.05, byRole.toString());
        for (String zero : List.of("cheating", "garbage", "slow:4000")) {
            assertEquals(0.0, byRole.get(zero), byRole.toString());
        }
    }

    private static int count(Map<String, Map<Verdict, Integer>> verdicts, String role, Verdict verdict) {
        return verdicts.get(role).getOrDefault(verdict, 0);
    }
}
