package org.provincial.reporting.feedback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The feedback every submitter gets back (SPEC §7): for each submitter with files in the province and period, its
 * feedback workbook, the same as plain text, and an annotated copy of each xlsx with rejected rows, written to {@code <out>/feedback/}, kept
 * under {@code <home>/feedback/<period>/} and uploaded to {@code /<submitter>/feedback/} on the sources the files came
 * from. A failed upload is logged and reported, never fatal: the files stay in {@code <out>/feedback/}.
 */
@Service
public class FeedbackWriter {

    private static final Logger log = LoggerFactory.getLogger(FeedbackWriter.class);

    /**
     * The files of the province and period, and the files whose name gave no usable period (NAME_INVALID,
     * SUBMITTER_MISMATCH) that a run of this period collected; "period" is the run's job parameter.
     */
    private static final String FILES = """
            select id, submitter, source, file_name, dataset, version, format, size_bytes, archive_path, received_at,
                   status, counted, rows_read, rows_accepted, rows_rejected
            from submission
            where province = ?
              and (period = ?
                   or (status in ('NAME_INVALID', 'SUBMITTER_MISMATCH') and collected_by in (
                       select job_execution_id from batch_job_execution_params
                       where parameter_name = 'period' and parameter_value = ?)))
            order by submitter, file_name collate "C", received_at, id""";

    /** Threads writing submitters' feedback files: annotated copies are streamed, so memory stays bounded. */
    private static final int WRITING_THREADS = 2;

    private final JdbcTemplate jdbc;
    private final FeedbackWorkbook workbook;
    private final AnnotatedCopy annotatedCopy;
    private final FeedbackUploader uploader;
    private final ReportingHome home;
    private final AnnotatedCopyLocations copyLocations;

    FeedbackWriter(JdbcTemplate jdbc, FeedbackWorkbook workbook, AnnotatedCopy annotatedCopy,
            FeedbackUploader uploader, ReportingHome home, AnnotatedCopyLocations copyLocations) {
        this.jdbc = jdbc;
        this.workbook = workbook;
        this.annotatedCopy = annotatedCopy;
        this.uploader = uploader;
        this.home = home;
        this.copyLocations = copyLocations;
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
                        failures.add("Not uploading the feedback of " + submitter.getKey() + " to " + source
                                + ": an earlier upload to it failed");
                        continue;
                    }
                    try {
                        uploader.upload(source, submitter.getKey(), feedback);
                        uploaded += feedback.size();
                    }
                    catch (UploadFailedException e) {
                        String failure = "Cannot upload the feedback of " + submitter.getKey() + " to " + source + ": "
                                + e.getMessage();
                        log.warn("{}; it stays in {}", failure, out);
                        failures.add(failure);
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
        }, province, period, period);
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
        Set<Long> withRejectedRows = new HashSet<>(jdbc.queryForList("""
                select distinct submission_id from rejection where submission_id = any(?) and row_no is not null
                  and code <> 'ROW_IGNORED'""",
                Long.class, (Object) files.stream().map(SubmittedFile::id).toArray(Long[]::new)));
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
