package org.zkml4j.bridge.score;

/**
 * Omron's reward (docs/bridge.md, "Scoring"): a response time normalised over the round,
 * rt_n = clamp((rt − min)/(max − min), 0, 0.99), mapped through the shifted tangent
 * ntc(x) = (tan((x − ½)·0.9π) − tan(−0.45π)) / (tan(0.45π) − tan(−0.45π)); target =
 * maxScore·(1 − ntc(rt_n) − sizeWeight·clamp(size/sizeThreshold, 0, 1)); a verified answer moves
 * the score a tenth of the way to the target, a failed one loses 40 % of it.
 *
 * @param maxScore the best score
 * @param sizeWeight w_size: how much a proof as large as {@code sizeThreshold} costs
 * @param sizeThreshold proof size (bytes) at which the size penalty is full
 */
public record OmronReward(double maxScore, double sizeWeight, long sizeThreshold) {
    /** Rate towards the target after a verified answer. */
    public static final double RATE = 0.1;
    /** Fraction of the score lost after a failed answer. */
    public static final double DECAY = 0.4;
    /** Upper clamp of the normalised response time. */
    public static final double MAX_NORMALISED_TIME = 0.99;
    /** maxScore 1, size weight 0.05, full size penalty at 4 MiB. */
    public static final OmronReward DEFAULTS = new OmronReward(1.0, 0.05, 4L << 20);

    /** Validates ranges. */
    public OmronReward {
        if (!(maxScore > 0) || sizeWeight < 0 || sizeWeight >= 1 || sizeThreshold < 1) {
            throw new IllegalArgumentException("maxScore > 0, 0 ≤ sizeWeight < 1 and sizeThreshold ≥ 1 are required");
        }
    }

    /** clamp((rt − min)/(max − min), 0, 0.99); 0 when max = min. */
    public static double normalisedTime(double rt, double min, double max) {
        if (!(max > min)) {
            return 0;
        }
        return clamp((rt - min) / (max - min), 0, MAX_NORMALISED_TIME);
    }

    /** The shifted tangent curve: 0 at 0, 1 at 1, flat in the middle and steep at the ends. */
    public static double ntc(double x) {
        double low = Math.tan(-0.45 * Math.PI);
        double high = Math.tan(0.45 * Math.PI);
        return (Math.tan((x - 0.5) * 0.9 * Math.PI) - low) / (high - low);
    }

    /** The score a verified answer pulls towards. */
    public double target(double normalisedTime, long proofBytes) {
        double size = clamp((double) proofBytes / sizeThreshold, 0, 1);
        return maxScore * (1 - ntc(normalisedTime) - sizeWeight * size);
    }

    /** The score after a verified answer. */
    public double afterVerified(double old, double normalisedTime, long proofBytes) {
        return old + RATE * (target(normalisedTime, proofBytes) - old);
    }

    /** The score after a failed answer (invalid, late, missing or malformed). */
    public static double afterFailed(double old) {
        return old - DECAY * old;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
