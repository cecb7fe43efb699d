package org.provincial.reporting.retention;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.provincial.reporting.collect.SubmissionCollector;
import org.provincial.reporting.feedback.AnnotatedCopyLocations;
import org.provincial.reporting.feedback.AnnotatedCopyLocations.Copy;
import org.provincial.reporting.feedback.AnnotatedCopyLocations.Removal;
import org.provincial.reporting.reference.DatasetMapping;
import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.retention.PurgeResult.PeriodPurge;
import org.provincial.reporting.storage.PeriodLock;
import org.provincial.reporting.storage.ReportingHome;
import org.provincial.reporting.submission.SubmissionRepository;
import org.provincial.reporting.submission.SubmissionRepository.Original;
import org.provincial.reporting.submission.SubmissionRepository.Originals;
import org.provincial.reporting.submission.SubmissionRepository.Period;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Purges what the retention setting no longer keeps: for every province and period that ended more than N months
 * ago, the archived originals and the staged rows of its submissions, and the deduplicated rows and conflicts that point at
 * those rows. Kept: the submissions (fates, counts, hashes, now marked {@code purged_at}), their rejections, the
 * published figures ({@code period_total}) and the workbooks and feedback already written; a purged period is
 * never run again. Each period is purged in its own transaction under its run lock; the files go after the commit,
 * so a purge killed in between leaves files that the next purge deletes. The annotated copies of the purged
 * originals (the originals with marks) go with them, wherever they were written ({@link AnnotatedCopyLocations}).
 */
@Service
public class RetentionPurge {

    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

    private final JdbcTemplate jdbc;
    private final SubmissionRepository submissions;
    private final TransactionTemplate transaction;
    private final DatasetMappings mappings;
    private final ReportingHome home;
    private final SubmissionCollector collector;
    private final AnnotatedCopyLocations annotatedCopies;
    private final Clock clock;

    @Autowired
    RetentionPurge(JdbcTemplate jdbc, SubmissionRepository submissions, PlatformTransactionManager transactionManager,
            DatasetMappings mappings, ReportingHome home, SubmissionCollector collector,
            AnnotatedCopyLocations annotatedCopies) {
        this(jdbc, submissions, transactionManager, mappings, home, collector, annotatedCopies,
                Clock.systemDefaultZone());
    }

    RetentionPurge(JdbcTemplate jdbc, SubmissionRepository submissions, PlatformTransactionManager transactionManager,
            DatasetMappings mappings, ReportingHome home, SubmissionCollector collector,
            AnnotatedCopyLocations annotatedCopies, Clock clock) {
        this.jdbc = jdbc;
        this.submissions = submissions;
        this.transaction = new TransactionTemplate(transactionManager);
        this.mappings = mappings;
        this.home = home;
        this.collector = collector;
        this.annotatedCopies = annotatedCopies;
        this.clock = clock;
    }

    /**
     * Purges every period that ended more than {@code months} months before today, then deletes the archived
     * originals no kept submission shares; a dry run only counts.
     */
    public PurgeResult purge(int months, boolean dryRun) {
        if (months < 1) {
            throw new IllegalArgumentException("The retention must be at least 1 month to purge, not " + months);
        }
        LocalDate cutoff = LocalDate.now(clock).minusMonths(months);
        List<PeriodPurge> purged = new ArrayList<>();
        List<String> busy = new ArrayList<>();
        for (Period expired : expiredPeriods(cutoff)) {
            String province = expired.province().strip();
            String period = expired.period().strip();
            try (PeriodLock lock = PeriodLock.acquire(jdbc.getDataSource(), province, period)) {
                purged.add(purge(province, period, () -> submissions.lockKept(province, period), months, dryRun));
            }
            catch (IllegalStateException running) {
                log.warn("Not purging {} {} now: {}", province, period, running.getMessage());
                busy.add(province + " " + period);
            }
        }
        PeriodPurge unplaced = purge(null, null,
                () -> submissions.lockKeptWithoutPeriod(cutoff.atStartOfDay(clock.getZone()).toInstant()), months,
                dryRun);
        if (unplaced.submissions() > 0) {
            purged.add(unplaced);
        }
        PurgeResult result = dryRun ? leftovers(months, cutoff, purged, busy)
                : deleteReleasedFiles(months, cutoff, purged, busy);
        return result.with(removeAnnotatedCopies(dryRun));
    }

