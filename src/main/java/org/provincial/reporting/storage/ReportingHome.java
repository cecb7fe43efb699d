package org.provincial.reporting.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The directory that holds everything the pipeline keeps: the embedded database, the archive of every received
 * file, and the workbooks. One process at a time owns a home, enforced by a file lock held for its life.
 */
public final class ReportingHome implements AutoCloseable {

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private ReportingHome(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Opens (creating it if needed) and locks the home; fails if another live process holds it. */
    public static ReportingHome open(Path root) {
        try {
            Path absolute = root.toAbsolutePath().normalize();
            Files.createDirectories(absolute);
            FileChannel channel = FileChannel.open(absolute.resolve(".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("Another provincial-reporting process is using the home " + absolute
                        + "; wait for it to finish or stop it first.");
            }
            return new ReportingHome(absolute, channel, lock);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot open the home directory " + root + ": " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    public Path databaseDirectory() {
        return root.resolve("pgdata");
    }

    public Path archiveDirectory() {
        return root.resolve("archive");
    }

    public Path incomingDirectory() {
        return root.resolve("incoming");
    }

    @Override
    public void close() throws IOException {
        lock.release();
        lockChannel.close();
    }
}
