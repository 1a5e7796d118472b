package org.zkml4j.bridge.validator;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zkml4j.bridge.auth.ExpiringSet;
import org.zkml4j.bridge.auth.RequestSigner;
import org.zkml4j.bridge.circuit.Circuit;
import org.zkml4j.bridge.score.ScoreBoard;
import org.zkml4j.bridge.v1.InputRow;
import org.zkml4j.bridge.v1.ProveRequest;
import org.zkml4j.bridge.v1.ProveResponse;
import org.zkml4j.bridge.v1.ProverGrpc;

/**
 * A validator: each round picks a circuit (weighted), draws fresh inputs and a nonce, asks every
 * miner concurrently under a deadline, checks each answer against its own inputs and nonce
 * ({@link AnswerVerifier}) and updates the {@link ScoreBoard}. A miner that lies, replays, times
 * out, errs or answers garbage gets a failed verdict; nothing a miner sends ends the round early.
 *
 * <pre>{@code
 * Validator v = Validator.builder(signer, miners, circuits, board).deadline(Duration.ofSeconds(5)).build();
 * RoundReport r = v.runRound();
 * }</pre>
 */
public final class Validator {
    private static final Logger LOG = LoggerFactory.getLogger(Validator.class);
    private static final Duration SENT_INPUT_MEMORY = Duration.ofMinutes(15);
    private final RequestSigner signer;
    private final List<MinerEndpoint> miners;
    private final List<WeightedCircuit> circuits;
    private final ScoreBoard board;
    private final Duration deadline;
    private final int rowsPerRequest;
    private final SecureRandom random = new SecureRandom();
    private final ExpiringSet sentInputs = new ExpiringSet(1 << 20);
    private int rounds;

    private Validator(Builder b) {
        this.signer = b.signer;
        this.miners = b.miners;
        this.circuits = b.circuits;
        this.board = b.board;
        this.deadline = b.deadline;
        this.rowsPerRequest = b.rowsPerRequest;
    }

    /** A builder; miners, circuits (at least one) and the board are required. */
    public static Builder builder(RequestSigner signer, List<MinerEndpoint> miners, List<WeightedCircuit> circuits,
                                  ScoreBoard board) {
        return new Builder(signer, miners, circuits, board);
    }

    /** The score board this validator updates. */
    public ScoreBoard board() {
        return board;
    }

    /**
     * Runs one round and saves the scores.
     *
     * @throws IOException if the scores cannot be saved
     * @throws InterruptedException if interrupted while waiting for miners
     */
    public RoundReport runRound() throws IOException, InterruptedException {
        int round = ++rounds;
        Circuit circuit = pickCircuit();
        float[][] inputs = freshInputs(circuit);
        int[][] quantized = circuit.encoding().quantize(inputs);
        long nonce = random.nextLong();
        ProveRequest.Builder request = ProveRequest.newBuilder()
                .setCircuitId(ByteString.copyFrom(circuit.key().circuitId())).setNonce(nonce);
        for (float[] row : inputs) {
            InputRow.Builder r = InputRow.newBuilder();
            for (float v : row) {
                r.addValues(v);
            }
            request.addInputs(r);
        }
        ProveRequest built = request.build();
        List<Pending> pending = new ArrayList<>();
        for (MinerEndpoint miner : miners) {
            pending.add(send(miner, built));
        }
        List<MinerOutcome> outcomes = new ArrayList<>();
        List<ScoreBoard.Result> results = new ArrayList<>();
        for (Pending p : pending) {
            MinerOutcome outcome = collect(p, circuit, quantized, nonce);
            if (outcome.verdict() != Verdict.VERIFIED) {
                LOG.info("round {}: miner {} at {} scored {}: {}", round, p.miner.hotkey(), p.miner.address(),
                        outcome.verdict(), outcome.reason());
            }
            outcomes.add(outcome);
            results.add(new ScoreBoard.Result(p.miner.hotkey(), outcome.verdict() == Verdict.VERIFIED,
                    outcome.responseSeconds(), outcome.proofBytes()));
        }
        board.update(results);
        return new RoundReport(round, circuit, nonce, outcomes);
    }

    /** A request in flight to one miner; the answer carries the time it arrived. */
    private record Pending(MinerEndpoint miner, CompletableFuture<Timed> answer, long startNanos) {}

    private record Timed(ProveResponse response, long endNanos) {}

    private Pending send(MinerEndpoint miner, ProveRequest request) {
        CompletableFuture<Timed> answer = new CompletableFuture<>();
        long start = System.nanoTime();
        try {
            signer.sign(ProverGrpc.newStub(miner.channel()), ProverGrpc.getProveMethod(), request)
                    .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                    .prove(request, new StreamObserver<>() {
                        private Timed first;

                        @Override
                        public void onNext(ProveResponse response) {
                            first = new Timed(response, System.nanoTime());
                        }

                        @Override
                        public void onError(Throwable t) {
                            answer.completeExceptionally(t);
                        }

                        @Override
                        public void onCompleted() {
                            answer.complete(first);
                        }
                    });
        } catch (RuntimeException e) {
            answer.completeExceptionally(e);
        }
        return new Pending(miner, answer, start);
    }

