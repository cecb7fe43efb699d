package org.provincial.reporting.ingest;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.provincial.reporting.aggregate.TotalsCalculator;
import org.provincial.reporting.checks.CheckRules;
import org.provincial.reporting.checks.SubmissionFigures;
import org.provincial.reporting.submission.SubmissionRepository;
import org.provincial.reporting.submission.SubmissionRepository.CountedFile;
import org.provincial.reporting.support.ReportingTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.provincial.reporting.ingest.SubmissionIngesterTests.HEADER;
import static org.provincial.reporting.ingest.SubmissionIngesterTests.JOB_EXECUTION;
import static org.provincial.reporting.ingest.SubmissionIngesterTests.person;
import static org.provincial.reporting.ingest.SubmissionIngesterTests.row;

/**
 * The figures of each file the checks of each submission read (SPEC §11), stored as the ingest step concludes each
 * file, against the same figures computed from the staged rows of the counted files, as the checks computed them
 * before they were stored: files of 荔湾区 (440000) with invalid rows and in-file duplicates, a version 2 replacing
 * version 1, and a file ingested again.
 */
@ReportingTest
class SubmissionFiguresTests {

    static final String PROVINCE = "440000";

    @Autowired
    AutowireCapableBeanFactory beans;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SubmissionIngester ingester;

    @Autowired
    SubmissionFigures figures;

    @Autowired
    TotalsCalculator totals;

    @Autowired
    SubmissionRepository submissions;

    @Autowired
    CheckRules rules;

    SubmissionIngesterTests files;

    @BeforeEach
    void fixtures() {
        files = new SubmissionIngesterTests();
        beans.autowireBean(files);
        files.transactionTemplate();
    }

    @Test
    void storesWhatTheStagedRowsOfEachCountedFileGiveWithInvalidRowsDuplicatesAVersion2AndAnIngestAgain() {
        String period = "2039-07";
        // version 1: a negative amount (invalid), a row repeating the first's key (a duplicate), two valid rows
        long v1 = ingestAsTheStepDoes(files.register(period, files.csv(period, List.of(HEADER,
                row(person(1), "张三", "困难职工", "2039-07-01", "100.50"),
                row(person(1), "张三", "困难职工", "2039-07-01", "900"),
                row(person(2), "李四", "劳模", "2039-07-02", "-5"),
                row(person(3), "王五", "劳模", "2039-07-03", "200.25")))));
        // version 2 replaces it: a duplicate, an invalid amount and three valid rows
        long v2 = files.register(period, files.csv(period, List.of(HEADER,
                row(person(1), "张三", "困难职工", "2039-07-01", "800"),
                row(person(4), "赵六", "劳模", "2039-07-04", "abc"),
                row(person(1), "张三", "困难职工", "2039-07-01", "700"),
                row(person(5), "孙七", "劳模", "2039-07-05", "300.10"),
                row(person(6), "周八", "困难职工", "2039-07-06", "50"))));
        jdbc.update("update submission set version = 2 where id = ?", v2);
        ingestAsTheStepDoes(v2);
        // ingested again (a restart): replaced, not added
        ingestAsTheStepDoes(v2);
        submissions.chooseCountedVersions(PROVINCE, period);

        List<CountedFile> counted = submissions.counted(PROVINCE, period);
        assertThat(counted).extracting(CountedFile::id).containsExactly(v2);
        Map<Long, Map<String, BigDecimal>> scanned = totals.submissionFigures(PROVINCE, period, measures(), List.of(v1, v2));
        assertThat(scanned).containsOnlyKeys(v2);
        // exactly, scale included: 0 for a count, 0.00 for money
        assertThat(stored(v2)).isEqualTo(scanned.get(v2));
        assertThat(stored(v2)).containsEntry("visits.person_visits", new BigDecimal("3"))
                .containsEntry("visits.amount_yuan", new BigDecimal("1150.10"));
        assertThat(jdbc.queryForObject("select count(*) from submission_figure where submission_id = ?", Integer.class, v2))
                .isEqualTo(stored(v2).size());
        // version 1 keeps its own, which the checks do not read: it is not counted
        assertThat(stored(v1)).containsEntry("visits.person_visits", new BigDecimal("2"))
                .containsEntry("visits.amount_yuan", new BigDecimal("300.75"));
        assertThat(figures.of(PROVINCE, period, counted)).isEqualTo(Map.of(v2, scanned.get(v2)));

        // the retention purge deletes the staged rows: the figures, no personal data, stay and are what the checks read
        jdbc.update("delete from stage_visits where submission_id = ?", v2);
        assertThat(figures.of(PROVINCE, period, counted)).isEqualTo(Map.of(v2, scanned.get(v2)));
    }

    @Test
    void computesTheFiguresOfACountedFileIngestedBeforeTheyWereStoredFromItsStagedRows() {
        String period = "2039-08";
        long id = ingestAsTheStepDoes(files.register(period, files.csv(period, List.of(HEADER,
                row(person(1), "张三", "困难职工", "2039-08-01", "100"),
                row(person(1), "张三", "困难职工", "2039-08-01", "100"),
                row(person(2), "李四", "劳模", "2039-08-02", "0.5")))));
        submissions.chooseCountedVersions(PROVINCE, period);
        Map<String, BigDecimal> storedFigures = stored(id);
        jdbc.update("delete from submission_figure where submission_id = ?", id);

        List<CountedFile> counted = submissions.counted(PROVINCE, period);
        assertThat(figures.of(PROVINCE, period, counted)).isEqualTo(Map.of(id, storedFigures))
                .isEqualTo(totals.submissionFigures(PROVINCE, period, measures(), List.of(id)));
    }

    @Test
    void storesNothingWhenTheFilesTransactionRollsBack() {
        String period = "2039-09";
        long id = files.register(period, files.csv(period, List.of(HEADER,
                row(person(1), "张三", "困难职工", "2039-09-01", "100"))));
        files.tx.execute(status -> {
            ingester.ingest(id, 0.5, JOB_EXECUTION);
            figures.store(id);
            status.setRollbackOnly();
            return null;
        });
        assertThat(stored(id)).isEmpty();
    }

    /** Ingests a file and stores its figures in one transaction, as the ingest step does; returns its id. */
    private long ingestAsTheStepDoes(long id) {
        files.tx.execute(status -> {
            ingester.ingest(id, 0.5, JOB_EXECUTION);
            figures.store(id);
            return null;
        });
        return id;
    }

    /** The measures the rules of each submission name. */
    private Set<String> measures() {
        return rules.rules().stream().filter(rule -> rule.submissionDataset() != null)
                .flatMap(rule -> rule.named().stream()).collect(Collectors.toSet());
    }

    private Map<String, BigDecimal> stored(long id) {
        Map<String, BigDecimal> stored = new HashMap<>();
        jdbc.query("select dataset || '.' || measure, value from submission_figure where submission_id = ?",
                rs -> {
                    stored.put(rs.getString(1), rs.getBigDecimal(2));
                }, id);
        return stored;
    }
}
