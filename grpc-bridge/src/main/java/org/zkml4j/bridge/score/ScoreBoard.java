package org.zkml4j.bridge.score;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validator's scores per miner (by hotkey), updated once per round with {@link OmronReward} and
 * saved after every round through a {@link ScoreFile} (if any), so they survive restarts.
 */
public final class ScoreBoard {
    private final OmronReward reward;
    private final ScoreFile file;
    private final Map<String, Double> scores;

    /** One miner's result in a round, as far as scoring is concerned. */
    public record Result(String miner, boolean verified, double responseSeconds, long proofBytes) {}

    /**
     * A board loaded from {@code file} (null: in memory only).
     *
     * @throws IOException if the file exists but is malformed
     */
    public ScoreBoard(OmronReward reward, ScoreFile file) throws IOException {
        this.reward = reward;
        this.file = file;
        this.scores = file == null ? new LinkedHashMap<>() : file.load();
    }

    /** Applies one round's results, then saves. Response times are normalised over the verified answers. */
    public synchronized void update(List<Result> round) throws IOException {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Result r : round) {
            if (r.verified()) {
                min = Math.min(min, r.responseSeconds());
                max = Math.max(max, r.responseSeconds());
            }
        }
        for (Result r : round) {
            double old = scores.getOrDefault(r.miner(), 0.0);
            double updated = r.verified()
                    ? reward.afterVerified(old, OmronReward.normalisedTime(r.responseSeconds(), min, max), r.proofBytes())
                    : OmronReward.afterFailed(old);
            scores.put(r.miner(), Math.max(0, updated));
        }
        if (file != null) {
            file.save(scores);
        }
    }

    /** The score of {@code miner} (0 if never scored). */
    public synchronized double score(String miner) {
        return scores.getOrDefault(miner, 0.0);
    }

    /** Every miner's score. */
    public synchronized Map<String, Double> scores() {
        return new LinkedHashMap<>(scores);
    }

    /** Scores normalised to sum 1 (all 0 when no miner has a positive score). */
    public synchronized Map<String, Double> weights() {
        double total = scores.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Double> weights = new LinkedHashMap<>();
        scores.forEach((miner, s) -> weights.put(miner, total > 0 ? s / total : 0.0));
        return weights;
    }
}
