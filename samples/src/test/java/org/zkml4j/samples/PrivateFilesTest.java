package org.zkml4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {
    @TempDir
    Path dir;

    /** Increments the u32 counter in {@code args[0]} {@code args[1]} times, each under the file's lock. */
    public static final class Incrementer {
        public static void main(String[] args) throws IOException {
            for (int i = Integer.parseInt(args[1]); i > 0; i--) {
                increment(Path.of(args[0]));
            }
        }
    }

    static int increment(Path counter) throws IOException {
        return PrivateFiles.update(counter, current -> {
            int n = ByteBuffer.wrap(current).getInt();
            return new PrivateFiles.Change<>(ByteBuffer.allocate(4).putInt(n + 1).array(), n);
        });
    }

    @Test
    void write_createsOwnerOnlyReplacesAWiderFileAndLeavesNoTempFile() throws IOException {
        Path secret = dir.resolve("s.secret");
        Files.writeString(secret, "old");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
        PrivateFiles.write(secret, "new".getBytes(StandardCharsets.UTF_8));
        assertEquals("new", Files.readString(secret));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(secret), files.toList());
        }
    }

    @Test
    void update_threadsAndOtherProcessesNeverLoseAnIncrement() throws Exception {
        Path counter = dir.resolve("counter");
        PrivateFiles.write(counter, new byte[4]);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<Process> processes = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            processes.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    Incrementer.class.getName(), counter.toString(), "20").inheritIO().start());
        }
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> taken = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                taken.add(threads.submit(() -> increment(counter)));
            }
            for (Future<Integer> f : taken) {
                f.get();
            }
        } finally {
            threads.shutdown();
        }
        for (Process p : processes) {
            assertEquals(0, p.waitFor());
        }
        assertEquals(3 * 20 + 60, ByteBuffer.wrap(Files.readAllBytes(counter)).getInt());
    }
}
