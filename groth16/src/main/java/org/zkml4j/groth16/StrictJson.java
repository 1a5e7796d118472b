package org.zkml4j.groth16;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * Parses one JSON document strictly (RFC 8259, nothing after it) into a tree, refusing duplicate
 * object keys — two readers could otherwise take different values from one file. Numbers keep their
 * text and are never converted here, so a huge number costs nothing; nesting is bounded by
 * {@link JsonReader}'s limit (255), so recursion depth is too.
 */
final class StrictJson {
    private StrictJson() {
    }

    /** @throws SnarkjsFormatException naming {@code file} for anything but one strict JSON value */
    static JsonElement parse(byte[] json, String file) {
        try {
            JsonReader reader = new JsonReader(new StringReader(new String(json, StandardCharsets.UTF_8)));
            reader.setStrictness(Strictness.STRICT);
            JsonElement root = value(reader, file);
            if (reader.peek() != JsonToken.END_DOCUMENT) { // strict readers usually throw here already
                throw new SnarkjsFormatException(file + ": trailing data after the JSON value");
            }
            return root;
        } catch (IOException | IllegalStateException e) {
            throw new SnarkjsFormatException(file + ": not valid JSON (" + firstLine(e.getMessage()) + ")");
        }
    }

    private static JsonElement value(JsonReader in, String file) throws IOException {
        switch (in.peek()) {
            case BEGIN_ARRAY: {
                JsonArray array = new JsonArray();
                in.beginArray();
                while (in.hasNext()) {
                    array.add(value(in, file));
                }
                in.endArray();
                return array;
            }
            case BEGIN_OBJECT: {
                JsonObject object = new JsonObject();
                in.beginObject();
                while (in.hasNext()) {
                    String name = in.nextName();
                    if (object.has(name)) {
                        throw new SnarkjsFormatException(file + ": " + in.getPath() + ": duplicate key");
                    }
                    object.add(name, value(in, file));
                }
                in.endObject();
                return object;
            }
            case STRING:
                return new JsonPrimitive(in.nextString());
            case NUMBER:
                return new JsonPrimitive(new NumberText(in.nextString()));
            case BOOLEAN:
                return new JsonPrimitive(in.nextBoolean());
            case NULL:
                in.nextNull();
                return JsonNull.INSTANCE;
            default:
                throw new SnarkjsFormatException(file + ": not valid JSON (unexpected " + in.peek() + ")");
        }
    }

    /** Gson's message without its advice to parse leniently, on one line. */
    private static String firstLine(String message) {
        String line = message == null ? "unreadable" : message.lines().findFirst().orElse("unreadable")
                .replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "malformed JSON");
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }

    /** A JSON number as written; the readers here use only its text. */
    private static final class NumberText extends Number {
        private static final long serialVersionUID = 1L;
        private final String text;

        NumberText(String text) {
            this.text = text;
        }

        @Override
        public int intValue() {
            return (int) doubleValue();
        }

        @Override
        public long longValue() {
            return (long) doubleValue();
        }

        @Override
        public float floatValue() {
            return (float) doubleValue();
        }

        @Override
        public double doubleValue() {
            return Double.parseDouble(text);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
