package org.zkml4j.samples;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads rows of decimal numbers from a CSV file, streaming, through Commons CSV: lines starting
 * with {@code #} are comments, blank lines are skipped, fields may be quoted. By default
 * ({@link Header#AUTO}) the first record is a header only when every one of its fields starts with a
 * letter or {@code _} (a name, never a number); {@link Header#PRESENT} and {@link Header#ABSENT} say so
 * outright. Every other field must be a finite decimal number ({@code -1.5}, {@code 2e-3}); anything
 * else ({@code abc}, {@code 0x1p-1}, {@code 1f}, an empty field from a trailing comma) is refused
 * naming the file, row and column. At most {@link #MAX_CHARS} characters are read; a NUL character
 * marks a binary file and is refused.
 */
final class Csv {
    /** The most characters read from one CSV file: 64 Mi. */
    static final int MAX_CHARS = 64 << 20;
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setCommentMarker('#')
            .setIgnoreEmptyLines(true).setIgnoreSurroundingSpaces(true).get();
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_].*");

    /** Whether the first record is a header. */
    enum Header { AUTO, PRESENT, ABSENT }

    private Csv() {}

    /** The rows of {@code file}, a header told by {@link Header#AUTO}: at least one, all of one width. */
    static float[][] read(Path file) throws IOException {
        return read(file, Header.AUTO);
    }

    /** The rows of {@code file}: at least one, all of one width. */
    static float[][] read(Path file, Header header) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a directory, not a CSV file");
        }
        List<float[]> rows = new ArrayList<>();
        try (Reader in = new Bounded(Files.newBufferedReader(file, StandardCharsets.UTF_8), file);
                CSVParser parser = CSVParser.parse(in, FORMAT)) {
            for (CSVRecord record : parser) {
                if (record.getRecordNumber() == 1
                        && (header == Header.PRESENT || header == Header.AUTO && isHeader(record))) {
                    continue;
                }
                float[] row = new float[record.size()];
                for (int c = 0; c < row.length; c++) {
                    row[c] = number(record.get(c), file, rows.size() + 1, parser.getCurrentLineNumber(), c + 1);
                }
                if (!rows.isEmpty() && row.length != rows.get(0).length) {
                    throw new IOException(file + " row " + (rows.size() + 1) + " (line " + parser.getCurrentLineNumber()
                            + ") has " + row.length + " values, earlier rows have " + rows.get(0).length);
                }
                rows.add(row);
            }
        } catch (UncheckedIOException e) { // how Commons CSV's record iterator reports an IOException
            throw e.getCause() instanceof CharacterCodingException ? notText(file) : e.getCause();
        } catch (CharacterCodingException e) {
            throw notText(file);
        }
        if (rows.isEmpty()) {
            throw new IOException(file + " has no rows");
        }
        return rows.toArray(new float[0][]);
    }

    private static IOException notText(Path file) {
        return new IOException(file + " is not a UTF-8 text CSV file");
    }

    private static boolean isHeader(CSVRecord record) {
        for (String field : record) {
            if (!NAME.matcher(field).matches()) {
                return false;
            }
        }
        return true;
    }

    private static float number(String field, Path file, int row, long line, int column) throws IOException {
        String where = file + " row " + row + " (line " + line + "), column " + column;
        if (field.isEmpty()) {
            throw new IOException(where + " is empty (a trailing or doubled comma?)");
        }
        if (!DECIMAL.matcher(field).matches()) {
            throw new IOException(where + ": '" + (field.length() > 40 ? field.substring(0, 40) + "…" : field)
                    + "' is not a decimal number");
        }
        float value = Float.parseFloat(field);
        if (Float.isInfinite(value)) {
            throw new IOException(where + ": " + field + " is beyond the float range");
        }
        return value;
    }

    /** Refuses reading past {@link #MAX_CHARS} and NUL characters (binary files). */
    private static final class Bounded extends FilterReader {
        private final Path file;
        private long read;

        Bounded(Reader in, Path file) {
            super(in);
            this.file = file;
        }

        @Override
        public int read() throws IOException {
            char[] one = new char[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = 0; i < n; i++) {
                if (buffer[offset + i] == 0) {
                    throw new IOException(file + " is not a text CSV file (it holds NUL bytes)");
                }
            }
            read += Math.max(n, 0);
            if (read > MAX_CHARS) {
                throw new IOException(file + " is larger than " + (MAX_CHARS >> 20) + " Mi characters, the most read "
                        + "from one CSV file");
            }
            return n;
        }
    }
}
