package org.zkml4j.bridge.miner;

import com.google.protobuf.ByteString;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.zkml4j.bridge.auth.ExpiringSet;
import org.zkml4j.bridge.auth.AnswerSignature;
import org.zkml4j.bridge.auth.Hotkey;
import org.zkml4j.bridge.circuit.Circuit;
import org.zkml4j.bridge.circuit.CircuitCatalog;
import org.zkml4j.bridge.net.BridgeException;
import org.zkml4j.bridge.v1.InputRow;
import org.zkml4j.bridge.v1.ProveRequest;
import org.zkml4j.bridge.v1.ProveResponse;
import org.zkml4j.bridge.v1.ProverGrpc;

/**
 * The miner's prover service: proves requests for the circuits it has compiled, on a bounded pool
 * of proving threads, and reports its prove time. Refuses unknown circuits (NOT_FOUND), malformed
 * or oversized inputs (INVALID_ARGUMENT), inputs already proven within the duplicate window
 * (ALREADY_EXISTS), a full queue (RESOURCE_EXHAUSTED) and requests whose deadline has passed
 * (DEADLINE_EXCEEDED); a call cancelled while proving gets no answer. Every answer is signed by
 * the miner's hotkey ({@link AnswerSignature}).
 */
public final class ProverService extends ProverGrpc.ProverImplBase {
    private final CircuitCatalog catalog;
    private final MinerBehavior behavior;
    private final MinerLimits limits;
    private final ExecutorService provers;
    private final ExpiringSet seenInputs;
    private final Hotkey signer;

    /**
     * @param signer the miner's hotkey, which signs every answer ({@link AnswerSignature})
     * @param catalog the circuits this miner proves (each must carry its model)
     * @param behavior how to answer (honest on real nodes)
     * @param limits bounds on work
     * @param provers the proving threads, with a bounded queue that rejects when full
     */
    public ProverService(Hotkey signer, CircuitCatalog catalog, MinerBehavior behavior, MinerLimits limits,
            ExecutorService provers) {
        this.signer = signer;
        this.catalog = catalog;
        this.behavior = behavior;
        this.limits = limits;
        this.provers = provers;
        this.seenInputs = new ExpiringSet(limits.duplicateCapacity());
    }

    @Override
    public void prove(ProveRequest request, StreamObserver<ProveResponse> response) {
        submit(request, response, false);
    }

    @Override
    public void proveBatch(ProveRequest request, StreamObserver<ProveResponse> response) {
        submit(request, response, true);
    }

    private void submit(ProveRequest request, StreamObserver<ProveResponse> response, boolean chunked) {
        ServerCallStreamObserver<ProveResponse> call = (ServerCallStreamObserver<ProveResponse>) response;
        call.setOnCancelHandler(() -> {});
        try {
            Circuit circuit = catalog.require(request.getCircuitId());
            if (circuit.model() == null) {
                throw BridgeException.notFound("this node verifies circuit " + circuit.idHex() + " but does not prove it");
            }
            float[][] rows = rows(request, circuit.encoding().inputSize());
            checkDeadline();
            refuseDuplicates(request.getCircuitId(), rows);
            int chunk = chunked && request.getChunkRows() > 0 ? request.getChunkRows() : rows.length;
            provers.execute(Context.current().wrap(() -> proveChunks(circuit, rows, request.getNonce(), chunk, call)));
        } catch (RuntimeException e) {
            call.onError(BridgeException.toStatus(e));
        }
    }

    private void proveChunks(Circuit circuit, float[][] rows, long nonce, int chunk,
                             ServerCallStreamObserver<ProveResponse> call) {
        try {
            for (int first = 0; first < rows.length; first += chunk) {
                if (call.isCancelled()) {
                    return;
                }
                checkDeadline();
                float[][] part = Arrays.copyOfRange(rows, first, Math.min(rows.length, first + chunk));
                long start = System.nanoTime();
                MinerAnswer answer = behavior.answer(circuit.model(), part, nonce);
                long micros = (System.nanoTime() - start) / 1000;
                if (call.isCancelled()) {
                    return;
                }
                call.onNext(AnswerSignature.sign(signer, nonce, circuit.key().circuitId(), ProveResponse.newBuilder()
                        .setStatement(ByteString.copyFrom(answer.statement()))
                        .setProof(ByteString.copyFrom(answer.proof()))
                        .setFirstRow(first)
                        .setProveTimeMicros(micros)));
            }
            call.onCompleted();
        } catch (RuntimeException e) {
            if (!call.isCancelled()) {
                call.onError(BridgeException.toStatus(e));
            }
        }
    }

    private static void checkDeadline() {
        Deadline deadline = Context.current().getDeadline();
        if (deadline != null && deadline.isExpired()) {
            throw BridgeException.deadlineExceeded("the request's deadline passed before proving finished");
        }
    }

    private float[][] rows(ProveRequest request, int width) {
        List<InputRow> inputs = request.getInputsList();
        if (inputs.isEmpty()) {
            throw BridgeException.invalidArgument("no input rows");
        }
        if (inputs.size() > limits.maxRows()) {
            throw BridgeException.invalidArgument(inputs.size() + " rows exceed this miner's limit of "
                    + limits.maxRows());
        }
        float[][] rows = new float[inputs.size()][];
        for (int i = 0; i < rows.length; i++) {
            InputRow row = inputs.get(i);
            if (row.getValuesCount() != width) {
                throw BridgeException.invalidArgument("row " + i + " has " + row.getValuesCount()
                        + " values, the circuit takes " + width);
            }
            rows[i] = new float[width];
            for (int j = 0; j < width; j++) {
                float v = row.getValues(j);
                if (!Float.isFinite(v)) {
                    throw BridgeException.invalidArgument("row " + i + " value " + j + " is not finite");
                }
                rows[i][j] = v;
            }
        }
        return rows;
    }

    /** Refuses a request repeating a row, or repeating an input set proven within the window. */
    private void refuseDuplicates(ByteString circuitId, float[][] rows) {
        Set<String> distinct = new HashSet<>();
        MessageDigest all = sha256();
        all.update(circuitId.toByteArray());
        for (int i = 0; i < rows.length; i++) {
            ByteBuffer bytes = ByteBuffer.allocate(rows[i].length * 4);
            for (float v : rows[i]) {
                bytes.putInt(Float.floatToIntBits(v));
            }
            if (!distinct.add(HexFormat.of().formatHex(bytes.array()))) {
                throw BridgeException.alreadyExists("duplicate input: row " + i + " repeats an earlier row");
            }
            all.update(bytes.array());
        }
        long now = System.currentTimeMillis();
        ExpiringSet.Outcome outcome = seenInputs.add(HexFormat.of().formatHex(all.digest()),
                now + limits.duplicateWindow().toMillis(), now);
        if (outcome == ExpiringSet.Outcome.ALREADY_PRESENT) {
            throw BridgeException.alreadyExists("duplicate input: these inputs were already requested within the last "
                    + limits.duplicateWindow().toSeconds() + " s");
        }
        if (outcome == ExpiringSet.Outcome.FULL) {
            throw BridgeException.resourceExhausted("duplicate-input window full, retry later");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK must provide SHA-256", e);
        }
    }
}
