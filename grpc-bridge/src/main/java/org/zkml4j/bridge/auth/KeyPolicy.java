package org.zkml4j.bridge.auth;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which hotkeys a node serves, and signature checks against them. A miner admits only the
 * validators it knows ({@link #allow}); a public verification node admits any key
 * ({@link #anyKey}) and rate-limits per key.
 */
public final class KeyPolicy {
    private static final int MAX_CACHED_KEYS = 10_000;
    private final Set<String> allowed;
    private final ConcurrentHashMap<String, PublicKey> decoded = new ConcurrentHashMap<>();

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
        try {
            PublicKey key = decoded.get(hotkey);
            if (key == null) {
                key = publicKey(hotkey);
                if (decoded.size() < MAX_CACHED_KEYS) {
                    decoded.put(hotkey, key);
                }
            }
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // not hex, not 32 bytes, not a point on the curve, or a malformed signature
        }
    }

    /** The Ed25519 public key whose 32 bytes are {@code hex}. */
    static PublicKey publicKey(String hex) throws GeneralSecurityException {
        byte[] raw = HexFormat.of().parseHex(hex);
        if (raw.length != 32) {
            throw new GeneralSecurityException("an Ed25519 public key has 32 bytes, got " + raw.length);
        }
        byte[] x509 = Arrays.copyOf(Hotkey.X509_PREFIX, Hotkey.X509_PREFIX.length + 32);
        System.arraycopy(raw, 0, x509, Hotkey.X509_PREFIX.length, 32);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
    }
}
