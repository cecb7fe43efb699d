package org.provincial.reporting.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.provincial.reporting.cumulative.RangeReports;
import org.provincial.reporting.pipeline.PipelineRunner;
import org.provincial.reporting.pipeline.RunHistory;
import org.provincial.reporting.pipeline.RunRecord;
import org.provincial.reporting.reference.DisplayZone;
import org.provincial.reporting.report.PublicationDifferences;
import org.provincial.reporting.report.PublicationMark;
import org.provincial.reporting.report.ReportPeriod;
import org.provincial.reporting.report.WorkbookWriter;
import org.provincial.reporting.security.AuditLog;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * Publishing (SPEC §10): a completed run's workbook (its 未发布 mark replaced by the revision, who and when) and data
 * rows kept as revision N of its province and period, with what each submission contributed to the figures, in tables
 * the database refuses to change, and every revision served back only when its SHA-256 still matches.
 */
@Service
public class Publications {

    private static final String COLUMNS = """
            select province, period, revision, execution_id, file_name, sha256, octet_length(workbook), published_by,
                   published_at, note
            from publication""";

    /** How many of the newest runs of a period to look at for the latest completed one. */
    private static final int LATEST_RUNS = 100;

    /** The statuses of an execution that may still change the facts of its month. */
    private static final Set<String> RUNNING = Set.of("STARTING", "STARTED", "STOPPING");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final PipelineRunner runner;
    private final RunHistory history;
    private final AuditLog audit;
    private final PublicationDifferences differences;
    private final DisplayZone zone;
    private final RangeReports ranges;
    private final MessageSourceAccessor texts;

