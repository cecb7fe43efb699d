package org.provincial.reporting.feedback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Array;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.provincial.reporting.feedback.FeedbackUploader.UploadFailedException;
import org.provincial.reporting.storage.ReportingHome;
import org.provincial.reporting.submission.RejectionCode;
import org.provincial.reporting.submission.RejectionRepository;
import org.provincial.reporting.submission.SubmissionStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The feedback every submitter gets back (SPEC §7): for each submitter with files in the province and period, its
 * feedback workbook, the same as plain text, and an annotated copy of each xlsx with rejected rows, written to {@code <out>/feedback/}, kept
 * under {@code <home>/feedback/<period>/} and uploaded to {@code /<submitter>/feedback/} on the sources the files came
 * from. A failed upload is logged, reported and recorded as pending (table feedback_upload): the files stay in
 * {@code <out>/feedback/} and the home, the next run of the period uploads them again, and {@link #uploadPending}
 * uploads what is pending on request.
 */
@Service
public class FeedbackWriter {

    private static final Logger log = LoggerFactory.getLogger(FeedbackWriter.class);

    /**
     * The files of the province and period, and the files whose name gave no usable period (NAME_INVALID,
     * SUBMITTER_MISMATCH) that a run of this period collected; "period" is the run's job parameter. Besides them,
     * as status LEFT (with the negated id of their left_file row), the files a collection left for a later run
     * because they were still changing, and not received since.
     */
    private static final String FILES = """
            select * from (
                select id, submitter, source, file_name, dataset, version, format, size_bytes, archive_path,
                       received_at, status, counted, rows_read, rows_accepted, rows_rejected
                from submission
                where province = ?
                  and (period = ?
                       or (status in (?, ?) and collected_by in (
                           select job_execution_id from batch_job_execution_params
                           where parameter_name = 'period' and parameter_value = ?)))
                union all (
                select distinct on (l.source, l.remote_path)
                       -l.id, l.submitter, l.source, regexp_replace(l.remote_path, '^.*/', ''), null, null, null,
                       l.size_bytes, null, l.left_at, 'LEFT', false, null, null, null
                from left_file l
                where l.province = ?
                  and (l.period = ?
                       or (l.period is null and l.job_execution_id in (
                           select job_execution_id from batch_job_execution_params
                           where parameter_name = 'period' and parameter_value = ?)))
                  and not exists (select 1 from submission s
                                  where s.source = l.source and s.remote_path = l.remote_path
                                    and s.received_at >= l.left_at)
                order by l.source, l.remote_path, l.left_at desc)
            ) files
            order by submitter, file_name collate "C", received_at, id""";

    /** Threads writing submitters' feedback files: annotated copies are streamed, so memory stays bounded. */
    private static final int WRITING_THREADS = 2;

    private final JdbcTemplate jdbc;
    private final RejectionRepository rejections;
    private final FeedbackWorkbook workbook;
    private final AnnotatedCopy annotatedCopy;
    private final FeedbackUploader uploader;
    private final ReportingHome home;
    private final AnnotatedCopyLocations copyLocations;
    private final TransactionTemplate ownTransaction;
    private final MessageSourceAccessor texts;

    FeedbackWriter(JdbcTemplate jdbc, RejectionRepository rejections, FeedbackWorkbook workbook,
            AnnotatedCopy annotatedCopy, FeedbackUploader uploader, ReportingHome home,
            AnnotatedCopyLocations copyLocations,
            PlatformTransactionManager transactionManager, MessageSourceAccessor texts) {
        this.texts = texts;
        this.jdbc = jdbc;
        this.rejections = rejections;
        this.workbook = workbook;
        this.annotatedCopy = annotatedCopy;
        this.uploader = uploader;
        this.home = home;
        this.copyLocations = copyLocations;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Writes, keeps and uploads the feedback of every submitter of the province and period. */
    public FeedbackResult write(String province, String period, Path outDirectory) {
        Path out = outDirectory.resolve("feedback");
        Path kept = home.root().resolve("feedback").resolve(period);
        int written = 0;
        int uploaded = 0;
        List<String> failures = new ArrayList<>();
        Set<String> unusableSources = new HashSet<>();
        List<Map.Entry<String, List<SubmittedFile>>> submitters = new ArrayList<>(filesBySubmitter(province, period).entrySet());
        // the submitters' feedback files are written by two threads, while this one keeps and uploads them in order
        ExecutorService writers = Executors.newFixedThreadPool(WRITING_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "feedback-writer");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<List<Path>>> prepared = new ArrayList<>();
            for (Map.Entry<String, List<SubmittedFile>> submitter : submitters) {
                prepared.add(writers.submit(() -> writeFeedback(province, submitter.getKey(), period,
                        submitter.getValue(), out, kept)));
            }
            for (int i = 0; i < submitters.size(); i++) {
                Map.Entry<String, List<SubmittedFile>> submitter = submitters.get(i);
                List<SubmittedFile> files = submitter.getValue();
                List<Path> feedback = await(prepared.get(i));
                feedback.forEach(file -> keep(file, kept));
                written += feedback.size();
                for (String source : files.stream().map(SubmittedFile::source).distinct().toList()) {
                    if (unusableSources.contains(source)) {
                        failures.add(texts.getMessage("feedback.upload.skipped", new Object[] { submitter.getKey(), source }));
                        pending(province, period, submitter.getKey(), source, feedback,
                                texts.getMessage("feedback.upload.not-tried"));
                        continue;
                    }
                    try {
                        uploader.upload(source, submitter.getKey(), feedback);
                        uploaded += feedback.size();
                        uploadedNow(province, period, submitter.getKey(), source);
                    }
                    catch (UploadFailedException e) {
                        String failure = texts.getMessage("feedback.upload.failed",
                                new Object[] { submitter.getKey(), source, e.getMessage() });
                        log.warn("{}; it stays in {} and {}", failure, out, kept);
                        failures.add(failure);
                        pending(province, period, submitter.getKey(), source, feedback, e.getMessage());
                        if (e.sourceUnusable()) {
                            unusableSources.add(source);
                        }
                    }
                }
            }
        }
        finally {
            writers.shutdownNow();
        }
        return new FeedbackResult(written, uploaded, failures);
    }

    /**
     * Uploads the feedback whose upload failed and is still pending (table feedback_upload), from the files kept
     * under {@code <home>/feedback/<period>/}; each success removes its pending row, each failure records its reason.
     * The passwords of the sources must be known to this process (SourceCredentials).
     */
    public FeedbackResult uploadPending(String province, String period) {
        Path kept = home.root().resolve("feedback").resolve(period);
        int uploaded = 0;
        List<String> failures = new ArrayList<>();
        List<Map<String, Object>> pending = jdbc.queryForList("""
                select submitter, source, files from feedback_upload where province = ? and period = ?
                order by submitter, source""", province, period);
        for (Map<String, Object> upload : pending) {
            String submitter = (String) upload.get("submitter");
            String source = (String) upload.get("source");
            List<Path> files = pendingFiles(upload.get("files")).stream().map(kept::resolve).toList();
            try {
                List<Path> missing = files.stream().filter(file -> !Files.isRegularFile(file)).toList();
                if (!missing.isEmpty()) {
                    throw new UploadFailedException(texts.getMessage("feedback.upload.missing",
                            new Object[] { missing.toString() }), false);
                }
                uploader.upload(source, submitter, files);
                uploaded += files.size();
                uploadedNow(province, period, submitter, source);
                log.info("Uploaded the pending feedback of {} to {}", submitter, source);
            }
            catch (UploadFailedException e) {
                failures.add(texts.getMessage("feedback.upload.failed", new Object[] { submitter, source, e.getMessage() }));
                pending(province, period, submitter, source, files, e.getMessage());
            }
        }
        return new FeedbackResult(0, uploaded, failures);
    }

    private static List<String> pendingFiles(Object names) {
        try {
            return List.of((String[]) ((Array) names).getArray());
        }
        catch (SQLException e) {
            throw new IllegalStateException("Cannot read the pending feedback files: " + e.getMessage(), e);
        }
    }

    /** Records that the feedback of the submitter could not be put on the source, and why. */
    private void pending(String province, String period, String submitter, String source, List<Path> files,
            String reason) {
        // in a transaction of its own: a feedback step failing because every upload failed keeps the record
        ownTransaction.executeWithoutResult(status -> jdbc.update("""
                insert into feedback_upload (province, period, submitter, source, files, reason)
                values (?, ?, ?, ?, ?, ?)
                on conflict (province, period, submitter, source)
                do update set files = excluded.files, reason = excluded.reason, failed_at = now()""",
                province, period, submitter, source,
                files.stream().map(file -> file.getFileName().toString()).toArray(String[]::new), reason));
    }

    private void uploadedNow(String province, String period, String submitter, String source) {
        ownTransaction.executeWithoutResult(status -> jdbc.update(
                "delete from feedback_upload where province = ? and period = ? and submitter = ? and source = ?",
                province, period, submitter, source));
    }

    private Map<String, List<SubmittedFile>> filesBySubmitter(String province, String period) {
        Map<String, List<SubmittedFile>> bySubmitter = new LinkedHashMap<>();
        jdbc.query(FILES, rs -> {
            SubmittedFile file = new SubmittedFile(rs.getLong("id"), rs.getString("submitter"),
                    rs.getString("source"), rs.getString("file_name"), rs.getString("dataset"),
                    rs.getObject("version", Integer.class), rs.getString("format"), rs.getLong("size_bytes"),
                    rs.getString("archive_path"), rs.getObject("received_at", OffsetDateTime.class),
                    rs.getString("status"), rs.getBoolean("counted"), rs.getObject("rows_read", Integer.class),
                    rs.getObject("rows_accepted", Integer.class), rs.getObject("rows_rejected", Integer.class));
            bySubmitter.computeIfAbsent(file.submitter(), s -> new ArrayList<>()).add(file);
        }, province, period, SubmissionStatus.NAME_INVALID.name(), SubmissionStatus.SUBMITTER_MISMATCH.name(), period,
                province, period, period);
        return bySubmitter;
    }

    /**
     * The feedback workbook and its text, then an annotated copy of the latest file of each xlsx name with rejected
     * rows, its places recorded (in {@code out}, under the home in {@code kept}, on each source) before it is kept or
     * uploaded.
     */
    private List<Path> writeFeedback(String province, String submitter, String period, List<SubmittedFile> files,
            Path out, Path kept) {
        List<Path> feedback = new ArrayList<>(workbook.write(province, submitter, period, files, out));
        Set<Long> withRejectedRows = new HashSet<>(rejections.withRowReasons(
                files.stream().map(SubmittedFile::id).toArray(Long[]::new), RejectionCode.ROW_IGNORED.name()));
        Map<String, SubmittedFile> latestByName = new LinkedHashMap<>();
        files.forEach(file -> latestByName.put(file.fileName(), file));
        for (SubmittedFile file : latestByName.values()) {
            if ("xlsx".equalsIgnoreCase(file.format()) && withRejectedRows.contains(file.id())) {
                annotatedCopy.write(file, period, out).ifPresent(copy -> {
                    copyLocations.record(file.id(), submitter, copy, kept.resolve(copy.getFileName().toString()),
                            files.stream().map(SubmittedFile::source).distinct().toList());
                    feedback.add(copy);
                });
            }
        }
        return feedback;
    }

    /** The files a writer thread wrote, or what stopped it. */
    private static List<Path> await(Future<List<Path>> written) {
        try {
            return written.get();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing the feedback", e);
        }
        catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Copies a feedback file into the home, whole or not at all. */
    private static void keep(Path file, Path directory) {
        try {
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, ".feedback-", ".part");
            try {
                Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, directory.resolve(file.getFileName().toString()),
                        StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            finally {
                Files.deleteIfExists(partial);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot keep " + file + " in " + directory + ": " + e.getMessage(), e);
        }
    }
}
