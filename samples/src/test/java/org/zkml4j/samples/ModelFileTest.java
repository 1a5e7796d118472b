package org.zkml4j.samples;

import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void isZip_byExtensionOrMagicOnly() throws IOException {
        assertTrue(ModelFile.isZip(Files.writeString(dir.resolve("net.ZIP"), "{}")));
        assertTrue(ModelFile.isZip(Files.write(dir.resolve("net.bin"), new byte[] {'P', 'K', 3, 4, 0})));
        assertFalse(ModelFile.isZip(Files.writeString(dir.resolve("model.json"), "{\"format\": 1}")));
        assertFalse(ModelFile.isZip(Files.write(dir.resolve("short"), new byte[] {'P', 'K'})));
    }
}
