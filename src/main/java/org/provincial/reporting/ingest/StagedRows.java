package org.provincial.reporting.ingest;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.storage.TableStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts back the staged rows PostgreSQL lost: the stage tables are unlogged, so a crash of the server empties them.
 * Every accepted submission records how many rows it staged; those of a province's periods that have none in their
 * stage table now are staged again from their archived originals, each in its own transaction, before anything
 * reads the rows (deduplication, totals, the workbook, the feedback, a report over several months).
 */
@Service
public class StagedRows {

    private static final Logger log = LoggerFactory.getLogger(StagedRows.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final SubmissionIngester ingester;
    private final TableStatistics statistics;
    private final DatasetMappings mappings;

    /** The submissions of {@code ?} (province) and {@code ?} (periods) whose staged rows are missing, in id order. */
    private final String missing;

    StagedRows(JdbcTemplate jdbc, DataSource dataSource, SubmissionIngester ingester, DatasetMappings mappings,
            TableStatistics statistics) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.ingester = ingester;
        this.statistics = statistics;
        this.mappings = mappings;
        this.missing = """
                select s.id, s.dataset from submission s
                where s.province = ? and s.period = any(?::bpchar[]) and s.rows_staged > 0 and s.purged_at is null
                  and case s.dataset %s end
                order by s.id""".formatted(mappings.all().stream()
                        .map(dataset -> "when '" + dataset.dataset() + "' then not exists (select 1 from "
                                + dataset.stageTable() + " r where r.submission_id = s.id)")
                        .collect(Collectors.joining(" ")));
    }

    /**
     * Stages again the submissions of the province and periods whose rows are missing; returns how many. One call at a
     * time in this process (the workbook's and the feedback's steps start together); another process running the
     * same period waits for the period's lock first.
     */
    public synchronized int restore(String province, Collection<String> periods) {
        record Missing(long id, String dataset) {
        }
        List<Missing> lost = jdbc.query(missing, (rs, row) -> new Missing(rs.getLong(1), rs.getString(2)), province,
                periods.toArray(String[]::new));
        if (lost.isEmpty()) {
            return 0;
        }
        log.warn("The staged rows of {} submission(s) of {} {} are missing (PostgreSQL restarted after a crash):"
                + " staging them again from the archive", lost.size(), province, periods);
        long started = System.nanoTime();
        for (Missing submission : lost) {
            transaction.executeWithoutResult(status -> {
                // another process may be putting the same rows back: the submission's row lock lets one do it
                jdbc.query("select id from submission where id = ? for update", rs -> null, submission.id());
                if (!jdbc.queryForObject("select exists (select 1 from " + mappings.get(submission.dataset())
                        .stageTable() + " where submission_id = ?)", Boolean.class, submission.id())) {
                    ingester.restage(submission.id());
                }
            });
        }
        statistics.refresh(lost.stream().map(Missing::dataset).distinct().map(dataset -> mappings.get(dataset).stageTable()).toList());
        log.info("Staged {} submission(s) of {} {} again in {} ms", lost.size(), province, periods,
                (System.nanoTime() - started) / 1_000_000);
        return lost.size();
    }
}
