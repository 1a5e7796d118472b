package org.zkml4j.bridge.net;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A refusal with its gRPC status code, and the one place that maps any failure to a {@link Status}
 * (bad input → INVALID_ARGUMENT, unknown circuit → NOT_FOUND, too large or too busy →
 * RESOURCE_EXHAUSTED). Unexpected exceptions become INTERNAL without their message.
 */
public final class BridgeException extends RuntimeException {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeException.class);
    private static final long serialVersionUID = 1L;
    private final Status.Code code;

    private BridgeException(Status.Code code, String message) {
        super(message);
        this.code = code;
    }

    public static BridgeException invalidArgument(String message) {
        return new BridgeException(Status.Code.INVALID_ARGUMENT, message);
    }

    public static BridgeException notFound(String message) {
        return new BridgeException(Status.Code.NOT_FOUND, message);
    }

    public static BridgeException alreadyExists(String message) {
        return new BridgeException(Status.Code.ALREADY_EXISTS, message);
    }

    public static BridgeException resourceExhausted(String message) {
        return new BridgeException(Status.Code.RESOURCE_EXHAUSTED, message);
    }

    public static BridgeException deadlineExceeded(String message) {
        return new BridgeException(Status.Code.DEADLINE_EXCEEDED, message);
    }

    /** The status code this refusal maps to. */
    public Status.Code code() {
        return code;
    }

    /** The gRPC status for any failure inside a service; an INTERNAL one is logged with its cause. */
    public static StatusRuntimeException toStatus(Throwable failure) {
        if (failure instanceof BridgeException b) {
            return Status.fromCode(b.code).withDescription(b.getMessage()).asRuntimeException();
        }
        if (failure instanceof StatusRuntimeException s) {
            return s;
        }
        if (failure instanceof IllegalArgumentException) {
            return Status.INVALID_ARGUMENT.withDescription(failure.getMessage()).asRuntimeException();
        }
        if (failure instanceof RejectedExecutionException) {
            return Status.RESOURCE_EXHAUSTED.withDescription("node busy: work queue full, retry later")
                    .asRuntimeException();
        }
        LOG.error("internal error answering a call (the caller sees only INTERNAL)", failure);
        return Status.INTERNAL.withDescription("internal error (" + failure.getClass().getSimpleName() + ")")
                .asRuntimeException();
    }
}
