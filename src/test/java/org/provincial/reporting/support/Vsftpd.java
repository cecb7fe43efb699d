package org.provincial.reporting.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;

/**
 * vsftpd on a port of 127.0.0.1, serving {@code root} to {@link LocalDaemon#ACCOUNT}: with TLS required on the
 * control and the data channel (explicit AUTH TLS, or implicit TLS) under the given certificate and key, or as plain
 * FTP listing times in a given zone's local time.
 */
public final class Vsftpd implements AutoCloseable {

    private final LocalDaemon daemon;
    private final int port;
    private final String scheme;
    private final String query;
    private final Path log;

    private Vsftpd(LocalDaemon daemon, int port, String scheme, String query, Path log) {
        this.daemon = daemon;
        this.port = port;
        this.scheme = scheme;
        this.query = query;
        this.log = log;
    }

    /** Starts vsftpd with TLS; {@code dir} holds its configuration and log. */
    public static Vsftpd start(Path dir, Path root, TestCertificates.Served certificate, boolean implicitTls) {
        // require_ssl_reuse=NO: Java's FTPS client does not resume the control channel's TLS session on the data
        // channel
        String tls = """
                utf8_filesystem=YES
                ssl_enable=YES
                implicit_ssl=%s
                allow_anon_ssl=NO
                force_local_logins_ssl=YES
                force_local_data_ssl=YES
                require_ssl_reuse=NO
                rsa_cert_file=%s
                rsa_private_key_file=%s
                """.formatted(implicitTls ? "YES" : "NO", certificate.certificate(), certificate.key());
        return start(dir, root, tls, Map.of(), "ftps", implicitTls ? "?implicit=true" : "");
    }

    /**
     * Starts vsftpd serving plain FTP that lists modification times in the zone's local time, to the minute
     * ({@code use_localtime=YES} under {@code TZ}, as servers in China list Beijing time), and sends names as the
     * bytes on disk (no UTF8 feature: a name written in GBK is sent in GBK); {@code dir} holds its configuration and
     * log.
     */
    public static Vsftpd plain(Path dir, Path root, ZoneId zone) {
        return start(dir, root, "use_localtime=YES\n", Map.of("TZ", zone.getId()), "ftp", "");
    }

    private static Vsftpd start(Path dir, Path root, String options, Map<String, String> environment, String scheme,
            String query) {
        LocalDaemon.ensureAccount();
        int port = LocalDaemon.freePort();
        try {
            Path empty = Files.createDirectories(dir.resolve("empty"));
            Path configuration = dir.resolve("vsftpd.conf");
            // isolate and seccomp off so that it runs in containers too
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
                    xferlog_enable=YES
                    log_ftp_protocol=YES
                    vsftpd_log_file=%s
                    """.formatted(port, root, empty, dir.resolve("vsftpd.log")) + options);
            return new Vsftpd(LocalDaemon.start(port, dir.resolve("vsftpd.out"), environment, "/usr/sbin/vsftpd",
                    configuration.toString()), port, scheme, query, dir.resolve("vsftpd.log"));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The source URL of the server's root for the test account. */
    public String url() {
        return scheme + "://" + LocalDaemon.ACCOUNT + ":"
                + URLEncoder.encode(LocalDaemon.PASSWORD, StandardCharsets.UTF_8).replace("+", "%20")
                + "@127.0.0.1:" + port + "/" + query;
    }

    public int port() {
        return port;
    }

    /**
     * Uploads files to a plain FTP server as a submitter's FTP client does (binary STOR, as the test account): remote
     * path below the root → local file; the directories must exist.
     */
    public void upload(Map<String, Path> files) {
        session(client -> {
            for (Map.Entry<String, Path> file : files.entrySet()) {
                try (InputStream in = Files.newInputStream(file.getValue())) {
                    check(client, client.storeFile(file.getKey(), in), "STOR " + file.getKey());
                }
            }
            return null;
        });
    }

    /** The lines a plain FTP server's LIST of the directory (below the root) sends, as sent. */
    public List<String> listing(String directory) {
        return session(client -> Stream.of(client.listFiles(directory)).map(FTPFile::getRawListing).toList());
    }

    /** What a test does on a logged-in, passive, binary connection. */
    @FunctionalInterface
    private interface Session<T> {
        T run(FTPClient client) throws IOException;
    }

    private <T> T session(Session<T> session) {
        FTPClient client = new FTPClient();
        try {
            client.connect("127.0.0.1", port);
            check(client, client.login(LocalDaemon.ACCOUNT, LocalDaemon.PASSWORD), "USER/PASS");
            client.enterLocalPassiveMode();
            check(client, client.setFileType(FTP.BINARY_FILE_TYPE), "TYPE I");
            T result = session.run(client);
            client.logout();
            return result;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        finally {
            try {
                client.disconnect();
            }
            catch (IOException e) {
                // the session's outcome is known already
            }
        }
    }

    private static void check(FTPClient client, boolean done, String what) {
        if (!done) {
            throw new IllegalStateException(what + " refused by vsftpd: " + client.getReplyString());
        }
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
