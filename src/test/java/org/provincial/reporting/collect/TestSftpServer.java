package org.provincial.reporting.collect;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/** An Apache SSHD SFTP server on a free port of 127.0.0.1 with one password user, jailed in the given root. */
public final class TestSftpServer implements AutoCloseable {

    static final String USER = "county";
    public static final String PASSWORD = "pa$$ w0rd#1";

    private final SshServer server;

    private TestSftpServer(SshServer server) {
        this.server = server;
    }

    public static TestSftpServer start(Path root, Path hostKey) throws IOException {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(hostKey));
        server.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        server.start();
        return new TestSftpServer(server);
    }

    public SourceLocation source() {
        return SourceLocation.parse("sftp://" + USER + ":"
                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8).replace("+", "%20")
                + "@127.0.0.1:" + server.getPort() + "/");
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
