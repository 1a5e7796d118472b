package org.zkml4j.samples;

import org.zkml4j.bridge.cli.CliException;
import picocli.CommandLine.Option;

/** The {@code --header} option of the commands that read CSV files (a picocli mixin). */
final class CsvOptions {
    @Option(names = "--header", defaultValue = "auto", paramLabel = "auto|yes|no",
            description = "whether CSV files start with a header line; auto: when every field of the first line "
                    + "starts with a letter (default: ${DEFAULT-VALUE})")
    private String header;

    /** The header rule asked for. */
    Csv.Header header() throws CliException {
        return switch (header) {
            case "auto" -> Csv.Header.AUTO;
            case "yes" -> Csv.Header.PRESENT;
            case "no" -> Csv.Header.ABSENT;
            default -> throw new CliException("--header must be auto, yes or no, got '" + header + "'");
        };
    }
}
