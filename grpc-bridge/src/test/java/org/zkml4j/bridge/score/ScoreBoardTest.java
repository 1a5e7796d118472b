package org.zkml4j.bridge.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreBoardTest {
    @TempDir
    Path dir;

    @Test
    void update_fastVerifiedBeatsSlowVerifiedBeatsFailed() throws IOException {
        ScoreBoard board = new ScoreBoard(OmronReward.DEFAULTS, null);
        for (int i = 0; i < 5; i++) {
            board.update(List.of(new ScoreBoard.Result("fast", true, 0.1, 1000),
                    new ScoreBoard.Result("slow", true, 0.9, 1000), new ScoreBoard.Result("liar", false, 0.05, 0)));
        }
        assertTrue(board.score("fast") > board.score("slow"));
        assertTrue(board.score("slow") > board.score("liar"));
        assertEquals(0.0, board.score("liar"));
        assertEquals(1.0, board.weights().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-12);
    }

    @Test
    void scores_surviveRestartAndLeaveNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("scores.txt");
        ScoreBoard board = new ScoreBoard(OmronReward.DEFAULTS, new ScoreFile(file));
        board.update(List.of(new ScoreBoard.Result("a", true, 0.1, 10), new ScoreBoard.Result("b", true, 0.2, 10)));
        board.update(List.of(new ScoreBoard.Result("a", false, 0.1, 0), new ScoreBoard.Result("b", true, 0.2, 10)));
        ScoreBoard restarted = new ScoreBoard(OmronReward.DEFAULTS, new ScoreFile(file));
        assertEquals(board.scores(), restarted.scores());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void load_malformedFileIsAClearError() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.txt"), "zkml4j-scores 1\nminer not-a-number\n");
        IOException e = assertThrows(IOException.class, () -> new ScoreBoard(OmronReward.DEFAULTS, new ScoreFile(file)));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        Path other = Files.writeString(dir.resolve("other.txt"), "hello\n");
        assertThrows(IOException.class, () -> new ScoreFile(other).load());
    }
}
