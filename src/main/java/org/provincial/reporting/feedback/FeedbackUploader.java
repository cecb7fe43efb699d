package org.provincial.reporting.feedback;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.file.remote.RemoteFileEndpoint;
import org.apache.camel.component.file.remote.RemoteFileOperations;
import org.apache.camel.support.DefaultExchange;
import org.provincial.reporting.collect.NetworkFailures;
import org.provincial.reporting.collect.SourceCredentials;
import org.provincial.reporting.collect.SourceEndpoints;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.collect.SourceTrust;
import org.provincial.reporting.collect.UntrustedSourceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.stereotype.Component;

/**
 * Puts feedback files into {@code /<submitter>/feedback/} on the source the submitter's files came from, through a
 * Camel producer (FTP, FTPS, SFTP or a local directory), connecting as the collection does, to a server that proved
 * who it is as the collection requires ({@link SourceTrust}). Each file is written under a temporary name and
 * renamed once complete. Also deletes such files again (annotated copies the retention purges).
 */
@Component
class FeedbackUploader {

    private static final Logger log = LoggerFactory.getLogger(FeedbackUploader.class);

    private static final int MAX_CAUSES = 10;

    /** What Camel's GenericFileOperationFailedException puts around a server's reply. */
    private static final Pattern CAMEL_DECORATION = Pattern.compile("^File operation failed: (null )?|\\. Code: \\d+$");

    private final CamelContext camel;
    private final SourceCredentials credentials;
    private final SourceEndpoints endpoints;
    private final SourceTrust trust;
    private final MessageSourceAccessor texts;

    FeedbackUploader(CamelContext camel, SourceCredentials credentials, SourceEndpoints endpoints, SourceTrust trust,
            MessageSourceAccessor texts) {
        this.camel = camel;
        this.credentials = credentials;
        this.endpoints = endpoints;
        this.trust = trust;
        this.texts = texts;
    }

    /**
     * Uploads {@code files} into the submitter's feedback directory on {@code maskedSource}.
     *
     * @throws UploadFailedException with a reason that never shows the password
     */
    void upload(String maskedSource, String submitter, List<Path> files) {
        SourceLocation source;
        try {
            source = credentials.resolve(maskedSource);
        }
        catch (RuntimeException e) {
            throw new UploadFailedException(e.getMessage(), true);
        }
        try {
            trust.verify(source);
        }
        catch (UntrustedSourceException e) {
            throw new UploadFailedException(e.getMessage(), true);
        }
        String uri = endpoints.uploadUri(source, submitter + "/feedback");
        Endpoint endpoint = null;
        // a template of this upload, closed with it: the Spring Boot starter's shared one would keep this endpoint's
        // producer (and the endpoint, whose URI holds the password) in its cache after the endpoint is removed
        try (ProducerTemplate template = camel.createProducerTemplate()) {
            endpoint = camel.getEndpoint(uri);
            for (Path file : files) {
                template.sendBodyAndHeader(endpoint, file.toFile(), Exchange.FILE_NAME, file.getFileName().toString());
            }
        }
        catch (Exception e) {
            // the producer's own failure, without Camel's "Exception occurred during execution on the exchange"
            Throwable failure = e instanceof CamelExecutionException && e.getCause() != null ? e.getCause() : e;
            log.warn("Cannot upload to {}: {}", source.masked(), masked(reason(failure), source));
            throw new UploadFailedException(NetworkFailures.explain(failure, source.host(), texts),
                    unreachable(failure));
        }
        finally {
            if (endpoint != null) {
                remove(endpoint, source);
            }
        }
    }

