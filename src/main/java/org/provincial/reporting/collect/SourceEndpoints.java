package org.provincial.reporting.collect;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Camel consumer endpoint URI of a source: read-only (noop), recursive, idempotent on path, size and
 * modification time, never reading a file that is still changing, and failing loudly when the source is unreachable.
 * The URI holds the password (as RAW), so it is never logged: log {@link SourceLocation#masked()} instead.
 */
final class SourceEndpoints {

    /** The idempotent key: the path below the source, the size and the modification time in epoch millis. */
    static final String IDEMPOTENT_KEY = "${file:name}-${file:size}-${file:modified}";

    private SourceEndpoints() {
    }

    static String uri(SourceLocation source, CollectProperties properties) {
        Map<String, Object> options = new LinkedHashMap<>();
        // read every file below the root once, never change anything on the source
        options.put("recursive", true);
        options.put("noop", true);
        options.put("antExclude", "**/feedback/**");
        options.put("idempotent", true);
        options.put("idempotentEager", false);
        options.put("idempotentKey", raw(IDEMPOTENT_KEY));
        // only read a file once its size and modification time stop changing; empty files are registered too
        options.put("readLock", "changed");
        options.put("readLockCheckInterval", properties.readLockCheckInterval().toMillis());
        options.put("readLockMinAge", properties.readLockMinAge().toMillis());
        options.put("readLockTimeout", properties.readLockTimeout().toMillis());
        options.put("readLockMinLength", 0);
        options.put("readLockLoggingLevel", "WARN");
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
        options.put("binary", true);
        // stream each file to the archive instead of holding it in memory; streaming requires stepwise=false
        options.put("download", true);
        options.put("streamDownload", true);
        options.put("stepwise", false);
        options.put("throwExceptionOnConnectFailed", true);
        options.put("maximumReconnectAttempts", properties.reconnectAttempts());
        options.put("reconnectDelay", properties.reconnectDelay().toMillis());
        options.put("connectTimeout", properties.connectTimeout().toMillis());
        switch (source.scheme()) {
            case FTP -> {
                options.put("passiveMode", true);
                options.put("ftpClient.controlEncoding", properties.ftpControlEncoding());
            }
            case FTPS -> {
                options.put("passiveMode", true);
                options.put("ftpClient.controlEncoding", properties.ftpControlEncoding());
                options.put("implicit", false);
            }
            case SFTP -> {
                options.put("strictHostKeyChecking", "no");
                options.put("useUserKnownHostsFile", false);
            }
            default -> throw new IllegalStateException("Unexpected scheme " + source.scheme());
        }
        if (source.username() != null) {
            options.put("username", raw(source.username()));
        }
        if (source.password() != null) {
            options.put("password", raw(source.password()));
        }
        return source.scheme().prefix() + "://" + source.host() + ":" + source.port() + "/" + source.directory()
                + "?" + query(options);
    }

    private static String query(Map<String, Object> options) {
        return options.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
    }

    /** Camel's RAW(…) takes a value as it is; RAW{…} serves values holding ')' (parse refuses both ')' and '}'). */
    private static String raw(String value) {
        return value.contains(")") ? "RAW{" + value + "}" : "RAW(" + value + ")";
    }
}
