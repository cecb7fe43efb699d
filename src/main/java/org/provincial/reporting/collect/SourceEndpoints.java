package org.provincial.reporting.collect;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.util.URISupport;

import org.springframework.stereotype.Component;

/**
 * The Camel consumer endpoint URI of a source: read-only (noop), recursive, idempotent on path, size and
 * modification time, and failing loudly when the source is unreachable;
 * and the producer URI that puts files back on a source (feedback). The URIs hold the password (as RAW), so they are
 * never logged: log {@link SourceLocation#masked()} instead.
 */
@Component
public class SourceEndpoints {

    /** The idempotent key: the path below the source, the size and the modification time in epoch millis. */
    static final String IDEMPOTENT_KEY = "${file:name}-${file:size}-${file:modified}";

    private final CollectProperties properties;
    private final HostKeys hostKeys;

    public SourceEndpoints(CollectProperties properties, HostKeys hostKeys) {
        this.properties = properties;
        this.hostKeys = hostKeys;
    }

    String collectUri(SourceLocation source) {
        Map<String, Object> options = new LinkedHashMap<>();
        // read every file below the root once, never change anything on the source
        options.put("recursive", true);
        options.put("noop", true);
        options.put("antExclude", "**/feedback/**");
        options.put("idempotent", true);
        options.put("idempotentEager", false);
        options.put("idempotentKey", raw(IDEMPOTENT_KEY));
        // StableFiles, the route's filter, waits for each file to stop changing over two listings of the polls
        options.put("readLock", "none");
        // an empty poll still reports that it is complete; errors while polling reach the route's onException
        options.put("sendEmptyMessageWhenIdle", true);
        options.put("bridgeErrorHandler", true);
        options.put("initialDelay", 0);
        options.put("delay", properties.pollDelay().toMillis());
        options.put("autoCreate", false);
        if (source.scheme() == SourceLocation.Scheme.FILE) {
            options.put("readLockMarkerFile", false);
            options.put("readLockDeleteOrphanLockFiles", false);
            options.put("startingDirectoryMustExist", true);
            options.put("directoryMustExist", true);
            return "file:" + source.directory() + "?" + query(options);
        }
        // stream each file to the archive instead of holding it in memory; streaming requires stepwise=false
        options.put("download", true);
        options.put("streamDownload", true);
        options.put("stepwise", false);
        options.put("throwExceptionOnConnectFailed", true);
        options.put("reconnectDelay", properties.reconnectDelay().toMillis());
        return remoteUri(source, source.directory(), options);
    }

    /**
     * The producer URI that writes files into {@code directory} (below the source's root, e.g.
     * {@code 440103/feedback}), creating it if needed: each file is written under a temporary name and renamed when
     * complete, replacing an earlier file of that name only then, so nobody ever sees half a file.
     */
    public String uploadUri(SourceLocation source, String directory) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("fileExist", "Override");
        options.put("autoCreate", true);
        options.put("tempPrefix", ".uploading-");
        options.put("eagerDeleteTargetFile", false);
        if (source.scheme() == SourceLocation.Scheme.FILE) {
            return "file:" + source.directory() + "/" + directory + "?" + query(options);
        }
        options.put("disconnect", true);
        String root = source.directory().isEmpty() ? "" : source.directory() + "/";
        return remoteUri(source, root + directory, options);
    }

    /**
     * Adds what every FTP, FTPS and SFTP endpoint needs: binary transfers, timeouts, scheme options (who the server
     * must prove to be: {@link ServerCertificates}, {@link HostKeys}), credentials.
     */
    private String remoteUri(SourceLocation source, String path, Map<String, Object> options) {
        options.put("binary", true);
        options.put("connectTimeout", properties.connectTimeout().toMillis());
        options.put("maximumReconnectAttempts", properties.reconnectAttempts());
        switch (source.scheme()) {
            case FTP -> {
                options.put("passiveMode", true);
                options.put("ftpClient.controlEncoding", controlEncoding(source));
            }
            case FTPS -> {
                options.put("passiveMode", true);
                options.put("ftpClient.controlEncoding", controlEncoding(source));
                options.putAll(ServerCertificates.endpointOptions(source));
            }
            case SFTP -> options.putAll(hostKeys.endpointOptions());
            default -> throw new IllegalStateException("Unexpected scheme " + source.scheme());
        }
        if (source.username() != null) {
            options.put("username", raw(source.username()));
        }
        if (source.password() != null) {
            options.put("password", raw(source.password()));
        }
        return source.scheme().prefix() + "://" + source.host() + ":" + source.port() + "/" + path + "?" + query(options);
    }

    /** The charset of names on an FTP or FTPS source's control connection: its own (?encoding=…) or the configured one. */
    String controlEncoding(SourceLocation source) {
        return source.controlEncoding() != null ? source.controlEncoding() : properties.ftpControlEncoding();
    }

    /** The options as a query, in their order, unencoded: Camel's own writing, which keeps a RAW value's % as it is. */
    private static String query(Map<String, Object> options) {
        return URISupport.createQueryString(options, false);
    }

    /** Camel's RAW(…) takes a value as it is; RAW{…} serves values holding ')' (parse refuses both ')' and '}'). */
    private static String raw(String value) {
        return value.contains(")") ? "RAW{" + value + "}" : "RAW(" + value + ")";
    }
}