    /**
     * Deletes the annotated copies of every purged original, those of this purge and those an earlier one could not
     * reach; a dry run lists the latter.
     */
    private Removal removeAnnotatedCopies(boolean dryRun) {
        return dryRun ? new Removal(List.of(), annotatedCopies.pending()) : annotatedCopies.removePurged();
    }

    /** The provinces and periods with submissions still kept whose month ended before the cutoff. */
    private List<Period> expiredPeriods(LocalDate cutoff) {
        return submissions.keptPeriods().stream()
                .filter(row -> YearMonth.parse(row.period().strip()).atEndOfMonth().isBefore(cutoff))
                .toList();
    }

    /**
     * In one transaction: deletes the staged rows of the submissions {@code toPurge} locks (every dataset), the
     * deduplicated rows and conflicts of the province and period, marks the submissions purged and records the purge; a dry run
     * counts the same rows and changes nothing.
     */
    private PeriodPurge purge(String province, String period, Supplier<Long[]> toPurge, int months, boolean dryRun) {
        return transaction.execute(status -> {
            Long[] ids = toPurge.get();
            long staged = 0;
            for (DatasetMapping dataset : mappings.all()) {
                staged += rows(dryRun, "from " + dataset.stageTable() + " where submission_id = any(?)", (Object) ids);
            }
            long copies = province == null ? 0
                    : rows(dryRun, "from deduplicated_row where province = ? and period = ?", province, period);
            long conflicts = province == null ? 0
                    : rows(dryRun, "from conflict where province = ? and period = ?", province, period);
            Originals released = submissions.releasedBy(ids);
            List<String> annotated = annotatedCopies.of(ids).stream().map(Copy::location).toList();
            PeriodPurge purge = new PeriodPurge(province, period, ids.length, staged, copies, conflicts,
                    released.files(), released.bytes(), annotated);
            if (!dryRun && ids.length > 0) {
                submissions.markPurged(ids);
                jdbc.update("""
                        insert into retention_purge (province, period, retention_months, submissions, staged_rows,
                                                     deduplicated_rows, conflicts, files, bytes, annotated_copies)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", province, period, months, purge.submissions(),
                        purge.stagedRows(), purge.deduplicatedRows(), purge.conflicts(), purge.files(), purge.bytes(),
                        annotated.size());
            }
            return purge;
        });
    }

    /** Deletes the rows {@code from …} names, or in a dry run counts them. */
    private long rows(boolean dryRun, String from, Object... arguments) {
        return dryRun ? jdbc.queryForObject("select count(*) " + from, Long.class, arguments)
                : jdbc.update("delete " + from, arguments);
    }

    /**
     * Deletes every archived original of a purged submission that no kept submission shares: those of this purge
     * and any an interrupted purge left. Collections take turns with it, so a file arriving again meanwhile (the
     * same bytes) is never deleted under its new submission.
     */
    private PurgeResult deleteReleasedFiles(int months, LocalDate cutoff, List<PeriodPurge> purged, List<String> busy) {
        return collector.betweenCollections(() -> {
            int files = 0;
            long bytes = 0;
            for (Original file : submissions.purgedOriginals()) {
                Path original = home.root().resolve(file.archivePath());
                try {
                    if (Files.deleteIfExists(original)) {
                        files++;
                        bytes += file.sizeBytes();
                    }
                }
                catch (IOException e) {
                    log.warn("Cannot delete the purged original {}: {}; the next purge tries again", original,
                            e.getMessage());
                }
            }
            return new PurgeResult(months, cutoff, false, purged, busy, files, bytes);
        });
    }

    /** For a dry run: the archived originals an interrupted purge left, which the next purge deletes. */
    private PurgeResult leftovers(int months, LocalDate cutoff, List<PeriodPurge> purged, List<String> busy) {
        int files = 0;
        long bytes = 0;
        for (Original file : submissions.purgedOriginals()) {
            if (Files.exists(home.root().resolve(file.archivePath()))) {
                files++;
                bytes += file.sizeBytes();
            }
        }
        return new PurgeResult(months, cutoff, true, purged, busy, files, bytes);
    }
}
