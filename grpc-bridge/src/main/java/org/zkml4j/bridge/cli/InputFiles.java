package org.zkml4j.bridge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a whole input file (a key, a proof, a model, a secret) in bounded memory: a directory, a
 * file over the limit or an endless stream such as {@code /dev/zero} is refused with a one-line
 * {@link IOException} instead of exhausting the heap.
 */
public final class InputFiles {
    /** The largest file read whole: 256 MiB. */
    public static final int MAX_BYTES = 256 << 20;

    private InputFiles() {}

    /** The bytes of {@code file}, at most {@link #MAX_BYTES}. */
    public static byte[] read(Path file) throws IOException {
        return read(file, MAX_BYTES);
    }

    /**
     * The bytes of {@code file}, at most {@code limit}.
     *
     * @throws IOException naming the file if it is a directory, missing, unreadable or too large
     */
    public static byte[] read(Path file, int limit) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a directory, not a file");
        }
        if (Files.isRegularFile(file) && Files.size(file) > limit) {
            throw tooLarge(file, limit);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(limit);
            if (in.read() >= 0) {
                throw tooLarge(file, limit);
            }
            return bytes;
        }
    }

    private static IOException tooLarge(Path file, int limit) {
        return new IOException(file + " is larger than "
                + (limit >= 1 << 20 ? (limit >> 20) + " MiB" : limit + " bytes") + ", the most read from one file");
    }
}