    private MinerOutcome collect(Pending p, Circuit circuit, int[][] quantized, long nonce)
            throws InterruptedException {
        Timed timed;
        try {
            timed = p.answer.get(deadline.toMillis() + 2000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            p.answer.cancel(true);
            return failed(p, Verdict.TIMEOUT, "no answer within the deadline");
        } catch (ExecutionException e) {
            Status status = e.getCause() instanceof StatusRuntimeException s ? s.getStatus() : Status.fromThrowable(e);
            if (status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
                return failed(p, Verdict.TIMEOUT, "no answer within " + deadline.toMillis() + " ms");
            }
            return failed(p, Verdict.ERROR, status.getCode() + ": " + status.getDescription());
        }
        if (timed == null) {
            return failed(p, Verdict.MALFORMED, "the miner completed the call without an answer");
        }
        ProveResponse answer = timed.response();
        double seconds = (timed.endNanos() - p.startNanos) / 1e9;
        AnswerVerifier.Check check;
        try {
            check = AnswerVerifier.check(circuit, p.miner.hotkey(), quantized, nonce, answer);
        } catch (RuntimeException e) {
            check = AnswerVerifier.Check.malformed("unreadable answer (" + e.getClass().getSimpleName() + ")");
        }
        return new MinerOutcome(p.miner, check.verdict(), check.reason(), seconds, answer.getProof().size(),
                answer.getProveTimeMicros());
    }

    private static MinerOutcome failed(Pending p, Verdict verdict, String reason) {
        return new MinerOutcome(p.miner, verdict, reason, (System.nanoTime() - p.startNanos) / 1e9, 0, 0);
    }

    private Circuit pickCircuit() {
        double total = circuits.stream().mapToDouble(WeightedCircuit::weight).sum();
        double x = random.nextDouble() * total;
        for (WeightedCircuit c : circuits) {
            x -= c.weight();
            if (x < 0) {
                return c.circuit();
            }
        }
        return circuits.get(circuits.size() - 1).circuit();
    }

    /** Inputs never sent before within the miners' duplicate window (redrawn on the rare collision). */
    private float[][] freshInputs(Circuit circuit) {
        for (int attempt = 0; ; attempt++) {
            float[][] rows = circuit.randomInputs(rowsPerRequest, random);
            long now = System.currentTimeMillis();
            if (sentInputs.add(digest(circuit, rows), now + SENT_INPUT_MEMORY.toMillis(), now)
                    == ExpiringSet.Outcome.ADDED && distinct(rows)) {
                return rows;
            }
            if (attempt > 1000) {
                throw new IllegalStateException("circuit " + circuit.name() + " has too few distinct inputs to test");
            }
        }
    }

    private static boolean distinct(float[][] rows) {
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < i; j++) {
                if (Arrays.equals(rows[i], rows[j])) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String digest(Circuit circuit, float[][] rows) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(circuit.key().circuitId());
            for (float[] row : rows) {
                ByteBuffer bytes = ByteBuffer.allocate(row.length * 4);
                for (float v : row) {
                    bytes.putFloat(v);
                }
                sha.update(bytes.array());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK must provide SHA-256", e);
        }
    }

    /** Builds a {@link Validator}. */
    public static final class Builder {
        private final RequestSigner signer;
        private final List<MinerEndpoint> miners;
        private final List<WeightedCircuit> circuits;
        private final ScoreBoard board;
        private Duration deadline = Duration.ofSeconds(5);
        private int rowsPerRequest = 1;

        private Builder(RequestSigner signer, List<MinerEndpoint> miners, List<WeightedCircuit> circuits,
                        ScoreBoard board) {
            this.signer = signer;
            this.miners = List.copyOf(miners);
            this.circuits = List.copyOf(circuits);
            this.board = board;
        }

        /** How long each miner has to answer (default 5 s). */
        public Builder deadline(Duration deadline) {
            this.deadline = deadline;
            return this;
        }

        /** Input rows per request, proven as one proof (default 1). */
        public Builder rowsPerRequest(int rows) {
            this.rowsPerRequest = rows;
            return this;
        }

        /** @throws IllegalArgumentException for no miners, no circuits or a non-positive setting */
        public Validator build() {
            if (miners.isEmpty() || circuits.isEmpty()) {
                throw new IllegalArgumentException("a validator needs at least one miner and one circuit");
            }
            if (deadline.isNegative() || deadline.isZero() || rowsPerRequest < 1) {
                throw new IllegalArgumentException("deadline and rows per request must be positive");
            }
            return new Validator(this);
        }
    }
}
