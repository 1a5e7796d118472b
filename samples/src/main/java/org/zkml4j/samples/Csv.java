package org.zkml4j.samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads rows of numbers from a CSV file (a first line that is not numeric is a header). */
final class Csv {
    private Csv() {}

    static float[][] read(Path file) throws IOException {
        List<float[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",");
            float[] row = new float[cells.length];
            try {
                for (int j = 0; j < cells.length; j++) {
                    row[j] = Float.parseFloat(cells[j].strip());
                }
            } catch (NumberFormatException e) {
                if (rows.isEmpty() && i == 0) {
                    continue; // header
                }
                throw new IOException(file + " line " + (i + 1) + ": not a number: " + e.getMessage());
            }
            if (!rows.isEmpty() && row.length != rows.get(0).length) {
                throw new IOException(file + " line " + (i + 1) + " has " + row.length + " values, earlier rows have "
                        + rows.get(0).length);
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new IOException(file + " has no rows");
        }
        return rows.toArray(new float[0][]);
    }
}