    Publications(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, PipelineRunner runner,
            RunHistory history, AuditLog audit, PublicationDifferences differences, DisplayZone zone,
            RangeReports ranges, MessageSourceAccessor texts) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.runner = runner;
        this.history = history;
        this.audit = audit;
        this.differences = differences;
        this.zone = zone;
        this.ranges = ranges;
        this.texts = texts;
    }

    /**
     * Publishes the execution's figures as the next revision of its province and period.
     *
     * @throws IllegalArgumentException a republish without a note saying why (HTTP 400)
     * @throws IllegalStateException    the execution is not the latest completed run of that province and period,
     *                                  a run of it is in progress, or another publish of it came first (HTTP 409)
     * @throws NoSuchElementException   there is no such execution (HTTP 404)
     */
    public Publication publish(String actor, String province, String period, long executionId, String note) {
        RunRecord run = history.find(executionId)
                .orElseThrow(() -> new NoSuchElementException(text("run.missing", String.valueOf(executionId))));
        if (!run.province().equals(province) || !run.period().equals(period)) {
            throw new IllegalStateException(text("publish.other-period", String.valueOf(executionId), run.province(),
                    run.period(), province, period));
        }
        if (!"COMPLETED".equals(run.status())) {
            throw new IllegalStateException(text("publish.not-completed", String.valueOf(executionId), run.status()));
        }
        String trimmedNote = note == null || note.isBlank() ? null : note.strip();
        return runner.whileNotRunning(province, period, () -> {
            long latest = latestCompleted(province, period).orElseThrow();
            if (latest != executionId) {
                throw new IllegalStateException(text("publish.superseded", String.valueOf(executionId), province,
                        period, String.valueOf(latest)));
            }
            history.runs(province, period, LATEST_RUNS).stream()
                    .filter(later -> later.id() > executionId && !"COMPLETED".equals(later.status()))
                    .filter(later -> history.steps(later.id()).stream().anyMatch(step -> step.name().equals("deduplicate")))
                    .findFirst().ifPresent(later -> {
                        throw new IllegalStateException(text("publish.rededuplicated", String.valueOf(executionId),
                                String.valueOf(later.id()), later.status(), province, period));
                    });
            String fileName = WorkbookWriter.fileName(province, period);
            Publication published = store(actor, province, period, executionId, fileName,
                    history.latestOutput(province, period).orElseThrow().resolve(fileName), trimmedNote,
                    ReportPeriod.month(province, period, Set.of()), () -> { });
            audit.record(actor, "publication.publish", text("audit.publication.publish", province, period,
                    String.valueOf(published.revision()), text("audit.publication.run", String.valueOf(executionId)),
                    published.sha256()));
            return published;
        });
    }

    /**
     * Publishes the figures of the months {@code from} to {@code to} (SPEC §9) as the next revision of the province and
     * the range ({@code 2024-12/2025-02}): its workbook computed now from the months' counted facts, as
     * {@code report --from --to} writes it. Every month of the range must have completed a run and none may be
     * running; a run of one of them that starts or ends while the range is computed refuses the publish.
     *
     * @throws IllegalArgumentException a province or months that are not valid, one month (published as a month's
     *                                  run), or a republish without a note saying why (HTTP 400)
     * @throws IllegalStateException    a month of the range not completed, running, purged, or run meanwhile, or
     *                                  another publish of the range came first (HTTP 409)
     * @throws NoSuchElementException   the province completed no run at all (HTTP 404)
     */
    public Publication publishRange(String actor, String province, String from, String to, String note) {
        YearMonth[] bounds = ReportPeriod.bounds(from, to);
        if (bounds[0].equals(bounds[1])) {
            throw new IllegalArgumentException(text("publish.range.one-month", bounds[0].toString()));
        }
        String trimmedNote = note == null || note.isBlank() ? null : note.strip();
        String code = province == null ? null : province.strip();
        List<String> months = ReportPeriod.months(bounds[0], bounds[1]);
        List<RunRecord> before = executions(code, months);
        Path directory = temporaryDirectory();
        try {
            RangeReports.Written written = ranges.write(code, from, to, directory);
            ReportPeriod period = written.period();
            if (!period.missing().isEmpty()) {
                throw new IllegalStateException(text("publish.range.incomplete", String.join("、", period.missing()),
                        period.label()));
            }
            before.stream().filter(execution -> RUNNING.contains(execution.status())).findFirst()
                    .ifPresent(running -> {
                        throw new IllegalStateException(text("publish.range.running", running.period(),
                                String.valueOf(running.id()), period.label()));
                    });
            Publication published = store(actor, period.province(), period.key(), null,
                    written.workbook().getFileName().toString(), written.workbook(), trimmedNote, period, () -> {
                        if (!executions(code, months).equals(before)) {
                            throw new IllegalStateException(text("publish.range.changed", period.label()));
                        }
                    });
            String runs = months.stream().map(month -> before.stream()
                            .filter(execution -> execution.period().equals(month)
                                    && "COMPLETED".equals(execution.status()))
                            .max(Comparator.comparing(RunRecord::end).thenComparingLong(RunRecord::id))
                            .map(execution -> month + " " + text("audit.publication.run", String.valueOf(execution.id())))
                            .orElseThrow())
                    .collect(Collectors.joining("、"));
            audit.record(actor, "publication.publish", text("audit.publication.publish", published.province(),
                    published.period(), String.valueOf(published.revision()), runs, published.sha256()));
            return published;
        }
        finally {
            FileSystemUtils.deleteRecursively(directory.toFile());
        }
    }

    /**
     * Stores the workbook, its 未发布 mark replaced by the revision's, and the period's figures and contributions as
     * the next revision; {@code beforeCommit} may still refuse it, nothing then being stored.
     */
    private Publication store(String actor, String province, String period, Long executionId, String fileName,
            Path written, String note, ReportPeriod reportPeriod, Runnable beforeCommit) {
        int revision = latestRevision(province, period).map(Publication::revision).orElse(0) + 1;
        if (revision > 1 && note == null) {
            throw new IllegalArgumentException(text("publish.note-required", province, period,
                    String.valueOf(revision - 1)));
        }
        OffsetDateTime publishedAt = OffsetDateTime.now();
        byte[] workbook = PublicationMark.stamp(written, text("publish.mark", String.valueOf(revision),
                zone.minutesWithZone(publishedAt), actor) + (note == null ? "" : text("publish.mark.note", note)));
        String sha256 = sha256(workbook);
        try {
            transaction.executeWithoutResult(status -> {
                Long id = jdbc.queryForObject("""
                        insert into publication (province, period, revision, execution_id, file_name, workbook,
                                                 sha256, published_by, published_at, note)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""", Long.class, province, period,
                        revision, executionId, fileName, workbook, sha256, actor, publishedAt, note);
                jdbc.update("""
                        insert into publication_figure (publication_id, dataset, region_code, measure, breakdown,
                                                        value)
                        select ?, dataset, region_code, measure, breakdown, value
                        from period_total where province = ? and period = ?""", id, province, period);
                differences.keepContributions(id, reportPeriod);
                beforeCommit.run();
            });
        }
        catch (DuplicateKeyException e) {
            throw new IllegalStateException(text("publish.revision-taken", province, period,
                    String.valueOf(revision)), e);
        }
        return revision(province, period, revision).orElseThrow();
    }

    /** The executions of the province's months, to see whether one ran while a range was computed. */
    private List<RunRecord> executions(String province, List<String> months) {
        return history.runs(province, null, Integer.MAX_VALUE).stream().filter(execution -> months.contains(execution.period()))
                .toList();
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("publish-range-");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The latest completed execution of the province and period, the one {@code publish} defaults to. */
    public Optional<Long> latestCompleted(String province, String period) {
        return history.runs(province, period, LATEST_RUNS).stream().filter(run -> "COMPLETED".equals(run.status()))
                .max(Comparator.comparing(RunRecord::end).thenComparingLong(RunRecord::id)).map(RunRecord::id);
    }

    /** Every revision of the province and period, the first first. */
    public List<Publication> revisions(String province, String period) {
        return jdbc.query(COLUMNS + " where province = ? and period = ? order by revision", Publications::publication,
                province, period);
    }

    public Optional<Publication> latestRevision(String province, String period) {
        return jdbc.query(COLUMNS + " where province = ? and period = ? order by revision desc limit 1",
                Publications::publication, province, period).stream().findFirst();
    }

    public Optional<Publication> revision(String province, String period, int revision) {
        return jdbc.query(COLUMNS + " where province = ? and period = ? and revision = ?", Publications::publication,
                province, period, revision).stream().findFirst();
    }

    /**
     * The revision's workbook (the latest when {@code revision} is null), recorded in the audit log as downloaded
     * by the actor.
     *
     * @throws IllegalStateException when the stored bytes no longer match their checksum
     */
    public Optional<PublishedWorkbook> download(String actor, String province, String period, Integer revision) {
        Optional<Publication> publication = revision == null ? latestRevision(province, period)
                : revision(province, period, revision);
        return publication.map(found -> {
            byte[] bytes = jdbc.queryForObject("select workbook from publication where province = ? and period = ? "
                    + "and revision = ?", byte[].class, province, period, found.revision());
            String actual = sha256(bytes);
            if (!actual.equals(found.sha256())) {
                throw new IllegalStateException(text("publish.checksum", province, period,
                        String.valueOf(found.revision()), found.sha256(), actual));
            }
            audit.record(actor, "publication.download", text("audit.publication.download", province, period,
                    String.valueOf(found.revision())));
            return new PublishedWorkbook(found, bytes);
        });
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    private static Publication publication(ResultSet rs, int row) throws SQLException {
        return new Publication(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getObject(4, Long.class), rs.getString(5),
                rs.getString(6), rs.getLong(7), rs.getString(8), rs.getObject(9, OffsetDateTime.class),
                rs.getString(10));
    }

    private String text(String key, Object... arguments) {
        return texts.getMessage(key, arguments);
    }
}
