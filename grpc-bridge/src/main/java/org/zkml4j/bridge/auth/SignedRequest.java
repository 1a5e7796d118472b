package org.zkml4j.bridge.auth;

import io.grpc.Metadata;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The signature metadata of one request and the exact bytes it signs (docs/bridge.md, "Signed
 * requests"): the UTF-8 string {@code nonce:hotkey:sha256hex(body):timestamp:method}, where
 * {@code body} is the serialized request message as sent, {@code timestamp} the sender's clock in
 * Unix milliseconds and {@code method} the full gRPC method name.
 *
 * @param hotkey the signer's public key, 64 hex digits
 * @param nonce a request nonce, 16 to 64 characters of {@code [0-9A-Za-z_-]}, never reused
 * @param timestampMillis the sender's clock when signing
 * @param signature the Ed25519 signature, 64 bytes
 */
public record SignedRequest(String hotkey, String nonce, long timestampMillis, byte[] signature) {
    public static final Metadata.Key<String> HOTKEY = key("zkml4j-hotkey");
    public static final Metadata.Key<String> NONCE = key("zkml4j-nonce");
    public static final Metadata.Key<String> TIMESTAMP = key("zkml4j-timestamp");
    public static final Metadata.Key<String> SIGNATURE = key("zkml4j-signature");
    private static final HexFormat HEX = HexFormat.of();

    private static Metadata.Key<String> key(String name) {
        return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
    }

    /** The bytes the signature covers. */
    public static byte[] message(String nonce, String hotkey, byte[] body, long timestampMillis, String method) {
        return (nonce + ":" + hotkey + ":" + HEX.formatHex(sha256(body)) + ":" + timestampMillis + ":" + method)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Writes this signature into request headers. */
    public Metadata toMetadata() {
        Metadata headers = new Metadata();
        headers.put(HOTKEY, hotkey);
        headers.put(NONCE, nonce);
        headers.put(TIMESTAMP, Long.toString(timestampMillis));
        headers.put(SIGNATURE, HEX.formatHex(signature));
        return headers;
    }

    /**
     * Reads the signature headers.
     *
     * @throws IllegalArgumentException naming the missing or malformed header
     */
    public static SignedRequest fromMetadata(Metadata headers) {
        String hotkey = required(headers, HOTKEY);
        if (hotkey.length() != 64 || !isHex(hotkey)) {
            throw new IllegalArgumentException(HOTKEY.name() + " must be 64 lowercase hex digits");
        }
        String nonce = required(headers, NONCE);
        if (nonce.length() < 16 || nonce.length() > 64 || !nonce.matches("[0-9A-Za-z_-]+")) {
            throw new IllegalArgumentException(NONCE.name() + " must be 16 to 64 characters of [0-9A-Za-z_-]");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(required(headers, TIMESTAMP));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(TIMESTAMP.name() + " must be Unix milliseconds");
        }
        String signature = required(headers, SIGNATURE);
        if (signature.length() != 128 || !isHex(signature)) {
            throw new IllegalArgumentException(SIGNATURE.name() + " must be 128 lowercase hex digits");
        }
        return new SignedRequest(hotkey, nonce, timestamp, HEX.parseHex(signature));
    }

    private static String required(Metadata headers, Metadata.Key<String> key) {
        String value = headers.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing " + key.name() + " header (requests must be signed)");
        }
        return value;
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK must provide SHA-256", e);
        }
    }
}
