package org.zkml4j.bridge.auth;

import io.grpc.BindableService;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server side of signed requests: checks every call's {@link SignedRequest} headers against the
 * raw request bytes before the service sees the message. Refusals: missing or malformed
 * signature, bad signature, stale timestamp or replayed nonce → UNAUTHENTICATED; a key the
 * {@link KeyPolicy} does not admit → PERMISSION_DENIED; over the per-key rate or the nonce window
 * full → RESOURCE_EXHAUSTED. The caller's verified key is {@link #CALLER} in the service's context.
 *
 * <pre>{@code
 * RequestAuthenticator auth = new RequestAuthenticator(KeyPolicy.allow(validators), Duration.ofSeconds(30));
 * server.addService(auth.protect(new ProverService(...)));
 * }</pre>
 */
public final class RequestAuthenticator implements ServerInterceptor {
    private static final Logger LOG = LoggerFactory.getLogger(RequestAuthenticator.class);
    /** The verified hotkey of the caller, in the service's context. */
    public static final Context.Key<String> CALLER = Context.key("zkml4j-caller");
    private static final int DEFAULT_NONCE_CAPACITY = 1 << 20;

    private final KeyPolicy keys;
    private final Duration maxSkew;
    private final ExpiringSet nonces;
    private final RateLimiter rateLimiter;
    private final Clock clock;

    /** No rate limit, a window of 2^20 nonces, the system clock. */
    public RequestAuthenticator(KeyPolicy keys, Duration maxSkew) {
        this(keys, maxSkew, new ExpiringSet(DEFAULT_NONCE_CAPACITY), null, Clock.systemUTC());
    }

    /**
     * @param keys which keys are served
     * @param maxSkew how far a request's timestamp may lie from this node's clock
     * @param nonces the replay window (entries kept until their timestamp leaves the skew window)
     * @param rateLimiter a per-key rate limit, or null for none
     * @param clock this node's clock
     */
    public RequestAuthenticator(KeyPolicy keys, Duration maxSkew, ExpiringSet nonces, RateLimiter rateLimiter,
                                Clock clock) {
        this.keys = keys;
        this.maxSkew = maxSkew;
        this.nonces = nonces;
        this.rateLimiter = rateLimiter;
        this.clock = clock;
    }

    /** {@code service} with every method behind this authenticator (it sees the raw request bytes). */
    public ServerServiceDefinition protect(BindableService service) {
        return ServerInterceptors.intercept(
                ServerInterceptors.useMarshalledMessages(service.bindService(), RawBytes.MARSHALLER), this);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        SignedRequest signed;
        try {
            signed = SignedRequest.fromMetadata(headers);
        } catch (IllegalArgumentException e) {
            return refuse(call, Status.UNAUTHENTICATED.withDescription(e.getMessage()));
        }
        if (!keys.admits(signed.hotkey())) {
            return refuse(call, Status.PERMISSION_DENIED.withDescription(
                    "hotkey " + signed.hotkey().substring(0, 16) + "… is not admitted by this node"));
        }
        long now = clock.millis();
        if (stale(signed, now)) {
            return refuse(call, Status.UNAUTHENTICATED.withDescription("stale timestamp: " + signed.timestampMillis()
                    + " is more than " + maxSkew.toMillis() + " ms from this node's clock " + now));
        }
        Context context = Context.current().withValue(CALLER, signed.hotkey());
        ServerCall.Listener<Q> delegate = Contexts.interceptCall(context, call, headers, next);
        return new VerifyingListener<>(delegate, call, signed);
    }

    private boolean stale(SignedRequest signed, long nowMillis) {
        return Math.abs(nowMillis - signed.timestampMillis()) > maxSkew.toMillis();
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
        logRefusal(call, status);
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() {};
    }

    private static void logRefusal(ServerCall<?, ?> call, Status status) {
        LOG.info("refused {} from {}: {} {}", call.getMethodDescriptor().getFullMethodName(),
                call.getAttributes().get(io.grpc.Grpc.TRANSPORT_ATTR_REMOTE_ADDR), status.getCode(),
                status.getDescription());
    }

    /** Status to refuse {@code body} with, or null when it is authentic, fresh and within the rate. */
    private Status check(SignedRequest signed, String method, byte[] body) {
        byte[] message = SignedRequest.message(signed.nonce(), signed.hotkey(), body, signed.timestampMillis(), method);
        if (!keys.verifies(signed.hotkey(), message, signed.signature())) {
            return Status.UNAUTHENTICATED.withDescription("signature does not verify for this hotkey, body and method");
        }
        long now = clock.millis();
        if (stale(signed, now)) { // checked again: the message may arrive long after the headers
            return Status.UNAUTHENTICATED.withDescription("stale timestamp: the request body arrived more than "
                    + maxSkew.toMillis() + " ms after the signature's time");
        }
        long expiry = signed.timestampMillis() + maxSkew.toMillis() + 1;
        switch (nonces.add(signed.hotkey() + ":" + signed.nonce(), expiry, now)) {
            case ALREADY_PRESENT:
                return Status.UNAUTHENTICATED.withDescription("replayed nonce " + signed.nonce());
            case FULL:
                return Status.RESOURCE_EXHAUSTED.withDescription("nonce window full: too many requests, retry later");
            default:
                break;
        }
        if (rateLimiter != null && !rateLimiter.tryAcquire(signed.hotkey(), System.nanoTime())) {
            return Status.RESOURCE_EXHAUSTED.withDescription("rate limit exceeded for hotkey "
                    + signed.hotkey().substring(0, 16) + "…");
        }
        return null;
    }

    /** Holds the message back until its signature, nonce and rate are checked. */
    private final class VerifyingListener<Q, R> extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {
        private final ServerCall<Q, R> call;
        private final SignedRequest signed;
        private boolean refused;

        VerifyingListener(ServerCall.Listener<Q> delegate, ServerCall<Q, R> call, SignedRequest signed) {
            super(delegate);
            this.call = call;
            this.signed = signed;
        }

        @Override
        public void onMessage(Q message) {
            if (refused) {
                return;
            }
            if (!(message instanceof byte[] body)) {
                refused = true;
                LOG.error("{} is not wrapped for signature checks (RequestAuthenticator.protect); answered INTERNAL",
                        call.getMethodDescriptor().getServiceName());
                call.close(Status.INTERNAL.withDescription("service is not wrapped for signature checks"),
                        new Metadata());
                return;
            }
            Status refusal = check(signed, call.getMethodDescriptor().getFullMethodName(), body);
            if (refusal != null) {
                refused = true;
                logRefusal(call, refusal);
                call.close(refusal, new Metadata());
                return;
            }
            try {
                super.onMessage(message); // parses the bytes into the service's request type
            } catch (StatusRuntimeException e) {
                refused = true;
                call.close(Status.INVALID_ARGUMENT.withDescription("malformed request message: "
                        + e.getStatus().getDescription()), new Metadata());
            }
        }

        @Override
        public void onHalfClose() {
            if (!refused) {
                super.onHalfClose();
            }
        }

        @Override
        public void onReady() {
            if (!refused) {
                super.onReady();
            }
        }
    }

    /** Passes request bytes through unparsed, so signatures cover exactly what was sent. */
    static final class RawBytes implements MethodDescriptor.Marshaller<byte[]> {
        static final RawBytes MARSHALLER = new RawBytes();

        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
