package org.zkml4j.samples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.zkml4j.dl4j.Dl4jModelConverter;
import org.zkml4j.sdk.model.ModelGraph;
import org.zkml4j.sdk.model.ModelGraphJson;

/**
 * Reads the model given to {@code zkml4j compile --model}: a DL4J {@code ModelSerializer} zip
 * (a {@code .zip} name or the zip magic {@code PK\3\4}) or else a {@code ModelGraph} JSON file.
 */
final class ModelFile {
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private ModelFile() {}

    static ModelGraph read(Path file) throws IOException {
        return isZip(file) ? Dl4jModelConverter.load(file) : ModelGraphJson.read(file);
    }

    static boolean isZip(Path file) throws IOException {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            return true;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(ZIP_MAGIC.length), ZIP_MAGIC);
        }
    }
}
