package org.zkml4j.samples;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.zkml4j.bridge.cli.InputFiles;
import org.zkml4j.dl4j.Dl4jModelConverter;
import org.zkml4j.sdk.VerifiableModel;
import org.zkml4j.sdk.model.ModelGraph;
import org.zkml4j.sdk.model.ModelGraphJson;

/**
 * Reads the file given to {@code --model}, telling its kind from its first bytes, not its name: a
 * compiled model ({@code .zkm}, magic {@code ZKMD}), a DL4J {@code ModelSerializer} zip (magic
 * {@code PK\3\4}) or a {@code ModelGraph} JSON file (a {@code {}). A file of the wrong kind for
 * the command, a directory or a binary file is refused with a sentence saying what was expected.
 */
final class ModelFile {
    /** What a {@code --model} file holds. */
    enum Kind { COMPILED, DL4J_ZIP, GRAPH_JSON, UNKNOWN }

    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final byte[] COMPILED_MAGIC = {'Z', 'K', 'M', 'D'};
    private static final String SOURCES = "a DL4J ModelSerializer zip or a ModelGraph JSON file";

    private ModelFile() {}

    /** The source model for {@code compile}. */
    static ModelGraph source(Path file) throws IOException {
        return switch (kind(file)) {
            case DL4J_ZIP -> Dl4jModelConverter.load(file);
            case GRAPH_JSON -> ModelGraphJson.read(file);
            case COMPILED -> throw new IOException(file + " is already compiled; compile takes " + SOURCES);
            case UNKNOWN -> throw new IOException(file + " is neither a DL4J ModelSerializer zip nor a ModelGraph JSON "
                    + "file");
        };
    }

    /** The saved bytes of a compiled model for {@code prove} and {@code commit-input}. */
    static byte[] compiledBytes(Path file) throws IOException {
        return switch (kind(file)) {
            case COMPILED -> InputFiles.read(file);
            case DL4J_ZIP, GRAPH_JSON -> throw new IOException(file + " is a source model; compile it first "
                    + "(zkml4j compile --model " + file + " --calibration C.csv --out M.zkm) and give the .zkm");
            case UNKNOWN -> throw new IOException(file + " is not a compiled model (zkml4j compile writes one)");
        };
    }

    /** A compiled model. */
    static VerifiableModel compiled(Path file) throws IOException {
        return VerifiableModel.load(new ByteArrayInputStream(compiledBytes(file)));
    }

    /** The bytes {@link VerifiableModel#save} writes. */
    static byte[] saved(VerifiableModel model) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        model.save(bytes);
        return bytes.toByteArray();
    }

    static Kind kind(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a directory, not a model file");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(64);
        }
        if (startsWith(head, COMPILED_MAGIC)) {
            return Kind.COMPILED;
        }
        if (startsWith(head, ZIP_MAGIC)) {
            return Kind.DL4J_ZIP;
        }
        int i = head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF
                ? 3 : 0; // a UTF-8 byte-order mark
        while (i < head.length && Character.isWhitespace(head[i])) {
            i++;
        }
        return i < head.length && head[i] == '{' ? Kind.GRAPH_JSON : Kind.UNKNOWN;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
