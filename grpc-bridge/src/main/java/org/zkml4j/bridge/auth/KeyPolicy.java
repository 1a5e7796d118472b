package org.zkml4j.bridge.auth;

import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Which hotkeys a node serves, and signature checks against them. A miner admits only the
 * validators it knows ({@link #allow}); a public verification node admits any key
 * ({@link #anyKey}) and rate-limits per key.
 */
public final class KeyPolicy {
    private static final int MAX_CACHED_KEYS = 10_000;
    private final Set<String> allowed;
    private final ConcurrentHashMap<String, Ed25519PublicKeyParameters> decoded = new ConcurrentHashMap<>();

    private KeyPolicy(Set<String> allowed) {
        this.allowed = allowed;
    }

    /** Admits exactly these public keys (hex). */
    public static KeyPolicy allow(Set<String> publicKeysHex) {
        return new KeyPolicy(Set.copyOf(publicKeysHex));
    }

    /** Admits any well-formed key whose signature verifies. */
    public static KeyPolicy anyKey() {
        return new KeyPolicy(null);
    }

    /** Whether requests signed by {@code hotkey} are served at all. */
    public boolean admits(String hotkey) {
        return allowed == null || allowed.contains(hotkey);
    }

    /** Whether {@code signature} is {@code hotkey}'s Ed25519 signature of {@code message}. */
    public boolean verifies(String hotkey, byte[] message, byte[] signature) {
        Ed25519PublicKeyParameters key = decoded.get(hotkey);
        if (key == null) {
            try {
                key = new Ed25519PublicKeyParameters(HexFormat.of().parseHex(hotkey), 0);
            } catch (IllegalArgumentException e) {
                return false; // not a point on the curve
            }
            if (decoded.size() < MAX_CACHED_KEYS) {
                decoded.put(hotkey, key);
            }
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, key);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }
}
