package org.zkml4j.bridge.auth;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * An Ed25519 signing key (the JDK's): a node's identity on the subnet, named by its public key in
 * hex. A hotkey file is a PKCS#8 PEM private key ({@code -----BEGIN PRIVATE KEY-----}, RFC 8410),
 * created exclusively (never overwritten) and atomically with owner-only permissions from the
 * start; a file readable by group or others is refused. The unversioned format of before (the
 * 32-byte seed in hex) is still read.
 *
 * <pre>{@code
 * Hotkey key = Hotkey.loadOrCreate(Path.of("validator.key"));
 * byte[] signature = key.sign(message);
 * }</pre>
 */
public final class Hotkey {
    /** The PKCS#8 DER prefix of an Ed25519 private key (RFC 8410): 16 bytes, then the 32-byte seed. */
    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
    /** The X.509 DER prefix of an Ed25519 public key: 12 bytes, then the 32-byte point. */
    static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";
    private static final int MAX_FILE_BYTES = 4096;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final PrivateKey privateKey;
    private final byte[] seed;
    private final String publicKeyHex;

    private Hotkey(KeyPair pair, byte[] seed) {
        this.privateKey = pair.getPrivate();
        this.seed = seed;
        byte[] x509 = pair.getPublic().getEncoded();
        this.publicKeyHex = HexFormat.of().formatHex(x509, X509_PREFIX.length, x509.length);
    }

    /** A fresh key from {@code random}. */
    public static Hotkey generate(SecureRandom random) {
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        return fromSeed(seed);
    }

    /** The key with this 32-byte seed (RFC 8032's private key). */
    public static Hotkey fromSeed(byte[] seed) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("an Ed25519 seed has 32 bytes, got " + seed.length);
        }
        try {
            // the JDK derives the public key only while generating: its generator reads the seed from "random"
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
            return new Hotkey(generator.generateKeyPair(), seed.clone());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no Ed25519", e);
        }
    }

    /** Reads the key in {@code file}, or creates one there ({@link #create}) if there is none. */
    public static Hotkey loadOrCreate(Path file) throws IOException {
        try {
            return load(file);
        } catch (NoSuchFileException absent) {
            try {
                return create(file, new SecureRandom());
            } catch (FileAlreadyExistsException raced) {
                return load(file); // another process created it meanwhile
            }
        }
    }

    /**
     * Creates a fresh key in {@code file}: written owner-only to a temporary file beside it, then
     * linked to {@code file} only if no such file exists, so the key appears whole or not at all
     * and an existing key is never overwritten.
     *
     * @throws FileAlreadyExistsException if {@code file} exists
     */
    public static Hotkey create(Path file, SecureRandom random) throws IOException {
        Hotkey key = generate(random);
        Path absolute = file.toAbsolutePath();
        Path temporary = absolute.resolveSibling(absolute.getFileName() + "." + Long.toHexString(random.nextLong())
                + ".tmp");
        try {
            try (SeekableByteChannel out = Files.newByteChannel(temporary,
                    EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly(absolute))) {
                out.write(ByteBuffer.wrap(key.pem().getBytes(StandardCharsets.US_ASCII)));
            }
            Files.createLink(absolute, temporary);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return key;
    }

    /**
     * Reads the key in {@code file}.
     *
     * @throws IOException if the file is missing, readable by group or others, or holds no hotkey
     */
    public static Hotkey load(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a directory, not a hotkey file");
        }
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(mode)) {
                throw new IOException(file + " is accessible by group or others (" + PosixFilePermissions.toString(mode)
                        + "); a hotkey must be owner-only: chmod 600 " + file);
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: no permission bits to check
        }
        byte[] bytes;
        try (var in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        }
        String text = new String(bytes, StandardCharsets.US_ASCII).strip();
        try {
            if (bytes.length <= MAX_FILE_BYTES && text.startsWith(BEGIN) && text.endsWith(END)) {
                return fromPkcs8(Base64.getMimeDecoder().decode(text.substring(BEGIN.length(),
                        text.length() - END.length())));
            }
            if (text.matches("[0-9a-fA-F]{64}")) {
                return fromSeed(HexFormat.of().parseHex(text)); // the unversioned format of before
            }
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IOException(file + " does not hold an Ed25519 hotkey: " + e.getMessage(), e);
        }
        throw new IOException(file + " does not hold a hotkey (a PKCS#8 PEM Ed25519 private key; "
                + "zkml4j hotkey new makes one)");
    }

    private static Hotkey fromPkcs8(byte[] der) throws GeneralSecurityException {
        // through the JDK's parser, which checks the structure and the algorithm
        KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        if (der.length != PKCS8_PREFIX.length + 32 || !Arrays.equals(der, 0, PKCS8_PREFIX.length, PKCS8_PREFIX, 0,
                PKCS8_PREFIX.length)) {
            throw new GeneralSecurityException("not a plain PKCS#8 v1 Ed25519 key");
        }
        return fromSeed(Arrays.copyOfRange(der, PKCS8_PREFIX.length, der.length));
    }

    /** This key as a PKCS#8 PEM file's text. */
    String pem() {
        byte[] der = Arrays.copyOf(PKCS8_PREFIX, PKCS8_PREFIX.length + 32);
        System.arraycopy(seed, 0, der, PKCS8_PREFIX.length, 32);
        return BEGIN + "\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n" + END + "\n";
    }

    private static java.nio.file.attribute.FileAttribute<?>[] ownerOnly(Path file) throws IOException {
        return Files.getFileStore(file.getParent()).supportsFileAttributeView("posix")
                ? new java.nio.file.attribute.FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new java.nio.file.attribute.FileAttribute<?>[0];
    }

    /** The public key in lowercase hex (64 digits): this node's name on the subnet. */
    public String publicKeyHex() {
        return publicKeyHex;
    }

    /** The Ed25519 signature (64 bytes) of {@code message}. */
    public byte[] sign(byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    @Override
    public String toString() {
        return "Hotkey[" + publicKeyHex.substring(0, 16) + "…]";
    }

    /** A "random" source that yields one seed: how a fixed key is fed to the JDK's key generator. */
    private static final class SeedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        SeedRandom(byte[] seed) {
            this.seed = seed;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("the Ed25519 generator asked for " + bytes.length + " bytes");
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
        }
    }
}
