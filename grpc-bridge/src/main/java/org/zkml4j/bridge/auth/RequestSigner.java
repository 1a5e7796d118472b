package org.zkml4j.bridge.auth;

import com.google.protobuf.MessageLite;
import io.grpc.MethodDescriptor;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;

/**
 * Signs outgoing requests with a {@link Hotkey}: a fresh random nonce and the current time per
 * request, attached to the stub as {@link SignedRequest} headers.
 *
 * <pre>{@code
 * RequestSigner signer = new RequestSigner(hotkey);
 * ProveResponse r = signer.sign(stub, ProverGrpc.getProveMethod(), request).prove(request);
 * }</pre>
 */
public final class RequestSigner {
    private final Hotkey hotkey;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public RequestSigner(Hotkey hotkey) {
        this(hotkey, Clock.systemUTC());
    }

    /** A signer whose timestamps come from {@code clock} (tests use a skewed clock). */
    public RequestSigner(Hotkey hotkey, Clock clock) {
        this.hotkey = hotkey;
        this.clock = clock;
    }

    /** The signer's key. */
    public Hotkey hotkey() {
        return hotkey;
    }

    /** A fresh request nonce: 128 random bits in hex. */
    private String freshNonce() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The signature of {@code request} for {@code method} under a fresh nonce. */
    public SignedRequest signature(MethodDescriptor<?, ?> method, MessageLite request) {
        return signature(method, request, freshNonce());
    }

    /** The signature of {@code request} under the given nonce (replay tests reuse one). */
    public SignedRequest signature(MethodDescriptor<?, ?> method, MessageLite request, String nonce) {
        long now = clock.millis();
        byte[] message = SignedRequest.message(nonce, hotkey.publicKeyHex(), request.toByteArray(), now,
                method.getFullMethodName());
        return new SignedRequest(hotkey.publicKeyHex(), nonce, now, hotkey.sign(message));
    }

    /** {@code stub} with the signature of {@code request} attached; use it for this one call. */
    public <S extends AbstractStub<S>> S sign(S stub, MethodDescriptor<?, ?> method, MessageLite request) {
        return attach(stub, signature(method, request));
    }

    /** {@code stub} carrying the given signature headers. */
    public static <S extends AbstractStub<S>> S attach(S stub, SignedRequest signature) {
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(signature.toMetadata()));
    }
}
