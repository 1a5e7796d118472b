package org.zkml4j.bridge.circuit;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.zkml4j.sdk.ProvingOptions;
import org.zkml4j.sdk.VerifiableModel;
import org.zkml4j.sdk.model.ModelGraphJson;

/**
 * The circuit a node serves when given none: the tiny MLP 2-3-2 of {@code samples/models}
 * (bundled as a resource), compiled with {@link ProvingOptions#DEFAULTS}.
 */
public final class DefaultCircuits {
    /** Display name of the tiny MLP. */
    public static final String TINY_MLP = "tiny-mlp";

    private DefaultCircuits() {}

    /** Compiles the tiny MLP (deterministic: every node gets the same circuit id). */
    public static VerifiableModel tinyMlp() {
        try (Reader json = resource("tiny-mlp.json")) {
            return VerifiableModel.compile(ModelGraphJson.read(json), calibration(), ProvingOptions.DEFAULTS);
        } catch (IOException e) {
            throw new UncheckedIOException("bundled tiny MLP is unreadable", e);
        }
    }

    private static float[][] calibration() throws IOException {
        List<float[]> rows = new ArrayList<>();
        String[] lines;
        try (Reader reader = resource("tiny-calibration.csv")) {
            StringWriter text = new StringWriter();
            reader.transferTo(text);
            lines = text.toString().split("\n");
        }
        for (int i = 1; i < lines.length; i++) { // line 0 is the header
            if (lines[i].isBlank()) {
                continue;
            }
            String[] cells = lines[i].split(",");
            float[] row = new float[cells.length];
            for (int j = 0; j < cells.length; j++) {
                row[j] = Float.parseFloat(cells[j].strip());
            }
            rows.add(row);
        }
        return rows.toArray(new float[0][]);
    }

    private static Reader resource(String name) throws IOException {
        InputStream in = DefaultCircuits.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("resource " + name + " is missing from the grpc-bridge jar");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
