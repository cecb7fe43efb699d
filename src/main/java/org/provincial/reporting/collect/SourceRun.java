package org.provincial.reporting.collect;

import java.io.InputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.camel.Exchange;
import org.apache.camel.Ordered;
import org.apache.camel.Processor;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.apache.camel.support.SynchronizationAdapter;
import org.provincial.reporting.collect.SubmissionArchive.ArchivedFile;
import org.provincial.reporting.collect.SubmissionRegistry.Receipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.support.MessageSourceAccessor;

/**
 * One source's part in one collection: receives the files its route delivers (archive, then register), counts the
 * new submissions, and completes {@link #drained()} when the first poll in which no transfer broke off and no file
 * was still changing is done, or when the source fails. A file whose transfer broke off is left to the next poll, up to {@code transferRetries}
 * times. Files are registered in batches of up to {@link #BATCH_FILES}: each archived (its content synced) as it
 * comes, then at the end of the batch or of the poll their archive directories are synced once and the batch is
 * registered, with the marks that it was collected, in one transaction. A crash before that commit leaves the batch's
 * files unmarked: the next run collects them again, and the archive already holds their bytes.
 */
final class SourceRun implements Processor {

    /** Files registered in one transaction. */
    static final int BATCH_FILES = 100;

    private static final Logger log = LoggerFactory.getLogger(SourceRun.class);

    /** What Camel's GenericFileOperationFailedException puts around a server's reply. */
    private static final Pattern CAMEL_DECORATION = Pattern.compile(
            "^File operation failed: (null )?|\\. Code: \\d+$");

    private final SourceLocation source;
    private final long jobExecutionId;
    private final CollectionProgress progress;
    private final SubmissionArchive archive;
    private final SubmissionRegistry registry;
    private final Map<String, Integer> byStatus = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private final int transferRetries;
    private final StableFiles stableFiles;
    private final MessageSourceAccessor texts;
    private final Map<String, Integer> brokenTransfers = new ConcurrentHashMap<>();
    private volatile boolean brokenInThisPoll;
    private final List<Archived> batch = new ArrayList<>();
    private final List<String> collectedKeys = new ArrayList<>();

    SourceRun(SourceLocation source, long jobExecutionId, CollectionProgress progress, SubmissionArchive archive,
              SubmissionRegistry registry, int transferRetries, StableFiles stableFiles, MessageSourceAccessor texts) {
        this.source = source;
        this.jobExecutionId = jobExecutionId;
        this.progress = progress;
        this.archive = archive;
        this.registry = registry;
        this.transferRetries = transferRetries;
        this.stableFiles = stableFiles;
        this.texts = texts;
    }

    SourceLocation source() {
        return source;
    }

    /** The route's filter: lets through the files that stopped changing, and knows those left for a later run. */
    StableFiles stableFiles() {
        return stableFiles;
    }

    /**
     * Completes normally once every file of a poll is processed and none is still changing (each complete, or left
     * once the wait for it ended); exceptionally when the source fails.
     */
    CompletableFuture<Void> drained() {
        return drained;
    }

    /** The new submissions registered so far, by status. */
    Map<String, Integer> byStatus() {
        return Map.copyOf(byStatus);
    }

    /**
     * Receives one file, or the empty message of an idle poll. When the poll's last exchange is done, the poll is
     * drained: {@link PollDrained} runs after the file's own completion work (its idempotent repository entry).
     */
    @Override
    public void process(Exchange exchange) throws Exception {
        if (exchange.getProperty(Exchange.BATCH_INDEX, 0, Integer.class) == 0) {
            brokenInThisPoll = false;
        }
        String remotePath = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
        if (remotePath != null) {
            receive(exchange, remotePath.replace('\\', '/'));
            exchange.getExchangeExtension().addOnCompletion(new FileDone());
        }
        if (exchange.getProperty(Exchange.BATCH_COMPLETE, false, Boolean.class)) {
            exchange.getExchangeExtension().addOnCompletion(new PollDrained());
        }
    }

    /**
     * The idempotent repository's mark that a file was collected, given when its exchange is done: kept with the
     * batch and written in the batch's transaction.
     */
    synchronized void collected(String idempotentKey) {
        collectedKeys.add(idempotentKey);
    }

    /** The route's failure handler: a poll or a file failed, so this source's collection fails unless drained. */
    void failed(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String remotePath = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
        String reason = reason(cause);
        RuntimeException failure;
        if (remotePath != null && brokeOff(cause)) {
            int attempts = brokenTransfers.merge(remotePath, 1, Integer::sum);
            if (attempts <= transferRetries) {
                // not rolled into the idempotent repository: the next poll fetches the file again
                brokenInThisPoll = true;
                log.warn("The transfer of {} from {} failed ({}); fetching it again ({} of {})", remotePath,
                        source.masked(), reason, attempts, transferRetries);
                return;
            }
            failure = unavailable(texts.getMessage("collect.broke-off", new Object[] { remotePath, reason, attempts }));
        }
        else if (remotePath == null || cause instanceof GenericFileOperationFailedException) {
            failure = unavailable(reason);
        }
        else {
            failure = new IllegalStateException(texts.getMessage("collect.register-failed",
                    new Object[] { remotePath, source.masked(), reason }));
        }
        if (drained.completeExceptionally(failure)) {
            log.warn("{} ({})", failure.getMessage(), technical(cause));
        }
    }

