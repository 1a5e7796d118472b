package org.zkml4j.bridge.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HotkeyTest {
    @TempDir
    Path dir;

    @Test
    void fromSeed_matchesRfc8032TestVector1() {
        // RFC 8032 section 7.1, TEST 1: the empty message
        Hotkey key = Hotkey.fromSeed(HexFormat.of().parseHex(
                "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        assertEquals("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", key.publicKeyHex());
        assertArrayEquals(HexFormat.of().parseHex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"), key.sign(new byte[0]));
    }

    @Test
    void create_isOwnerOnlyPkcs8PemAndReadsBack() throws IOException {
        Path file = dir.resolve("node.key");
        Hotkey key = Hotkey.create(file, new SecureRandom());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI"), pem);
        assertEquals(key.publicKeyHex(), Hotkey.load(file).publicKeyHex());
        assertEquals(key.publicKeyHex(), Hotkey.loadOrCreate(file).publicKeyHex());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList()); // no temporary file left behind
        }
    }

    @Test
    void create_neverOverwritesAKey() throws IOException {
        Path file = dir.resolve("node.key");
        Hotkey first = Hotkey.create(file, new SecureRandom());
        assertThrows(FileAlreadyExistsException.class, () -> Hotkey.create(file, new SecureRandom()));
        assertEquals(first.publicKeyHex(), Hotkey.load(file).publicKeyHex());
    }

    @Test
    void load_refusesAKeyReadableByGroupOrOthers() throws IOException {
        Path file = dir.resolve("node.key");
        Hotkey.create(file, new SecureRandom());
        for (String mode : List.of("rw-r--r--", "rw-r-----", "rw----r--")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            IOException e = assertThrows(IOException.class, () -> Hotkey.load(file));
            assertEquals(file + " is accessible by group or others (" + mode + "); a hotkey must be owner-only: "
                    + "chmod 600 " + file, e.getMessage());
            assertThrows(IOException.class, () -> Hotkey.loadOrCreate(file));
        }
    }

    @Test
    void load_readsTheOldHexSeedAndRefusesOtherText() throws IOException {
        Hotkey key = Hotkey.generate(new SecureRandom());
        Path old = Files.writeString(dir.resolve("old.key"), HexFormat.of().formatHex(seedOf(key)) + "\n");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-------"));
        assertEquals(key.publicKeyHex(), Hotkey.load(old).publicKeyHex());
        Path junk = Files.writeString(dir.resolve("junk.key"), "hello");
        Files.setPosixFilePermissions(junk, PosixFilePermissions.fromString("rw-------"));
        assertTrue(assertThrows(IOException.class, () -> Hotkey.load(junk)).getMessage()
                .endsWith("does not hold a hotkey (a PKCS#8 PEM Ed25519 private key; zkml4j hotkey new makes one)"));
        assertTrue(assertThrows(IOException.class, () -> Hotkey.load(dir)).getMessage().endsWith("is a directory, "
                + "not a hotkey file"));
    }

    @Test
    void keyPolicy_verifiesJdkSignaturesAndRefusesOthers() {
        Hotkey key = Hotkey.generate(new SecureRandom());
        byte[] message = "nonce".getBytes(StandardCharsets.UTF_8);
        byte[] signature = key.sign(message);
        KeyPolicy policy = KeyPolicy.allow(Set.of(key.publicKeyHex()));
        assertTrue(policy.verifies(key.publicKeyHex(), message, signature));
        assertFalse(policy.verifies(key.publicKeyHex(), "other".getBytes(StandardCharsets.UTF_8), signature));
        assertFalse(policy.verifies(Hotkey.generate(new SecureRandom()).publicKeyHex(), message, signature));
        assertFalse(policy.verifies("zz", message, signature));
        assertFalse(policy.verifies(key.publicKeyHex(), message, new byte[3]));
    }

    private static byte[] seedOf(Hotkey key) {
        String pem = key.pem();
        byte[] der = java.util.Base64.getMimeDecoder().decode(pem.substring(pem.indexOf('\n'), pem.lastIndexOf("-----END")));
        return java.util.Arrays.copyOfRange(der, der.length - 32, der.length);
    }
}
