package org.provincial.reporting.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;

import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.filesystem.nativefs.NativeFileSystemFactory;
import org.apache.ftpserver.ftplet.FileSystemView;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpFile;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.impl.DefaultFtpServer;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.ClearTextPasswordEncryptor;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.TransferRatePermission;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import org.provincial.reporting.collect.SourceLocation;

/**
 * A real Apache FtpServer on a free (or chosen) port of 127.0.0.1, serving {@code root} to one user with write
 * permission and a password full of URL-special characters; optionally with faults: downloads that break off or
 * crawl.
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
        return start(root, port, (path, content) -> content, 0);
    }

    /** What the server sends for a download (RETR) of {@code path}: the file's content, or something made of it. */
    @FunctionalInterface
    public interface Downloads {
        InputStream open(String path, InputStream content) throws IOException;
    }

    /**
     * Starts the server with faults: every download goes through {@code downloads} (a stream that fails after some
     * bytes makes the server abort the transfer half sent), and at most {@code downloadBytesPerSecond} (0: no limit).
     */
    public static FtpTestServer start(Path root, int port, Downloads downloads, int downloadBytesPerSecond) {
        try {
            Files.createDirectories(root);
            FtpServerFactory factory = new FtpServerFactory();
            ListenerFactory listener = new ListenerFactory();
            listener.setServerAddress("127.0.0.1");
            listener.setPort(port);
            factory.addListener("default", listener.createListener());
            NativeFileSystemFactory files = new NativeFileSystemFactory();
            factory.setFileSystem(user -> filtered(files.createFileSystemView(user), downloads));

            PropertiesUserManagerFactory users = new PropertiesUserManagerFactory();
            users.setPasswordEncryptor(new ClearTextPasswordEncryptor());
            UserManager userManager = users.createUserManager();
            BaseUser user = new BaseUser();
            user.setName(USER);
            user.setPassword(PASSWORD);
            user.setHomeDirectory(root.toAbsolutePath().toString());
            user.setAuthorities(List.of(new WritePermission(), new TransferRatePermission(downloadBytesPerSecond, 0)));
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

    /** A view whose files open their downloads through {@code downloads}; everything else as the native view. */
    private static FileSystemView filtered(FileSystemView view, Downloads downloads) {
        return proxy(FileSystemView.class, view, (method, args) -> {
            Object result = method.invoke(view, args);
            return method.getName().equals("getFile") ? filteredFile((FtpFile) result, downloads) : result;
        });
    }

    private static FtpFile filteredFile(FtpFile file, Downloads downloads) {
        return proxy(FtpFile.class, file, (method, args) -> method.getName().equals("createInputStream")
                ? downloads.open(file.getAbsolutePath().substring(1), (InputStream) method.invoke(file, args))
                : method.invoke(file, args));
    }

    /** What a proxy does with a call; InvocationTargetException is unwrapped, so callers see the real exception. */
    private interface Call {
        Object apply(java.lang.reflect.Method method, Object[] args) throws Exception;
    }

    /** A proxy's handler, which knows its target: a proxied file passed back in (a rename's target) is unwrapped. */
    private record Forwarding(Object target, Call call) implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
            Object[] unwrapped = args == null ? null : Arrays.stream(args)
                    .map(arg -> arg != null && Proxy.isProxyClass(arg.getClass())
                            && Proxy.getInvocationHandler(arg) instanceof Forwarding forwarding ? forwarding.target : arg)
                    .toArray();
            try {
                return call.apply(method, unwrapped);
            }
            catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    private static <T> T proxy(Class<T> type, T target, Call call) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
                new Forwarding(target, call)));
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
