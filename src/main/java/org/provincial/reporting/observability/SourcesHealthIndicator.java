package org.provincial.reporting.observability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;
import org.provincial.reporting.collect.HostKeys;
import org.provincial.reporting.collect.ServerCertificates;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.collect.SourceTrust;
import org.provincial.reporting.collect.UntrustedSourceException;
import org.provincial.reporting.schedule.RunLauncher;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code sources}: each source runs collect from (serve's, else those of jobs/) is reached with a short
 * timeout — FTP and FTPS log in, SFTP opens a session, a local directory must be readable — after the server proved
 * who it is as for collection ({@link SourceTrust}): an untrusted server is DOWN with the reason. Sources appear
 * masked.
 */
@Component
@ConditionalOnWebApplication
class SourcesHealthIndicator implements HealthIndicator {

    private final RunLauncher launcher;
    private final SourceTrust trust;
    private final HostKeys hostKeys;
    private final ServerCertificates certificates;
    private final int timeoutMillis;

    SourcesHealthIndicator(RunLauncher launcher, SourceTrust trust, HostKeys hostKeys, ServerCertificates certificates,
            @Value("${reporting.health.source-timeout:3s}") Duration timeout) {
        this.launcher = launcher;
        this.trust = trust;
        this.hostKeys = hostKeys;
        this.certificates = certificates;
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
    String problem(SourceLocation source) {
        try {
            trust.verify(source);
            return switch (source.scheme()) {
                case FILE -> Files.isDirectory(Path.of(source.directory())) && Files.isReadable(Path.of(source.directory()))
                        ? null : "not a readable directory";
                case FTP, FTPS -> ftp(source);
                case SFTP -> sftp(source);
            };
        }
        catch (UntrustedSourceException e) {
            return e.getMessage();
        }
        catch (IOException | JSchException | RuntimeException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
    }

    private String ftp(SourceLocation source) throws IOException {
        FTPClient client = source.scheme() == SourceLocation.Scheme.FTPS ? certificates.client(source) : new FTPClient();
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
        Session session = hostKeys.session(source, timeoutMillis);
        try {
            session.connect(timeoutMillis);
            return null;
        }
        finally {
            session.disconnect();
        }
    }
}
