package org.provincial.reporting.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * vsftpd on a port of 127.0.0.1 with TLS required on the control and the data channel (explicit AUTH TLS, or
 * implicit TLS), serving {@code root} to {@link LocalDaemon#ACCOUNT} under the given certificate and key.
 */
public final class Vsftpd implements AutoCloseable {

    private final LocalDaemon daemon;
    private final int port;
    private final boolean implicitTls;
    private final Path log;

    private Vsftpd(LocalDaemon daemon, int port, boolean implicitTls, Path log) {
        this.daemon = daemon;
        this.port = port;
        this.implicitTls = implicitTls;
        this.log = log;
    }

    /** Starts vsftpd; {@code dir} holds its configuration and log. */
    public static Vsftpd start(Path dir, Path root, TestCertificates.Served certificate, boolean implicitTls) {
        LocalDaemon.ensureAccount();
        int port = LocalDaemon.freePort();
        try {
            Path empty = Files.createDirectories(dir.resolve("empty"));
            Path configuration = dir.resolve("vsftpd.conf");
            // require_ssl_reuse=NO: Java's FTPS client does not resume the control channel's TLS session on the
            // data channel; isolate and seccomp off so that it runs in containers too
            Files.writeString(configuration, """
                    listen=YES
                    listen_ipv6=NO
                    listen_address=127.0.0.1
                    listen_port=%d
                    background=NO
                    anonymous_enable=NO
                    local_enable=YES
                    write_enable=YES
                    local_umask=022
                    local_root=%s
                    pam_service_name=vsftpd
                    userlist_enable=NO
                    seccomp_sandbox=NO
                    isolate=NO
                    isolate_network=NO
                    secure_chroot_dir=%s
                    utf8_filesystem=YES
                    ssl_enable=YES
                    implicit_ssl=%s
                    allow_anon_ssl=NO
                    force_local_logins_ssl=YES
                    force_local_data_ssl=YES
                    require_ssl_reuse=NO
                    rsa_cert_file=%s
                    rsa_private_key_file=%s
                    xferlog_enable=YES
                    log_ftp_protocol=YES
                    vsftpd_log_file=%s
                    """.formatted(port, root, empty, implicitTls ? "YES" : "NO", certificate.certificate(),
                    certificate.key(), dir.resolve("vsftpd.log")));
            return new Vsftpd(LocalDaemon.start(port, dir.resolve("vsftpd.out"), "/usr/sbin/vsftpd",
                    configuration.toString()), port, implicitTls, dir.resolve("vsftpd.log"));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The source URL of the server's root for the test account. */
    public String url() {
        return "ftps://" + LocalDaemon.ACCOUNT + ":"
                + URLEncoder.encode(LocalDaemon.PASSWORD, StandardCharsets.UTF_8).replace("+", "%20")
                + "@127.0.0.1:" + port + "/" + (implicitTls ? "?implicit=true" : "");
    }

    public int port() {
        return port;
    }

    /** vsftpd's log: each command (passwords hidden) and each transfer. */
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
        daemon.close();
    }
}
