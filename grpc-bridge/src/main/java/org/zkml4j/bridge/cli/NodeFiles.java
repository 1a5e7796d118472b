package org.zkml4j.bridge.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.zkml4j.bridge.circuit.Circuit;
import org.zkml4j.bridge.circuit.DefaultCircuits;
import org.zkml4j.bridge.net.SelfSignedCertificate;
import org.zkml4j.bridge.net.TlsFiles;
import org.zkml4j.sdk.VerifiableModel;
import org.zkml4j.sdk.VerificationKey;

/** The files the node commands read: compiled models, verification keys and TLS directories. */
final class NodeFiles {
    private NodeFiles() {}

    /** The circuits of {@code models} ({@code .zkm}), or the built-in tiny MLP when there are none. */
    static List<Circuit> provable(List<Path> models) throws IOException {
        if (models.isEmpty()) {
            return List.of(Circuit.provable(DefaultCircuits.TINY_MLP, DefaultCircuits.tinyMlp()));
        }
        List<Circuit> circuits = new ArrayList<>();
        for (Path m : models) {
            circuits.add(Circuit.provable(baseName(m), model(m)));
        }
        return circuits;
    }

    /** The circuits of {@code keys} ({@code .vk}), or the built-in tiny MLP's when there are none. */
    static List<Circuit> verifyOnly(List<Path> keys) throws IOException {
        if (keys.isEmpty()) {
            return List.of(Circuit.verifyOnly(DefaultCircuits.TINY_MLP, DefaultCircuits.tinyMlp().verificationKey()));
        }
        List<Circuit> circuits = new ArrayList<>();
        for (Path k : keys) {
            circuits.add(Circuit.verifyOnly(baseName(k), VerificationKey.fromBytes(InputFiles.read(k))));
        }
        return circuits;
    }

    /** A compiled model ({@code zkml4j compile}). */
    static VerifiableModel model(Path file) throws IOException {
        return VerifiableModel.load(new ByteArrayInputStream(InputFiles.read(file)));
    }

    /** The node certificate and key in {@code directory}, made (self-signed) if absent. */
    static TlsFiles tls(Path directory) throws IOException {
        TlsFiles files = new TlsFiles(directory.resolve("node.crt"), directory.resolve("node.key"));
        if (Files.exists(files.certificate()) && Files.exists(files.privateKey())) {
            return files;
        }
        return SelfSignedCertificate.generate(directory, Duration.ofDays(365));
    }

    /** The file name without its extension: a circuit's display name. */
    static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
