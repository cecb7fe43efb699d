package org.provincial.reporting.observability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;
import org.apache.commons.net.ftp.FTPSClient;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.schedule.RunLauncher;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code sources}: each source runs collect from (serve's, else those of jobs/) is reached with a short
 * timeout — FTP and FTPS log in, SFTP opens a session, a local directory must be readable. Sources appear masked.
 */
@Component
@ConditionalOnWebApplication
class SourcesHealthIndicator implements HealthIndicator {

    private final RunLauncher launcher;
    private final int timeoutMillis;

    SourcesHealthIndicator(RunLauncher launcher,
            @Value("${reporting.health.source-timeout:3s}") Duration timeout) {
        this.launcher = launcher;
        this.timeoutMillis = (int) timeout.toMillis();
    }

    @Override
    public Health health() {
        Map<String, String> details = new LinkedHashMap<>();
        boolean allUp = true;
        for (SourceLocation source : launcher.sourcesInUse()) {
            String problem = problem(source);
            details.put(source.masked(), problem == null ? "UP" : "DOWN: " + problem);
            allUp &= problem == null;
        }
        return (allUp ? Health.up() : Health.down()).withDetails(details).build();
    }

    /** What keeps the source from being collected, or null when it answers. */
    private String problem(SourceLocation source) {
        try {
            return switch (source.scheme()) {
                case FILE -> Files.isDirectory(Path.of(source.directory())) && Files.isReadable(Path.of(source.directory()))
                        ? null : "not a readable directory";
                case FTP, FTPS -> ftp(source);
                case SFTP -> sftp(source);
            };
        }
        catch (IOException | JSchException | RuntimeException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
    }

    private String ftp(SourceLocation source) throws IOException {
        FTPClient client = source.scheme() == SourceLocation.Scheme.FTPS ? new FTPSClient(false) : new FTPClient();
        client.setConnectTimeout(timeoutMillis);
        client.setDefaultTimeout(timeoutMillis);
        try {
            client.connect(source.host(), source.port());
            client.setSoTimeout(timeoutMillis);
            if (!FTPReply.isPositiveCompletion(client.getReplyCode())) {
                return "the server refused the connection (" + client.getReplyCode() + ")";
            }
            String user = source.username() == null ? "anonymous" : source.username();
            if (!client.login(user, source.password() == null ? "" : source.password())) {
                return "the login of " + user + " was refused (" + client.getReplyCode() + ")";
            }
            client.logout();
            return null;
        }
        finally {
            if (client.isConnected()) {
                client.disconnect();
            }
        }
    }

    private String sftp(SourceLocation source) throws JSchException {
        Session session = new JSch().getSession(source.username(), source.host(), source.port());
        if (source.password() != null) {
            session.setPassword(source.password());
        }
        session.setConfig("StrictHostKeyChecking", "no");
        session.setTimeout(timeoutMillis);
        try {
            session.connect(timeoutMillis);
            return null;
        }
        finally {
            session.disconnect();
        }
    }
}
