package org.zkml4j.samples;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Files only their owner may read — input and output secrets, committed-weights models — and the
 * locked read-modify-write that moves a slot counter kept in one of them. Every such file, and the
 * temp file an atomic rewrite goes through, is created owner-only (0600 where the file system has
 * POSIX permissions) from the start, never written first and narrowed after. A counter moves under
 * an exclusive lock on a sibling {@code NAME.lock} file — {@link FileChannel#lock} against other
 * processes, a lock per path against this JVM's threads — which stays for the next prover (it is
 * empty, and safe to delete while no prover runs); the file itself is replaced, so it cannot carry
 * the lock.
 *
 * <pre>{@code
 * PrivateFiles.write(secretFile, bytes);                          // owner-only, atomic
 * int slot = PrivateFiles.update(counterFile, current -> {        // locked read, then write
 *     int next = decode(current);
 *     return new PrivateFiles.Change<>(encode(next + 1), next);
 * });
 * }</pre>
 */
final class PrivateFiles {
    private static final ConcurrentMap<Path, ReentrantLock> THREAD_LOCKS = new ConcurrentHashMap<>();

    private PrivateFiles() {}

    /** What an update makes of a file: its new bytes, and a result for the caller. */
    record Change<T>(byte[] bytes, T result) {}

    /** Computes a {@link Change} from a file's current bytes. */
    @FunctionalInterface
    interface Updater<T> {
        Change<T> apply(byte[] current) throws IOException;
    }

    /**
     * Writes {@code bytes} to {@code file} atomically: into an owner-only temp file next to it,
     * synced, then moved over it (readers see the old or the new bytes, never a part).
     */
    static void write(Path file, byte[] bytes) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, file.getFileName() + ".", ".tmp", ownerOnly(dir));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Reads {@code file} and {@linkplain #write writes} what {@code updater} makes of it, holding the
     * file's lock throughout, so concurrent updates (threads or processes) see each other's writes.
     *
     * @return the change's result
     */
    static <T> T update(Path file, Updater<T> updater) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        Path lockFile = absolute.resolveSibling(absolute.getFileName() + ".lock");
        ReentrantLock threads = THREAD_LOCKS.computeIfAbsent(lockFile, p -> new ReentrantLock());
        threads.lock();
        try (FileChannel channel = FileChannel.open(lockFile, EnumSet.of(StandardOpenOption.CREATE,
                StandardOpenOption.WRITE), ownerOnly(absolute.getParent()))) {
            channel.lock(); // released when the channel closes
            Change<T> change = updater.apply(org.zkml4j.bridge.cli.InputFiles.read(absolute));
            write(absolute, change.bytes());
            return change.result();
        } finally {
            threads.unlock();
        }
    }

    /** rw------- where {@code dir}'s file system has POSIX permissions; nothing to ask elsewhere. */
    private static FileAttribute<?>[] ownerOnly(Path dir) throws IOException {
        return Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }
}
