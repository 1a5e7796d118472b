package org.zkml4j.bridge.validator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.zkml4j.bridge.TestCircuits;
import org.zkml4j.bridge.auth.Hotkey;
import org.zkml4j.bridge.auth.RequestSigner;
import org.zkml4j.bridge.circuit.Circuit;
import org.zkml4j.bridge.miner.MinerNode;
import org.zkml4j.bridge.net.Channels;
import org.zkml4j.bridge.score.OmronReward;
import org.zkml4j.bridge.score.ScoreBoard;

/** A validator round completes and scores down miners that cannot be reached or refuse it. */
class ValidatorTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void runRound_unreachableAndRefusingMinersScoreAsErrorsBesideAnHonestOne() throws Exception {
        Circuit circuit = TestCircuits.small();
        Hotkey validatorKey = Hotkey.generate(RANDOM);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (MinerNode honest = MinerNode.builder(Hotkey.generate(RANDOM), List.of(circuit))
                .admit(Set.of(validatorKey.publicKeyHex())).start();
             MinerNode stranger = MinerNode.builder(Hotkey.generate(RANDOM), List.of(circuit))
                     .admit(Set.of(Hotkey.generate(RANDOM).publicKeyHex())).start()) {
            List<MinerEndpoint> miners = List.of(
                    endpoint(honest.hotkey().publicKeyHex(), honest.port()),
                    endpoint(stranger.hotkey().publicKeyHex(), stranger.port()),
                    endpoint("unreachable", closedPort));
            ScoreBoard board = new ScoreBoard(OmronReward.DEFAULTS, null);
            Validator validator = Validator.builder(new RequestSigner(validatorKey), miners,
                    List.of(new WeightedCircuit(circuit, 1)), board).deadline(Duration.ofSeconds(5)).build();
            try {
                RoundReport report = validator.runRound();
                assertEquals(Verdict.VERIFIED, report.outcomes().get(0).verdict(), report.toString());
                assertEquals(Verdict.ERROR, report.outcomes().get(1).verdict());
                assertTrue(report.outcomes().get(1).reason().startsWith("PERMISSION_DENIED"),
                        report.outcomes().get(1).reason());
                assertEquals(Verdict.ERROR, report.outcomes().get(2).verdict());
                assertTrue(report.outcomes().get(2).reason().startsWith("UNAVAILABLE"), report.outcomes().get(2).reason());
                assertTrue(board.score(honest.hotkey().publicKeyHex()) > 0);
                assertEquals(0.0, board.score("unreachable"));
            } finally {
                for (MinerEndpoint m : miners) {
                    m.channel().shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
                }
            }
        }
    }

    @Test
    void runRound_aMinerBehindAnotherHotkeyScoresAsBadSignature() throws Exception {
        Circuit circuit = TestCircuits.small();
        Hotkey validatorKey = Hotkey.generate(RANDOM);
        try (MinerNode miner = MinerNode.builder(Hotkey.generate(RANDOM), List.of(circuit))
                .admit(Set.of(validatorKey.publicKeyHex())).start()) {
            String claimed = Hotkey.generate(RANDOM).publicKeyHex(); // the operator typed a key the miner lacks
            List<MinerEndpoint> miners = List.of(endpoint(claimed, miner.port()));
            ScoreBoard board = new ScoreBoard(OmronReward.DEFAULTS, null);
            Validator validator = Validator.builder(new RequestSigner(validatorKey), miners,
                    List.of(new WeightedCircuit(circuit, 1)), board).deadline(Duration.ofSeconds(5)).build();
            try {
                MinerOutcome outcome = validator.runRound().outcomes().get(0);
                assertEquals(Verdict.BAD_SIGNATURE, outcome.verdict(), outcome.reason());
                assertTrue(outcome.reason().startsWith("the answer's signature is not " + claimed.substring(0, 8)),
                        outcome.reason());
                assertEquals(0.0, board.score(claimed));
            } finally {
                miners.get(0).channel().shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void build_withoutMinersOrCircuitsIsRefused() throws Exception {
        ScoreBoard board = new ScoreBoard(OmronReward.DEFAULTS, null);
        RequestSigner signer = new RequestSigner(Hotkey.generate(RANDOM));
        assertThrows(IllegalArgumentException.class,
                () -> Validator.builder(signer, List.of(), List.of(new WeightedCircuit(TestCircuits.small(), 1)), board)
                        .build());
        assertThrows(IllegalArgumentException.class, () -> new WeightedCircuit(TestCircuits.small(), 0));
    }

    private static MinerEndpoint endpoint(String hotkey, int port) throws Exception {
        ManagedChannel channel = Channels.open("127.0.0.1", port, null);
        return new MinerEndpoint(hotkey, "127.0.0.1:" + port, channel);
    }
}