    /** Whether fetching the file failed on the way (its retrieval refused, the connection dropped, data missing). */
    private static boolean brokeOff(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnexpectedSizeException || t instanceof GenericFileOperationFailedException
                    || t instanceof SocketException || t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** A failure of this source, with the reason's text masked. */
    SourceUnavailableException unavailable(String reason) {
        return new SourceUnavailableException(texts.getMessage("collect.unavailable",
                new Object[] { source.masked(), source.mask(reason) }));
    }

    /**
     * Why the source failed, for people, in Chinese: a failure of the network, the server or the transfer that everyone
     * meets (refused, unknown host, timeout, login refused, a transfer broken off), else the type of the innermost cause
     * (its callers log the libraries' own messages, {@link #technical}).
     */
    String reason(Throwable exception) {
        int depth = 0;
        for (Throwable t = exception; t != null && depth++ < 10; t = t.getCause()) {
            if (t instanceof UnexpectedSizeException size) {
                return size.received() < size.listed()
                        ? texts.getMessage("collect.reason.broke-off", new Object[] { size.received(), size.listed() })
                        : texts.getMessage("collect.reason.grew", new Object[] { size.received(), size.listed() });
            }
        }
        return NetworkFailures.explain(exception, source.host(), texts);
    }

    /** The messages of an exception and its causes, each once, without Camel's decoration, password masked. */
    String technical(Throwable exception) {
        StringBuilder reason = new StringBuilder();
        int depth = 0;
        for (Throwable t = exception; t != null && depth++ < 10; t = t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : CAMEL_DECORATION.matcher(
                    t.getMessage()).replaceAll("").replaceAll("\\s+", " ").strip();
            if (!message.isEmpty() && reason.indexOf(message) < 0) {
                reason.append(reason.isEmpty() ? "" : ": ").append(message);
            }
        }
        return source.mask(reason.toString());
    }

    private void receive(Exchange exchange, String remotePath) throws Exception {
        long size = exchange.getIn().getHeader(Exchange.FILE_LENGTH, Long.class);
        long modified = exchange.getIn().getHeader(Exchange.FILE_LAST_MODIFIED, Long.class);
        ArchivedFile file;
        try (InputStream content = exchange.getIn().getMandatoryBody(InputStream.class)) {
            file = archive.store(content, size);
        }
        String receiptKey = source.masked() + "|" + remotePath + "|" + size + "|" + modified;
        synchronized (this) {
            batch.add(new Archived(new Receipt(source.masked(), remotePath, receiptKey, file, jobExecutionId), modified));
        }
    }

    /**
     * Registers the batch archived so far, once its files' moves into the archive are durable; a failure fails this
     * source's collection, the batch then being collected again by the next run.
     */
    private synchronized void registerBatch() {
        if (batch.isEmpty() && collectedKeys.isEmpty()) {
            return;
        }
        List<Archived> registering = List.copyOf(batch);
        List<String> keys = List.copyOf(collectedKeys);
        batch.clear();
        collectedKeys.clear();
        List<Optional<String>> statuses;
        try {
            archive.syncDirectories(registering.stream().map(archived -> archived.receipt().file()).toList());
            statuses = registry.register(registering.stream().map(Archived::receipt).toList(), source.masked(), keys);
        }
        catch (RuntimeException e) {
            IllegalStateException failure = new IllegalStateException(texts.getMessage("collect.register-failed",
                    new Object[] { registering.stream().map(archived -> archived.receipt().remotePath())
                            .collect(Collectors.joining("、")), source.masked(), reason(e) }), e);
            if (drained.completeExceptionally(failure)) {
                log.warn("{} ({})", failure.getMessage(), technical(e));
            }
            return;
        }
        for (int i = 0; i < registering.size(); i++) {
            Receipt receipt = registering.get(i).receipt();
            Optional<String> status = statuses.get(i);
            if (status.isEmpty()) {
                log.info("Already registered: {} {} (size {}, modified {})", source.masked(), receipt.remotePath(),
                        receipt.file().sizeBytes(), registering.get(i).modified());
                continue;
            }
            byStatus.merge(status.get(), 1, Integer::sum);
            log.info("Received {} {} ({} bytes, sha256 {}): {}", source.masked(), receipt.remotePath(),
                    receipt.file().sizeBytes(), receipt.file().sha256(), status.get());
            progress.fileReceived(source.masked(), receipt.remotePath(), status.get());
        }
    }

    /** A file archived and waiting for its batch to be registered, with its modification time on the source. */
    private record Archived(Receipt receipt, long modified) {
    }

    /** Registers the batch once it is full, after the file's own completion work (its idempotent repository mark). */
    private final class FileDone extends SynchronizationAdapter {

        @Override
        public void onDone(Exchange exchange) {
            boolean full;
            synchronized (SourceRun.this) {
                full = batch.size() >= BATCH_FILES;
            }
            if (full) {
                registerBatch();
            }
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST;
        }
    }

    /** Completes {@link #drained()} once the last exchange of a poll is done, after every other completion task. */
    private final class PollDrained extends SynchronizationAdapter {

        @Override
        public void onDone(Exchange exchange) {
            registerBatch();
            if (stableFiles.listingSettled() && !brokenInThisPoll) {
                drained.complete(null);
            }
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST;
        }
    }
}
