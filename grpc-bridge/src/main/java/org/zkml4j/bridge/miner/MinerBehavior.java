package org.zkml4j.bridge.miner;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.zkml4j.sdk.Statement;
import org.zkml4j.sdk.VerifiableModel;
import org.zkml4j.sdk.VerifiedPrediction;

/**
 * How a miner answers a proving request. {@link #honest()} is the only behaviour for real nodes;
 * the others exist to exercise validators (tests and the local subnet demo) and say in their
 * names what they do wrong.
 */
public abstract class MinerBehavior {
    private final String name;

    private MinerBehavior(String name) {
        this.name = name;
    }

    /** Proves {@code rows} under {@code nonce} (or pretends to). */
    public abstract MinerAnswer answer(VerifiableModel model, float[][] rows, long nonce);

    /** A short name: honest, cheating, slow:MS, replaying or garbage. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Proves exactly what was asked. */
    public static MinerBehavior honest() {
        return new MinerBehavior("honest") {
            @Override
            public MinerAnswer answer(VerifiableModel model, float[][] rows, long nonce) {
                return prove(model, rows, nonce);
            }
        };
    }

    /** Proves honestly, then claims a different first logit (the proof no longer matches). */
    public static MinerBehavior cheating() {
        return new MinerBehavior("cheating") {
            @Override
            public MinerAnswer answer(VerifiableModel model, float[][] rows, long nonce) {
                VerifiedPrediction p = model.predictBatch(rows, nonce);
                int[][] outputs = p.statement().outputs();
                outputs[0][0] += 1;
                Statement lie = p.statement().withOutputs(outputs);
                return new MinerAnswer(lie.toBytes(), p.proof());
            }
        };
    }

    /** Proves honestly after waiting {@code delay}. */
    public static MinerBehavior slow(Duration delay) {
        return new MinerBehavior("slow:" + delay.toMillis()) {
            @Override
            public MinerAnswer answer(VerifiableModel model, float[][] rows, long nonce) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return prove(model, rows, nonce);
            }
        };
    }

    /** Proves its first request honestly and answers every later one with that same old proof. */
    public static MinerBehavior replaying() {
        AtomicReference<MinerAnswer> first = new AtomicReference<>();
        return new MinerBehavior("replaying") {
            @Override
            public MinerAnswer answer(VerifiableModel model, float[][] rows, long nonce) {
                MinerAnswer old = first.get();
                if (old != null) {
                    return old;
                }
                MinerAnswer fresh = prove(model, rows, nonce);
                first.compareAndSet(null, fresh);
                return fresh;
            }
        };
    }

    /** Answers random bytes. */
    public static MinerBehavior garbage() {
        SecureRandom random = new SecureRandom();
        return new MinerBehavior("garbage") {
            @Override
            public MinerAnswer answer(VerifiableModel model, float[][] rows, long nonce) {
                byte[] statement = new byte[64];
                byte[] proof = new byte[256];
                random.nextBytes(statement);
                random.nextBytes(proof);
                return new MinerAnswer(statement, proof);
            }
        };
    }

    /**
     * Parses honest, cheating, slow:MILLIS, replaying or garbage.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static MinerBehavior parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("slow:")) {
            try {
                long millis = Long.parseLong(s.substring(5));
                if (millis >= 0) {
                    return slow(Duration.ofMillis(millis));
                }
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        return switch (s) {
            case "honest" -> honest();
            case "cheating" -> cheating();
            case "replaying" -> replaying();
            case "garbage" -> garbage();
            default -> throw new IllegalArgumentException("miner behaviour must be honest, cheating, slow:MILLIS,"
                    + " replaying or garbage, got '" + text + "'");
        };
    }

    private static MinerAnswer prove(VerifiableModel model, float[][] rows, long nonce) {
        VerifiedPrediction p = model.predictBatch(rows, nonce);
        return new MinerAnswer(p.statement().toBytes(), p.proof());
    }
}
