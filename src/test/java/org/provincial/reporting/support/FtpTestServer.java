package org.provincial.reporting.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.impl.DefaultFtpServer;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.ClearTextPasswordEncryptor;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import org.provincial.reporting.collect.SourceLocation;

/**
 * A real Apache FtpServer on a free (or chosen) port of 127.0.0.1, serving {@code root} to one user with write
 * permission and a password full of URL-special characters.
 */
public final class FtpTestServer implements AutoCloseable {

    public static final String USER = "collector";
    public static final String PASSWORD = "s3cr&t+p@ss:w/rd";

    private final DefaultFtpServer server;
    private final int port;
    private final Path root;

    private FtpTestServer(DefaultFtpServer server, int port, Path root) {
        this.server = server;
        this.port = port;
        this.root = root;
    }

    public static FtpTestServer start(Path root) {
        return start(root, 0);
    }

    /** Starts the server on a chosen port of 127.0.0.1 (0 picks a free one), e.g. one a test first found closed. */
    public static FtpTestServer start(Path root, int port) {
        try {
            Files.createDirectories(root);
            FtpServerFactory factory = new FtpServerFactory();
            ListenerFactory listener = new ListenerFactory();
            listener.setServerAddress("127.0.0.1");
            listener.setPort(port);
            factory.addListener("default", listener.createListener());

            PropertiesUserManagerFactory users = new PropertiesUserManagerFactory();
            users.setPasswordEncryptor(new ClearTextPasswordEncryptor());
            UserManager userManager = users.createUserManager();
            BaseUser user = new BaseUser();
            user.setName(USER);
            user.setPassword(PASSWORD);
            user.setHomeDirectory(root.toAbsolutePath().toString());
            user.setAuthorities(List.of(new WritePermission()));
            userManager.save(user);
            factory.setUserManager(userManager);

            DefaultFtpServer server = (DefaultFtpServer) factory.createServer();
            server.start();
            return new FtpTestServer(server, server.getListener("default").getPort(), root);
        }
        catch (FtpException | IOException e) {
            throw new IllegalStateException("Cannot start the test FTP server", e);
        }
    }

    /** The source URL of this server's root, password included. */
    public String url() {
        return "ftp://" + USER + ":" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "@127.0.0.1:" + port + "/";
    }

    public SourceLocation source() {
        return SourceLocation.parse(url());
    }

    public Path root() {
        return root;
    }

    public int port() {
        return port;
    }

    /** Places a local file at {@code /<remoteDirectory>/<name>} on the server, as if uploaded. */
    public void put(Path file, String remoteDirectory) {
        try {
            Path target = root.resolve(remoteDirectory).resolve(file.getFileName().toString());
            Files.createDirectories(target.getParent());
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
