package org.zkml4j.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
    @TempDir
    Path dir;

    private float[][] read(String text) throws IOException {
        return Csv.read(Files.writeString(dir.resolve("x.csv"), text));
    }

    private String refusal(String text) {
        return assertThrows(IOException.class, () -> read(text)).getMessage()
                .replace(dir.resolve("x.csv").toString(), "x.csv");
    }

    @Test
    void read_commentsHeaderQuotesAndBlankLines() throws IOException {
        float[][] rows = read("# Iris, two rows\nsepal_length, \"petal, width\"\n\n5.1,\"0.2\"\n# more\n-1e-1,+.5\n");
        assertEquals(2, rows.length);
        assertArrayEquals(new float[] {5.1f, 0.2f}, rows[0]);
        assertArrayEquals(new float[] {-0.1f, 0.5f}, rows[1]);
    }

    @Test
    void read_theRepositorysIrisCsvWithItsCommentLines() throws IOException {
        float[][] rows = Csv.read(Path.of("src/main/resources/org/zkml4j/samples/iris.csv"));
        assertEquals(150, rows.length);
        assertEquals(5, rows[0].length);
    }

    @Test
    void read_aFirstLineWithANumberIsDataNotAHeader() {
        assertEquals("x.csv row 1 (line 1), column 2: 'abc' is not a decimal number", refusal("1,abc\n1,-2\n"));
        assertEquals("x.csv row 1 (line 1), column 2: 'abc' is not a decimal number", refusal("1,abc\n"));
    }

    @Test
    void read_aHeaderByFlag() throws IOException {
        Path file = Files.writeString(dir.resolve("h.csv"), "1st,2nd\n1,2\n");
        assertEquals(1, Csv.read(file, Csv.Header.PRESENT).length);
        assertThrows(IOException.class, () -> Csv.read(file, Csv.Header.AUTO));
        Path named = Files.writeString(dir.resolve("n.csv"), "a,b\n1,2\n");
        assertThrows(IOException.class, () -> Csv.read(named, Csv.Header.ABSENT));
        assertEquals(1, Csv.read(named).length);
    }

    @Test
    void read_malformedNumbersNamingRowAndColumn() {
        assertEquals("x.csv row 2 (line 3), column 1: '0x1p-1' is not a decimal number",
                refusal("a,b\n1,2\n0x1p-1,2\n"));
        assertEquals("x.csv row 1 (line 1), column 2: '1f' is not a decimal number", refusal("1,1f\n"));
        assertEquals("x.csv row 1 (line 1), column 3 is empty (a trailing or doubled comma?)", refusal("1,2,\n"));
        assertEquals("x.csv row 1 (line 1), column 1: 1e40 is beyond the float range", refusal("1e40\n"));
        assertEquals("x.csv row 2 (line 2) has 1 values, earlier rows have 2", refusal("1,2\n3\n"));
        assertEquals("x.csv has no rows", refusal("# nothing\nx,y\n"));
    }

    @Test
    void read_binaryAndEndlessInputsAreRefusedAtOnce() throws IOException {
        assertEquals("x.csv is not a text CSV file (it holds NUL bytes)", refusal("1,2\n\0\0\0"));
        Path latin = Files.write(dir.resolve("x.csv"), new byte[] {'1', ',', (byte) 0xFF, (byte) 0xFE, '\n'});
        assertEquals(latin + " is not a UTF-8 text CSV file",
                assertThrows(IOException.class, () -> Csv.read(latin)).getMessage());
        Path zero = Path.of("/dev/zero");
        if (Files.isReadable(zero)) {
            assertEquals("/dev/zero is not a text CSV file (it holds NUL bytes)",
                    assertThrows(IOException.class, () -> Csv.read(zero)).getMessage());
        }
    }
}
