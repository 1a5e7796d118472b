package org.zkml4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    @TempDir
    Path dir;

    @Test
    void kind_readFromTheContentNotTheName() throws IOException {
        assertEquals(ModelFile.Kind.GRAPH_JSON, ModelFile.kind(Files.writeString(dir.resolve("net.ZIP"), " {}")));
        assertEquals(ModelFile.Kind.DL4J_ZIP, ModelFile.kind(Files.write(dir.resolve("net.bin"),
                new byte[] {'P', 'K', 3, 4, 0})));
        assertEquals(ModelFile.Kind.COMPILED, ModelFile.kind(Files.write(dir.resolve("m.json"),
                new byte[] {'Z', 'K', 'M', 'D', 0})));
        assertEquals(ModelFile.Kind.UNKNOWN, ModelFile.kind(Files.write(dir.resolve("short"), new byte[] {'P', 'K'})));
    }

    @Test
    void wrongKinds_areRefusedWithWhatWasExpected() throws IOException {
        Path json = Files.writeString(dir.resolve("m.json"), "{\"format\": 1}");
        assertTrue(assertThrows(IOException.class, () -> ModelFile.compiledBytes(json)).getMessage()
                .contains("is a source model; compile it first"));
        Path binary = Files.write(dir.resolve("m.bin"), new byte[] {0, 1, 2, (byte) 0xFF});
        assertTrue(assertThrows(IOException.class, () -> ModelFile.source(binary)).getMessage()
                .endsWith("is neither a DL4J ModelSerializer zip nor a ModelGraph JSON file"));
        assertTrue(assertThrows(IOException.class, () -> ModelFile.compiledBytes(binary)).getMessage()
                .contains("is not a compiled model"));
        assertTrue(assertThrows(IOException.class, () -> ModelFile.source(dir)).getMessage()
                .endsWith("is a directory, not a model file"));
        Path compiled = Files.write(dir.resolve("m.zkm"), new byte[] {'Z', 'K', 'M', 'D', 0});
        assertTrue(assertThrows(IOException.class, () -> ModelFile.source(compiled)).getMessage()
                .contains("is already compiled"));
    }
}
