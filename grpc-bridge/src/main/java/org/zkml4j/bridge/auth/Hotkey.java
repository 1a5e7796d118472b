package org.zkml4j.bridge.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An Ed25519 signing key: a node's identity on the subnet, named by its public key in hex. Files
 * hold the 32-byte seed in hex, readable by the owner only.
 *
 * <pre>{@code
 * Hotkey key = Hotkey.loadOrCreate(Path.of("validator.key"));
 * byte[] signature = key.sign(message);
 * }</pre>
 */
public final class Hotkey {
    private static final HexFormat HEX = HexFormat.of();
    private final Ed25519PrivateKeyParameters privateKey;
    private final String publicKeyHex;

    private Hotkey(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKeyHex = HEX.formatHex(privateKey.generatePublicKey().getEncoded());
    }

    /** A fresh key from {@code random}. */
    public static Hotkey generate(SecureRandom random) {
        return new Hotkey(new Ed25519PrivateKeyParameters(random));
    }

    /** The key with this 32-byte seed. */
    public static Hotkey fromSeed(byte[] seed) {
        if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 seed has 32 bytes, got " + seed.length);
        }
        return new Hotkey(new Ed25519PrivateKeyParameters(seed, 0));
    }

    /** Reads the key in {@code file}, or creates one there (owner-only permissions) if it is absent. */
    public static Hotkey loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            String hex = Files.readString(file, StandardCharsets.US_ASCII).strip();
            try {
                return fromSeed(HEX.parseHex(hex));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + " does not hold a hotkey (64 hex digits): " + e.getMessage(), e);
            }
        }
        Hotkey key = generate(new SecureRandom());
        Files.writeString(file, HEX.formatHex(key.privateKey.getEncoded()) + "\n", StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the file keeps the default permissions
        }
        return key;
    }

    /** The public key in lowercase hex (64 digits): this node's name on the subnet. */
    public String publicKeyHex() {
        return publicKeyHex;
    }

    /** The Ed25519 signature (64 bytes) of {@code message}. */
    public byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    @Override
    public String toString() {
        return "Hotkey[" + publicKeyHex.substring(0, 16) + "…]";
    }
}
