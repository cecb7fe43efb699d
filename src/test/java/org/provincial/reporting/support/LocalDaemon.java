package org.provincial.reporting.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A system daemon (OpenSSH's sshd, vsftpd) that a test starts in the foreground on a port of 127.0.0.1 and stops
 * again, serving the files of a test account: {@link #ACCOUNT} with {@link #PASSWORD}, created when missing (the
 * tests run as root, as CI does).
 */
public final class LocalDaemon implements AutoCloseable {

    public static final String ACCOUNT = "rptsource";
    public static final String PASSWORD = "Src-pa55 w0rd";

    /** Where the served directories are made. */
    public static final Path BASE = Path.of("/srv/provincial-reporting-tests");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final Process process;
    private final Path log;

    private LocalDaemon(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Runs the command (a daemon in the foreground) and waits until the port accepts connections. */
    public static LocalDaemon start(int port, Path log, String... command) {
        return start(port, log, Map.of(), command);
    }

    /** Runs the command with these environment variables added (TZ, say) and waits until the port accepts connections. */
    public static LocalDaemon start(int port, Path log, Map<String, String> environment, String... command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(String.join(" ", command) + " ended with " + process.exitValue()
                            + ": " + Files.readString(log));
                }
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                    return new LocalDaemon(process, log);
                }
                catch (IOException e) {
                    TimeUnit.MILLISECONDS.sleep(100);
                }
            }
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not listen on port " + port + " within "
                    + START_TIMEOUT.toSeconds() + " s: " + Files.readString(log));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A port of 127.0.0.1 that was free a moment ago. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the test account when missing (home /, bash) and sets its password. */
    public static void ensureAccount() {
        // the home must exist (vsftpd enters it before its local_root); the daemons serve other directories
        if (run(List.of("id", ACCOUNT), null) != 0) {
            check(run(List.of("useradd", "--no-create-home", "--home-dir", "/", "--shell", "/bin/bash", ACCOUNT),
                    null), "useradd " + ACCOUNT);
        }
        check(run(List.of("chpasswd"), ACCOUNT + ":" + PASSWORD + "\n"), "chpasswd " + ACCOUNT);
    }

    /**
     * A new directory the test account owns and may write, below {@link #BASE}: everyone may enter it (a JUnit
     * temporary directory is its owner's only), and every directory above it is root's and written by nobody else,
     * as sshd requires of a chroot (/tmp is written by everyone).
     */
    public static Path accountDirectory(String prefix) {
        ensureAccount();
        try {
            FileAttribute<?> readable = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    "rwxr-xr-x"));
            Path parent = Files.createTempDirectory(Files.createDirectories(BASE, readable), prefix, readable);
            Path directory = Files.createDirectory(parent.resolve("root"));
            giveToAccount(directory);
            return directory;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Gives everything below the directory to the test account, as if it had uploaded it. */
    public static void giveToAccount(Path directory) {
        check(run(List.of("chown", "-R", ACCOUNT, directory.toString()), null), "chown " + directory);
    }

    /**
     * Deletes the temporary directory that {@link #accountDirectory} made, with everything in it; with rm, since Java
     * cannot name an entry whose name is not in its own encoding (a GBK name on disk, say).
     */
    public static void delete(Path directory) {
        check(run(List.of("rm", "-rf", "--", directory.getParent().toString()), null), "rm -rf " + directory.getParent());
    }

    /** Runs a command to its end, returning its exit status; its output goes to this process's. */
    public static int run(List<String> command, String input) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
            try (var in = process.getOutputStream()) {
                if (input != null) {
                    in.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            return process.waitFor();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void check(int exitCode, String what) {
        if (exitCode != 0) {
            throw new IllegalStateException(what + " failed with exit status " + exitCode);
        }
    }

    /** What the daemon printed so far. */
    public String log() {
        try {
            return Files.readString(log);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