    /**
     * Deletes files from the source, each named by its path below the source's root ({@code 440103/feedback/…});
     * a file already gone counts as deleted. Returns the reason, password masked, for each file still there; a source
     * that cannot be reached, or whose password this process does not know, keeps them all.
     */
    Map<String, String> delete(String maskedSource, List<String> paths) {
        Map<String, String> failures = new LinkedHashMap<>();
        SourceLocation source;
        try {
            source = credentials.resolve(maskedSource);
        }
        catch (RuntimeException e) {
            paths.forEach(path -> failures.put(path, e.getMessage()));
            return failures;
        }
        if (source.scheme() == SourceLocation.Scheme.FILE) {
            for (String path : paths) {
                try {
                    Files.deleteIfExists(Path.of(source.directory()).resolve(path));
                }
                catch (IOException e) {
                    log.warn("Cannot delete {} from {}: {}", path, source.masked(), reason(e));
                    failures.put(path, NetworkFailures.explain(e, source.host(), texts));
                }
            }
            return failures;
        }
        try {
            trust.verify(source);
        }
        catch (UntrustedSourceException e) {
            paths.forEach(path -> failures.put(path, e.getMessage()));
            return failures;
        }
        String root = source.directory().isEmpty() ? "" : source.directory() + "/";
        Endpoint endpoint = null;
        RemoteFileOperations<?> operations = null;
        try {
            endpoint = camel.getEndpoint(endpoints.uploadUri(source, ""));
            operations = ((RemoteFileEndpoint<?>) endpoint).createRemoteFileOperations();
            operations.connect(((RemoteFileEndpoint<?>) endpoint).getConfiguration(), new DefaultExchange(camel));
            for (String path : paths) {
                try {
                    if (operations.existsFile(root + path) && !operations.deleteFile(root + path)) {
                        failures.put(path, texts.getMessage("feedback.delete.refused"));
                    }
                }
                catch (RuntimeException e) {
                    log.warn("Cannot delete {} from {}: {}", path, source.masked(), masked(reason(e), source));
                    failures.put(path, NetworkFailures.explain(e, source.host(), texts));
                }
            }
        }
        catch (Exception e) {
            log.warn("Cannot delete from {}: {}", source.masked(), masked(reason(e), source));
            String reason = NetworkFailures.explain(e, source.host(), texts);
            paths.forEach(path -> failures.putIfAbsent(path, reason));
        }
        finally {
            if (operations != null) {
                disconnect(operations, source);
            }
            if (endpoint != null) {
                remove(endpoint, source);
            }
        }
        return failures;
    }

    private void disconnect(RemoteFileOperations<?> operations, SourceLocation source) {
        try {
            operations.disconnect();
        }
        catch (RuntimeException e) {
            log.warn("Cannot disconnect from {}: {}", source.masked(), masked(reason(e), source));
        }
    }

    /** Removes the endpoint, whose URI holds the password, from the Camel context. */
    private void remove(Endpoint endpoint, SourceLocation source) {
        try {
            camel.removeEndpoint(endpoint);
        }
        catch (Exception e) {
            log.warn("Cannot remove the upload endpoint of {}: {}", source.masked(), masked(reason(e), source));
        }
    }

    /** True when the server could not be reached at all, so that its other uploads need not be tried. */
    private static boolean unreachable(Throwable exception) {
        int depth = 0;
        for (Throwable t = exception; t != null && depth++ < MAX_CAUSES; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** The messages of an exception and its causes, each once. */
    private static String reason(Throwable exception) {
        StringBuilder reason = new StringBuilder();
        int depth = 0;
        for (Throwable t = exception; t != null && depth++ < MAX_CAUSES; t = t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName()
                    : CAMEL_DECORATION.matcher(t.getMessage()).replaceAll("").replaceAll("\\s+", " ").strip();
            if (!message.isEmpty() && reason.indexOf(message) < 0) {
                reason.append(reason.isEmpty() ? "" : ": ").append(message);
            }
        }
        return reason.toString();
    }

    private static String masked(String text, SourceLocation source) {
        String password = source.password();
        if (password == null || password.isEmpty()) {
            return text;
        }
        return text.replace(password, "***")
                .replace(URLEncoder.encode(password, StandardCharsets.UTF_8), "***")
                .replace(URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20"), "***");
    }

    /** An upload that did not happen; the message never shows the password (no cause is kept: its message might). */
    static final class UploadFailedException extends RuntimeException {

        private final boolean sourceUnusable;

        UploadFailedException(String message, boolean sourceUnusable) {
            super(message);
            this.sourceUnusable = sourceUnusable;
        }

        /** True when no upload to this source can succeed in this run: unreachable, or its password unknown. */
        boolean sourceUnusable() {
            return sourceUnusable;
        }
    }
}
