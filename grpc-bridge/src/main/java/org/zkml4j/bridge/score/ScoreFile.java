package org.zkml4j.bridge.score;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validator scores on disk: a header line {@code zkml4j-scores 1}, then one {@code hotkey score}
 * line per miner. Written atomically (temporary file in the same directory, then ATOMIC_MOVE), so
 * a crash leaves either the old or the new scores, never a torn file.
 */
public final class ScoreFile {
    static final String HEADER = "zkml4j-scores 1";
    private final Path path;

    public ScoreFile(Path path) {
        this.path = path;
    }

    /**
     * The stored scores, or none if the file does not exist.
     *
     * @throws IOException naming the malformed line
     */
    public Map<String, Double> load() throws IOException {
        Map<String, Double> scores = new LinkedHashMap<>();
        if (!Files.exists(path)) {
            return scores;
        }
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException(path + " is not a zkml4j score file (expected first line '" + HEADER + "')");
        }
        for (int i = 1; i < lines.size(); i++) {
            String[] parts = lines.get(i).strip().split(" ");
            double score;
            try {
                score = parts.length == 2 ? Double.parseDouble(parts[1]) : Double.NaN;
            } catch (NumberFormatException e) {
                score = Double.NaN;
            }
            if (!Double.isFinite(score) || score < 0 || parts[0].isEmpty()) {
                throw new IOException(path + " line " + (i + 1) + ": expected 'hotkey score' with a finite score ≥ 0");
            }
            scores.put(parts[0], score);
        }
        return scores;
    }

    /** Replaces the stored scores with {@code scores}, atomically. */
    public void save(Map<String, Double> scores) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        scores.forEach((miner, score) -> text.append(miner).append(' ').append(score).append('\n'));
        Path directory = path.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temp = Files.createTempFile(directory, path.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
