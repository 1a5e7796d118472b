package org.zkml4j.samples;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** One JSON object on one line, for {@code --json} output that scripts read. */
final class Json {
    private final StringWriter text = new StringWriter();
    private final JsonWriter writer = new JsonWriter(text);
    private boolean closed;

    Json() {
        call(() -> writer.beginObject());
    }

    Json put(String name, String value) {
        call(() -> writer.name(name).value(value));
        return this;
    }

    Json put(String name, Number value) {
        call(() -> writer.name(name).value(value));
        return this;
    }

    Json put(String name, boolean value) {
        call(() -> writer.name(name).value(value));
        return this;
    }

    /** An array of numbers. */
    Json put(String name, int[] values) {
        call(() -> {
            writer.name(name).beginArray();
            for (int v : values) {
                writer.value(v);
            }
            writer.endArray();
        });
        return this;
    }

    /** An array of objects, one per element of {@code rows}. */
    Json putObjects(String name, Json[] rows) {
        call(() -> {
            writer.name(name).beginArray();
            for (Json row : rows) {
                writer.jsonValue(row.toString());
            }
            writer.endArray();
        });
        return this;
    }

    /** An array of numbers. */
    Json put(String name, float[] values) {
        call(() -> {
            writer.name(name).beginArray();
            for (float v : values) {
                writer.value(v);
            }
            writer.endArray();
        });
        return this;
    }

    @Override
    public String toString() {
        if (!closed) {
            closed = true;
            call(() -> writer.endObject());
        }
        return text.toString();
    }

    private interface Write {
        void run() throws IOException;
    }

    private void call(Write write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
    }
}
