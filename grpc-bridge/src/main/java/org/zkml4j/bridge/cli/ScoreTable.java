package org.zkml4j.bridge.cli;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.zkml4j.bridge.score.ScoreBoard;
import org.zkml4j.bridge.validator.MinerOutcome;
import org.zkml4j.bridge.validator.RoundReport;

/** Renders a validator round and the current scores as a fixed-width text table. */
final class ScoreTable {
    private ScoreTable() {}

    /**
     * @param label a per-miner label (e.g. its behaviour in the local subnet), by hotkey
     */
    static String render(RoundReport report, ScoreBoard board, Function<String, String> label) {
        Map<String, Double> weights = board.weights();
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "round %d  circuit %s (%s…)  nonce %016x%n", report.round(),
                report.circuit().name(), report.circuit().idHex().substring(0, 12), report.nonce()));
        text.append(String.format(Locale.ROOT, "  %-9s %-11s %-13s %9s %9s %9s %8s %7s  %s%n", "miner", "role",
                "verdict", "time ms", "prove ms", "proof B", "score", "weight", "reason"));
        for (MinerOutcome o : report.outcomes()) {
            String hotkey = o.miner().hotkey();
            text.append(String.format(Locale.ROOT, "  %-9s %-11s %-13s %9.1f %9s %9d %8.4f %7.3f  %s%n",
                    o.miner().shortName(), label.apply(hotkey), o.verdict(), o.responseSeconds() * 1000,
                    o.reportedProveMicros() > 0 ? String.format(Locale.ROOT, "%.1f", o.reportedProveMicros() / 1000.0)
                            : "-",
                    o.proofBytes(), board.score(hotkey), weights.getOrDefault(hotkey, 0.0), shorten(o.reason())));
        }
        return text.toString();
    }

    private static String shorten(String reason) {
        return reason.length() <= 60 ? reason : reason.substring(0, 59) + "…";
    }
}
