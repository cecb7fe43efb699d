package org.provincial.reporting.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * OpenSSH's sshd on a port of 127.0.0.1, serving {@code root} (its chroot, so that the paths a client sends start
 * there) over internal-sftp to {@link LocalDaemon#ACCOUNT} with its password, under an ed25519 host key it generates (and {@link #replaceHostKey replaces}) with ssh-keygen.
 */
public final class OpenSshServer implements AutoCloseable {

    private final Path dir;
    private final Path root;
    private final int port;
    private LocalDaemon daemon;

    private OpenSshServer(Path dir, Path root, int port) {
        this.dir = dir;
        this.root = root;
        this.port = port;
    }

    /** Starts sshd with a new host key; {@code dir} holds its configuration, key and log. */
    public static OpenSshServer start(Path dir, Path root) {
        LocalDaemon.ensureAccount();
        // a chroot directory must be root's and written by nobody else; the account owns what is below it
        if (LocalDaemon.run(List.of("chown", "root:root", root.toString()), null) != 0
                || LocalDaemon.run(List.of("chmod", "755", root.toString()), null) != 0) {
            throw new IllegalStateException("Cannot give " + root + " to root for sshd's chroot");
        }
        OpenSshServer server = new OpenSshServer(dir, root, LocalDaemon.freePort());
        server.generateHostKey();
        server.writeConfiguration();
        server.startDaemon();
        return server;
    }

    /** Stops sshd, gives it a new host key, and starts it again on the same port. */
    public void replaceHostKey() {
        daemon.close();
        generateHostKey();
        startDaemon();
    }

    /** The source URL of the server's root for the test account. */
    public String url() {
        return "sftp://" + LocalDaemon.ACCOUNT + ":"
                + URLEncoder.encode(LocalDaemon.PASSWORD, StandardCharsets.UTF_8).replace("+", "%20")
                + "@127.0.0.1:" + port + "/";
    }

    public int port() {
        return port;
    }

    /** The public host key as ssh-keygen wrote it: type, Base64 key, comment. */
    public String publicKey() {
        try {
            return Files.readString(hostKey().resolveSibling("host_ed25519_key.pub")).strip();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The host key's fingerprint as ssh-keygen shows it, e.g. SHA256:…, computed by OpenSSH itself. */
    public String fingerprint() {
        try {
            Path out = dir.resolve("fingerprint.txt");
            Process process = new ProcessBuilder("ssh-keygen", "-l", "-E", "sha256", "-f",
                    hostKey().resolveSibling("host_ed25519_key.pub").toString())
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("ssh-keygen -l failed: " + Files.readString(out));
            }
            // "256 SHA256:… comment (ED25519)"
            return Files.readString(out).strip().split("\\s+")[1];
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What sshd printed so far (-e: its log). */
    public String log() {
        return daemon.log();
    }

    private Path hostKey() {
        return dir.resolve("host_ed25519_key");
    }

    private void generateHostKey() {
        try {
            Files.deleteIfExists(hostKey());
            Files.deleteIfExists(hostKey().resolveSibling("host_ed25519_key.pub"));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (LocalDaemon.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "test-host",
                "-f", hostKey().toString()), null) != 0) {
            throw new IllegalStateException("ssh-keygen could not make a host key");
        }
    }

    private void writeConfiguration() {
        try {
            // sshd's privilege separation needs this directory, which only the service's start-up makes
            Files.createDirectories(Path.of("/run/sshd"));
            Files.writeString(dir.resolve("sshd_config"), """
                    ListenAddress 127.0.0.1
                    Port %d
                    HostKey %s
                    PidFile none
                    UsePAM no
                    PasswordAuthentication yes
                    KbdInteractiveAuthentication no
                    PubkeyAuthentication no
                    PermitRootLogin no
                    AllowUsers %s
                    StrictModes no
                    Subsystem sftp internal-sftp
                    ChrootDirectory %s
                    ForceCommand internal-sftp
                    """.formatted(port, hostKey(), LocalDaemon.ACCOUNT, root));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startDaemon() {
        daemon = LocalDaemon.start(port, dir.resolve("sshd.log"), "/usr/sbin/sshd", "-D", "-e", "-f",
                dir.resolve("sshd_config").toString());
    }

    @Override
    public void close() {
        daemon.close();
    }
}
