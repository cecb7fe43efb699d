package org.provincial.reporting.collect;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Set;

import org.provincial.reporting.storage.ReportingHome;

import org.springframework.stereotype.Component;

/**
 * The archive of every received file under the home, addressed by content: archive/ab/cd/&lt;sha256&gt;. Files are
 * streamed to a temporary file in incoming/ while hashed, flushed to disk and then moved into place atomically; the
 * moves of a batch of files are made durable together ({@link #syncDirectories}) before the batch is registered.
 */
@Component
class SubmissionArchive {

    private static final String TEMP_PREFIX = "collect-";
    private static final String TEMP_SUFFIX = ".part";
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final ReportingHome home;

    SubmissionArchive(ReportingHome home) {
        this.home = home;
    }

    /** A file in the archive: its SHA-256 in hex, its size and its path relative to the home. */
    record ArchivedFile(String sha256, long sizeBytes, String archivePath) {
    }

    /** Deletes the temporary files a killed process may have left in incoming/. */
    void removeLeftovers() throws IOException {
        if (!Files.isDirectory(home.incomingDirectory())) {
            return;
        }
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(home.incomingDirectory(),
                TEMP_PREFIX + "*" + TEMP_SUFFIX)) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    /**
     * Streams the content into the archive (the caller closes the stream). The file's content is on disk when this
     * returns; its name in the archive's directory is once {@link #syncDirectories} has run.
     *
     * @throws UnexpectedSizeException when the content is not {@code expectedSize} bytes long: nothing is
     *                                     archived then
     */
    ArchivedFile store(InputStream content, long expectedSize) throws IOException {
        Files.createDirectories(home.incomingDirectory());
        Path temp = Files.createTempFile(home.incomingDirectory(), TEMP_PREFIX, TEMP_SUFFIX);
        try {
            MessageDigest digest = sha256();
            long size;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = new DigestOutputStream(Channels.newOutputStream(channel), digest);
                size = content.transferTo(out);
                out.flush();
                channel.force(true);
            }
            if (size != expectedSize) {
                throw new UnexpectedSizeException(size, expectedSize);
            }
            String sha256 = HexFormat.of().formatHex(digest.digest());
            Path target = home.archiveDirectory().resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4))
                    .resolve(sha256);
            if (!Files.exists(target)) {
                ownerOnlyDirectories(target.getParent());
                ownerOnly(temp);
                moveIntoPlace(temp, target);
            }
            return new ArchivedFile(sha256, size, home.root().relativize(target).toString().replace('\\', '/'));
        }
        finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (FileAlreadyExistsException e) {
            // the same content arrived at the same moment from another source: the archive already holds it
        }
    }

    /** Makes the moves into place of the files durable: each directory they are in synced once. */
    void syncDirectories(Collection<ArchivedFile> files) {
        files.stream().map(file -> home.root().resolve(file.archivePath()).getParent()).distinct()
                .forEach(SubmissionArchive::syncDirectory);
    }

    /** Makes the moves into a directory durable where the platform allows syncing a directory. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
        catch (IOException e) {
            // not supported on this platform: the rename is then as durable as the file system makes it
        }
    }

    /**
     * Creates archive/ab/cd as needed, each level readable by the service user only (rwx------), also where an earlier
     * version left it open to others.
     */
    private void ownerOnlyDirectories(Path directory) throws IOException {
        Files.createDirectories(directory);
        if (!Files.getFileStore(directory).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        for (Path level = directory; level.startsWith(home.archiveDirectory()); level = level.getParent()) {
            if (!Files.getPosixFilePermissions(level).equals(OWNER_ONLY_DIRECTORY)) {
                Files.setPosixFilePermissions(level, OWNER_ONLY_DIRECTORY);
            }
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This Java runtime lacks SHA-256", e);
        }
    }
}
