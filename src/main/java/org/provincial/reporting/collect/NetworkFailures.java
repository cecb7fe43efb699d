package org.provincial.reporting.collect;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;

import javax.net.ssl.SSLException;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.SftpException;
import org.apache.camel.component.file.GenericFileOperationFailedException;

import org.springframework.context.support.MessageSourceAccessor;

/**
 * The failures everyone meets reaching a source, in Chinese: the network's (refused, unknown host, no route, timeout),
 * then the servers' (a login refused, an FTP reply refusing the operation, an SFTP file missing or denied, TLS not
 * established); anything else by its type alone, its libraries' English left to the log.
 */
public final class NetworkFailures {

    private static final int MAX_CAUSES = 10;

    private NetworkFailures() {
    }

    /** What the first such failure among the exception and its causes means, or empty when there is none. */
    public static Optional<String> describe(Throwable exception, String host, MessageSourceAccessor texts) {
        int depth = 0;
        for (Throwable t = exception; t != null && depth++ < MAX_CAUSES; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return Optional.of(texts.getMessage("collect.reason.refused"));
            }
            if (t instanceof UnknownHostException) {
                return Optional.of(texts.getMessage("collect.reason.unknown-host", new Object[] { host }));
            }
            if (t instanceof NoRouteToHostException) {
                return Optional.of(texts.getMessage("collect.reason.no-route", new Object[] { host }));
            }
            if (t instanceof SocketTimeoutException) {
                return Optional.of(texts.getMessage("collect.reason.timeout"));
            }
        }
        depth = 0;
        for (Throwable t = exception; t != null && depth++ < MAX_CAUSES; t = t.getCause()) {
            Optional<String> server = server(t, texts);
            if (server.isPresent()) {
                return server;
            }
        }
        return Optional.empty();
    }

    /** {@link #describe}, else the failure named by the type of its innermost cause (its message goes to the log). */
    public static String explain(Throwable exception, String host, MessageSourceAccessor texts) {
        return describe(exception, host, texts).orElseGet(() -> {
            Throwable innermost = exception;
            for (int depth = 0; innermost.getCause() != null && depth < MAX_CAUSES; depth++) {
                innermost = innermost.getCause();
            }
            return texts.getMessage("collect.reason.other", new Object[] { innermost.getClass().getSimpleName() });
        });
    }

    private static Optional<String> server(Throwable t, MessageSourceAccessor texts) {
        if (t instanceof GenericFileOperationFailedException ftp && ftp.getCode() >= 400) {
            Object[] code = { String.valueOf(ftp.getCode()) };
            return Optional.of(switch (ftp.getCode()) {
                case 530 -> texts.getMessage("collect.reason.login");
                case 421 -> texts.getMessage("collect.reason.closing");
                case 550 -> texts.getMessage("collect.reason.denied", code);
                case 452, 552 -> texts.getMessage("collect.reason.no-space", code);
                default -> texts.getMessage("collect.reason.ftp-reply", code);
            });
        }
        if (t instanceof JSchException && t.getMessage() != null
                && (t.getMessage().startsWith("Auth fail") || t.getMessage().startsWith("Auth cancel"))) {
            return Optional.of(texts.getMessage("collect.reason.login"));
        }
        if (t instanceof SftpException sftp && sftp.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
            return Optional.of(texts.getMessage("collect.reason.sftp-missing"));
        }
        if (t instanceof SftpException sftp && sftp.id == ChannelSftp.SSH_FX_PERMISSION_DENIED) {
            return Optional.of(texts.getMessage("collect.reason.sftp-denied"));
        }
        if (t instanceof SSLException) {
            return Optional.of(texts.getMessage("collect.reason.tls"));
        }
        return Optional.empty();
    }
}
