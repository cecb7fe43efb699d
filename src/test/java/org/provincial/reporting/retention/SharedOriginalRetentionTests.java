package org.provincial.reporting.retention;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.collect.SubmissionCollector;
import org.provincial.reporting.feedback.AnnotatedCopyLocations;
import org.provincial.reporting.pipeline.PipelineRunner;
import org.provincial.reporting.pipeline.RunSummary;
import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.retention.PurgeResult.PeriodPurge;
import org.provincial.reporting.storage.ReportingHome;
import org.provincial.reporting.submission.SubmissionRepository;
import org.provincial.reporting.support.ReportingTest;
import org.provincial.reporting.support.SubmissionFiles;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.provincial.reporting.support.SubmissionFiles.rows;

/**
 * 荔湾区 (440103) sends the same enterprise-count bytes for March, April and May 2019, one stored copy counted in each
 * month; purging March (a clock under which only March has expired) keeps the copy April and May use.
 */
@ReportingTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedOriginalRetentionTests {

    static final String PROVINCE = "440000";
    static final List<String> PERIODS = List.of("2019-03", "2019-04", "2019-05");
    static final double REJECT_THRESHOLD = 0.5;

    /** 15 June 2019 with a retention of 2 months: March ended before 15 April, April and May did not. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2019-06-15T08:00:00Z"), ZoneOffset.UTC);
    static final int MONTHS = 2;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SubmissionRepository submissions;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    DatasetMappings mappings;

    @Autowired
    ReportingHome home;

    @Autowired
    PipelineRunner runner;

    @Autowired
    SubmissionCollector collector;

    @Autowired
    AnnotatedCopyLocations copyLocations;

    List<SourceLocation> sources;
    Path temp;
    Path original;
    List<Map<String, Object>> aprilTotals;
    PurgeResult purged;

    @BeforeAll
    void runThreeMonthsAndPurgeTheFirst(@TempDir Path temp) throws Exception {
        this.temp = temp;
        Path source = temp.resolve("source");
        sources = List.of(SourceLocation.parse(source.toString()));
        Path march = SubmissionFiles.csv(source.resolve("440103/440103_enterprise_counts_2019-03.csv"),
                rows("行政区划代码,应建制企业数", "440103,12"));
        Files.copy(march, source.resolve("440103/440103_enterprise_counts_2019-04.csv"));
        Files.copy(march, source.resolve("440103/440103_enterprise_counts_2019-05.csv"));
        for (String period : PERIODS) {
            RunSummary run = runner.startAndWait(PROVINCE, period, sources, temp.resolve("out-" + period), REJECT_THRESHOLD);
            assertThat(run.completed()).as("%s", run).isTrue();
            assertThat(run.filesCounted()).as(period).isEqualTo(1);
        }
        original = home.root().resolve(jdbc.queryForObject("""
                select distinct archive_path from submission where submitter = '440103' and period = any(?)""",
                String.class, (Object) PERIODS.toArray(String[]::new)));
        aprilTotals = totals("2019-04");

        purged = new RetentionPurge(jdbc, submissions, transactionManager, mappings, home, collector, copyLocations,
                CLOCK)
                .purge(MONTHS, false);
    }

    @Test
    void keepsTheBytesTheOtherMonthsStillUseWhenOneMonthIsPurged() {
        assertThat(purged.periods()).filteredOn(period -> PROVINCE.equals(period.province()))
                .containsExactly(new PeriodPurge(PROVINCE, "2019-03", 1, 1, 0, 0, 0, 0, List.of()));
        assertThat(original).isRegularFile();
        assertThat(jdbc.queryForList("""
                select period, purged_at is not null as purged from submission
                where submitter = '440103' and period = any(?) order by period""",
                (Object) PERIODS.toArray(String[]::new))).extracting(row -> row.get("period") + " " + row.get("purged"))
                .containsExactly("2019-03 true", "2019-04 false", "2019-05 false");
    }

    @Test
    void runsAMonthThatSharesThePurgedMonthsBytesAgainToTheSameTotals() throws Exception {
        RunSummary again = runner.startAndWait(PROVINCE, "2019-04", sources, temp.resolve("out-again"), REJECT_THRESHOLD);

        assertThat(again.completed()).as("%s", again).isTrue();
        assertThat(totals("2019-04")).isEqualTo(aprilTotals);
        assertThat(jdbc.queryForObject("""
                select value from period_total where province = ? and period = '2019-04' and region_code = '440103'
                  and measure = 'enterprises_required' and breakdown = ''""", Long.class, PROVINCE)).isEqualTo(12);
    }

    private List<Map<String, Object>> totals(String period) {
        return jdbc.queryForList("""
                select dataset, region_code, measure, breakdown, value from period_total
                where province = ? and period = ? order by dataset, region_code, measure, breakdown""", PROVINCE, period);
    }
}
