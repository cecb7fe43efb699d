package org.provincial.reporting.retention;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.collect.SourceCredentials;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.collect.SubmissionCollector;
import org.provincial.reporting.cumulative.RangeReports;
import org.provincial.reporting.feedback.FeedbackResult;
import org.provincial.reporting.feedback.AnnotatedCopyLocations;
import org.provincial.reporting.feedback.FeedbackWriter;
import org.provincial.reporting.pipeline.PipelineRunner;
import org.provincial.reporting.pipeline.RunHistory;
import org.provincial.reporting.pipeline.RunSummary;
import org.provincial.reporting.reference.DatasetMapping;
import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.retention.PurgeResult.PeriodPurge;
import org.provincial.reporting.schedule.DailyPurge;
import org.provincial.reporting.schedule.ServeProperties;
import org.provincial.reporting.storage.ReportingHome;
import org.provincial.reporting.submission.SubmissionRepository;
import org.provincial.reporting.support.DataSheets;
import org.provincial.reporting.support.Ids;
import org.provincial.reporting.support.ReportingTest;
import org.provincial.reporting.support.SubmissionFiles;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.provincial.reporting.support.Ids.withWrongCheckCharacter;
import static org.provincial.reporting.support.SubmissionFiles.rows;

/**
 * Two periods of 甘肃 (620000) run through the whole job, then purged by a clock under which only the older one
 * has expired: its originals and staged rows go, every published figure stays.
 */
@ReportingTest
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionPurgeTests {

    static final String PROVINCE = "620000";
    static final String OLD = "2019-01";
    static final String NEW = "2019-02";
    static final double REJECT_THRESHOLD = 0.5;
    static final String HEADER_VISITS = "行政区划代码,身份证号,姓名,慰问对象类别,慰问日期,慰问金额（元）";
    static final String HEADER_SUBSIDIES = "行政区划代码,受助对象证件号,受助对象名称,补助项目,补助金额（元）,发放日期";

    static final String P1 = Ids.residentId("620102", LocalDate.of(1970, 3, 1), 11);
    static final String P2 = Ids.residentId("620102", LocalDate.of(1985, 7, 9), 22);
    static final String P3 = Ids.residentId("620100", LocalDate.of(1990, 12, 1), 33);

    /** 15 April 2019 with a retention of 2 months: January ended before 15 February, February did not. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2019-04-15T08:00:00Z"), ZoneOffset.UTC);
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
    RunHistory history;

    @Autowired
    SubmissionCollector collector;

    @Autowired
    RangeReports ranges;

    @Autowired
    FeedbackWriter feedback;

    @Autowired
    AnnotatedCopyLocations copyLocations;

    @Autowired
    SourceCredentials credentials;

    RetentionPurge purge;
    Path temp;
    List<SourceLocation> sources;
    long failedExecution;
    RunSummary oldRun;
    RunSummary newRun;
    Map<String, List<Map<String, Object>>> totalsBefore;
    List<List<String>> oldDataSheet;
    List<List<String>> newDataSheet;
    long oldStagedBefore;
    long newStagedBefore;
    long oldRejectionsBefore;
    long oldCopiesBefore;
    long oldConflictsBefore;
    List<Map<String, Object>> oldSubmissionsBefore;
    Path sharedOriginal;
    Path oldVisitsOriginal;
    byte[] oldVisitsContent;
    List<Path> newOriginals;
    PurgeResult dryRun;
    long stagedAfterDryRun;
    PurgeResult purged;

    @BeforeAll
    void runTwoPeriodsAndPurgeTheOlder(@TempDir Path temp) throws Exception {
        this.temp = temp;
        purge = new RetentionPurge(jdbc, submissions, transactionManager, mappings, home, collector, copyLocations,
                CLOCK);
        Path source = temp.resolve("source");
        sources = List.of(SourceLocation.parse(source.toString()));

        // a first attempt at January fails (the source is not there yet): an execution to restart later
        RunSummary failed = runner.startAndWait(PROVINCE, OLD, List.of(SourceLocation.parse(temp.resolve("absent").toString())),
                temp.resolve("out-failed"), REJECT_THRESHOLD);
        assertThat(failed.completed()).as("%s", failed).isFalse();
        failedExecution = failed.executionId();

        // January: 城关区 and 兰州市 report visits (one row in conflict, each a mistyped ID), 城关区 subsidies
        SubmissionFiles.csv(source.resolve("620102/620102_visits_2019-01.csv"), rows(
                HEADER_VISITS,
                "620102," + P1 + ",张三,困难职工,2019-01-10,500.00",
                "620102," + P2 + ",李四,快递员,2019-01-11,300.50",
                "620102," + withWrongCheckCharacter(P2) + ",王五,劳动模范,2019-01-12,100.00"));
        SubmissionFiles.xlsx(source.resolve("620100/620100_visits_2019-01.xlsx"), "2019年1月慰问情况统计表", List.of(
                List.of("行政区划代码", "身份证号", "姓名", "慰问对象类别", "慰问日期", "慰问金额（元）"),
                List.of("620102", P2, "李四", "快递员", "2019-01-11", 350.0),
                List.of("620100", P3, "钱七", "一线职工", "2019-01-15", 200),
                List.of("620100", withWrongCheckCharacter(P3), "赵六", "一线职工", "2019-01-16", 100)));
        Path subsidies = SubmissionFiles.csv(source.resolve("620102/620102_subsidies_2019-01.csv"), rows(
                HEADER_SUBSIDIES,
                "620102," + P1 + ",张三,困难职工生活救助,2000.00,2019-01-08"));
        oldRun = runner.startAndWait(PROVINCE, OLD, sources, temp.resolve("out-old"), REJECT_THRESHOLD);
        assertThat(oldRun.completed()).as("%s", oldRun).isTrue();
        assertThat(oldRun.conflicts()).isEqualTo(1);

        // February: 城关区 visits, and January's subsidies file again under February's name (the same bytes)
        SubmissionFiles.csv(source.resolve("620102/620102_visits_2019-02.csv"), rows(
                HEADER_VISITS,
                "620102," + P1 + ",张三,困难职工,2019-02-10,600.00",
                "620102," + P3 + ",钱七,一线职工,2019-02-11,250.00"));
        Files.copy(subsidies, source.resolve("620102/620102_subsidies_2019-02.csv"));
        newRun = runner.startAndWait(PROVINCE, NEW, sources, temp.resolve("out-new"), REJECT_THRESHOLD);
        assertThat(newRun.completed()).as("%s", newRun).isTrue();

        totalsBefore = Map.of(OLD, totals(OLD), NEW, totals(NEW));
        oldDataSheet = DataSheets.read(oldRun.workbook());
        newDataSheet = DataSheets.read(newRun.workbook());
        oldStagedBefore = staged(OLD);
        newStagedBefore = staged(NEW);
        oldRejectionsBefore = count("select count(*) from rejection r join submission s on s.id = r.submission_id"
                + " where s.province = ? and s.period = ?", PROVINCE, OLD);
        oldCopiesBefore = count("select count(*) from deduplicated_row where province = ? and period = ?", PROVINCE, OLD);
        oldConflictsBefore = count("select count(*) from conflict where province = ? and period = ?", PROVINCE, OLD);
        oldSubmissionsBefore = submissions(OLD);
        sharedOriginal = original(OLD, "620102_subsidies_2019-01.csv");
        assertThat(original(NEW, "620102_subsidies_2019-02.csv")).isEqualTo(sharedOriginal);
        oldVisitsOriginal = original(OLD, "620102_visits_2019-01.csv");
        oldVisitsContent = Files.readAllBytes(oldVisitsOriginal);
        newOriginals = originals(NEW);

        dryRun = purge.purge(MONTHS, true);
        stagedAfterDryRun = staged(OLD);
        purged = purge.purge(MONTHS, false);
    }

    @Test
    void listsInADryRunWhatThePurgeThenRemovesAndChangesNothing() {
        assertThat(dryRun.dryRun()).isTrue();
        assertThat(dryRun.cutoff()).isEqualTo(LocalDate.of(2019, 2, 15));
        assertThat(stagedAfterDryRun).isEqualTo(oldStagedBefore);
        assertThat(dryRun.periods()).isEqualTo(purged.periods());
        assertThat(dryRun.filesDeleted()).as("no file left by an interrupted purge").isZero();
        assertThat(dryRun.report()).anyMatch(line -> line.startsWith("would purge 620000 2019-01: "));
    }

    @Test
    void removesTheStagedRowsCopiesConflictsAndOriginalsOfTheExpiredPeriodOnly() throws Exception {
        long oldSize = (Long) jdbc.queryForObject("select size_bytes from submission where file_name = ?",
                Long.class, "620100_visits_2019-01.xlsx") + oldVisitsContent.length;
        String annotatedCopy = "620100-2019-01-620100_visits_2019-01-批注.xlsx";
        assertThat(purged.periods()).containsExactly(new PeriodPurge(PROVINCE, OLD, oldSubmissionsBefore.size(),
                oldStagedBefore, oldCopiesBefore, oldConflictsBefore, 2, oldSize, List.of(
                        temp.resolve("out-old/feedback/" + annotatedCopy).toString(),
                        home.root().toAbsolutePath().resolve("feedback/2019-01/" + annotatedCopy).toString(),
                        sources.get(0).masked() + "/620100/feedback/" + annotatedCopy)));
        assertThat(purged.annotatedCopies().deleted()).hasSize(3);
        assertThat(purged.annotatedCopies().pending()).isEmpty();
        assertThat(oldStagedBefore).isPositive();
        assertThat(oldCopiesBefore).isPositive();
        assertThat(oldConflictsBefore).isPositive();
        assertThat(purged.filesDeleted()).isEqualTo(2);
        assertThat(purged.bytesDeleted()).isEqualTo(oldSize);

        assertThat(staged(OLD)).isZero();
        assertThat(count("select count(*) from deduplicated_row where province = ? and period = ?", PROVINCE, OLD)).isZero();
        assertThat(count("select count(*) from conflict where province = ? and period = ?", PROVINCE, OLD)).isZero();
        assertThat(oldVisitsOriginal).doesNotExist();
        assertThat(original(OLD, "620100_visits_2019-01.xlsx")).doesNotExist();
        assertThat(sharedOriginal).as("the same bytes were sent for February").isRegularFile();

        assertThat(staged(NEW)).isEqualTo(newStagedBefore).isPositive();
        assertThat(newOriginals).isNotEmpty().allMatch(Files::isRegularFile);
        assertThat(count("select count(*) from submission where province = ? and period = ? and purged_at is not null",
                PROVINCE, NEW)).isZero();
    }

    @Test
    void keepsThePublishedTotalsWorkbooksSubmissionsAndRejections() throws Exception {
        assertThat(totals(OLD)).isNotEmpty().isEqualTo(totalsBefore.get(OLD));
        assertThat(totals(NEW)).isNotEmpty().isEqualTo(totalsBefore.get(NEW));
        assertThat(DataSheets.read(oldRun.workbook())).isEqualTo(oldDataSheet);
        assertThat(DataSheets.read(newRun.workbook())).isEqualTo(newDataSheet);
        assertThat(submissions(OLD)).isEqualTo(oldSubmissionsBefore);
        assertThat(count("select count(*) from submission where province = ? and period = ? and purged_at is null",
                PROVINCE, OLD)).isZero();
        assertThat(count("select count(*) from rejection r join submission s on s.id = r.submission_id"
                + " where s.province = ? and s.period = ?", PROVINCE, OLD)).isEqualTo(oldRejectionsBefore).isPositive();
        assertThat(jdbc.queryForMap("""
                select retention_months, submissions, staged_rows, deduplicated_rows, conflicts, files, bytes
                from retention_purge where province = ? and period = ?""", PROVINCE, OLD))
                .containsEntry("retention_months", MONTHS)
                .containsEntry("submissions", oldSubmissionsBefore.size())
                .containsEntry("staged_rows", oldStagedBefore)
                .containsEntry("files", 2);
    }

    @Test
    void refusesToRunOrRestartThePurgedPeriod() {
        long executions = history.countRuns(PROVINCE, OLD);

        assertThatIllegalStateException()
                .isThrownBy(() -> runner.startAndWait(PROVINCE, OLD, sources, temp.resolve("out-again"), REJECT_THRESHOLD))
                .withMessageContaining("620000 2019-01 已于")
                .withMessageContaining("按保留期限清理：原始文件和暂存数据已删除，重新运行会改变已发布的汇总数");
        assertThatIllegalStateException()
                .isThrownBy(() -> runner.start(PROVINCE, OLD, sources, temp.resolve("out-again"), REJECT_THRESHOLD))
                .withMessageContaining("按保留期限清理");
        assertThatIllegalStateException().isThrownBy(() -> runner.restartAndWait(failedExecution, sources))
                .withMessageContaining("按保留期限清理");
        assertThatIllegalStateException().isThrownBy(() -> runner.restart(failedExecution, sources))
                .withMessageContaining("按保留期限清理");

        assertThat(history.countRuns(PROVINCE, OLD)).isEqualTo(executions);
        assertThat(totals(OLD)).isEqualTo(totalsBefore.get(OLD));
    }

    @Test
    void refusesARangeIncludingThePurgedMonthButReportsThatMonthAloneFromItsKeptTotals() throws Exception {
        Path out = temp.resolve("out-range");

        assertThatIllegalStateException().isThrownBy(() -> ranges.write(PROVINCE, OLD, NEW, out))
                .withMessageContaining("月份 2019-01 的明细已按保存期限清除")
                .withMessageContaining("请选择不含这些月份的范围");
        assertThat(out).doesNotExist();

        RangeReports.Written alone = ranges.write(PROVINCE, OLD, OLD, out);
        assertThat(DataSheets.read(alone.workbook())).isEqualTo(oldDataSheet);
        assertThat(totals(OLD)).isEqualTo(totalsBefore.get(OLD));
    }

    @Test
    void runsTheKeptPeriodAgainToTheSameTotals() throws Exception {
        RunSummary again = runner.startAndWait(PROVINCE, NEW, sources, temp.resolve("out-new-again"), REJECT_THRESHOLD);

        assertThat(again.completed()).as("%s", again).isTrue();
        assertThat(totals(NEW)).isEqualTo(totalsBefore.get(NEW));
        assertThat(DataSheets.read(again.workbook())).isEqualTo(newDataSheet);
    }

    @Test
    void purgesNothingMoreWhenRunAgainButDeletesAnOriginalAnInterruptedPurgeLeft() throws Exception {
        long records = count("select count(*) from retention_purge where province = ?", PROVINCE);

        PurgeResult again = purge.purge(MONTHS, false);

        assertThat(again.periods()).isEmpty();
        assertThat(again.filesDeleted()).isZero();
        assertThat(again.report()).contains("Nothing to purge.");

        // as when a purge is killed after its commit, before deleting the files
        Files.createDirectories(oldVisitsOriginal.getParent());
        Files.write(oldVisitsOriginal, oldVisitsContent);
        PurgeResult dry = purge.purge(MONTHS, true);
        PurgeResult finishing = purge.purge(MONTHS, false);

        assertThat(dry.filesDeleted()).isEqualTo(1);
        assertThat(oldVisitsOriginal).doesNotExist();
        assertThat(finishing.periods()).isEmpty();
        assertThat(finishing.filesDeleted()).isEqualTo(1);
        assertThat(finishing.bytesDeleted()).isEqualTo(oldVisitsContent.length);
        assertThat(sharedOriginal).isRegularFile();
        assertThat(count("select count(*) from retention_purge where province = ?", PROVINCE)).isEqualTo(records);
        assertThat(totals(OLD)).isEqualTo(totalsBefore.get(OLD));
    }

    @Test
    void writesFeedbackWithoutAnnotatedCopiesOfPurgedOriginals() throws Exception {
        Path out = temp.resolve("feedback-after-purge");

        FeedbackResult result = feedback.write(PROVINCE, OLD, out);

        assertThat(annotatedCopies(temp.resolve("out-old/feedback"))).as("deleted by the purge with their originals")
                .isEmpty();
        assertThat(result.written()).isEqualTo(4);
        assertThat(out.resolve("feedback/620100-2019-01.xlsx")).isRegularFile();
        assertThat(out.resolve("feedback/620100-2019-01.txt")).isRegularFile();
        assertThat(out.resolve("feedback/620102-2019-01.xlsx")).isRegularFile();
        assertThat(out.resolve("feedback/620102-2019-01.txt")).isRegularFile();
        assertThat(annotatedCopies(out.resolve("feedback"))).isEmpty();
    }

    @Test
    void purgesOnTheScheduleOfServeOnlyWhenTheSettingIsAboveZero(CapturedOutput output) throws Exception {
        ServeProperties serve = new ServeProperties(true, List.of(), null);
        DailyPurge off = new DailyPurge(purge, new RetentionProperties(0, "* * * * * *"), serve, credentials);
        DailyPurge everySecond = new DailyPurge(purge, new RetentionProperties(MONTHS, "* * * * * *"), serve,
                credentials);
        try {
            off.start();
            everySecond.start();

            assertThat(output).contains("Retention is off (reporting.retention.months=0)")
                    .contains("Purging periods older than 2 month(s) at '* * * * * *'");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!output.getOut().contains("Nothing to purge.") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(output).contains("Retention 2 month(s): periods that ended before 2019-02-15 expire")
                    .contains("Nothing to purge.");
        }
        finally {
            off.destroy();
            everySecond.destroy();
        }
    }

    private List<Map<String, Object>> totals(String period) {
        return jdbc.queryForList("""
                select dataset, region_code, measure, breakdown, value from period_total
                where province = ? and period = ? order by dataset, region_code, measure, breakdown""", PROVINCE, period);
    }

    /** The submissions of the period as purging keeps them: fates, counts and hashes. */
    private List<Map<String, Object>> submissions(String period) {
        return jdbc.queryForList("""
                select id, file_name, status, counted, rows_read, rows_accepted, rows_rejected, rows_deduplicated,
                       sha256, archive_path
                from submission where province = ? and period = ? order by id""", PROVINCE, period);
    }

    /** Staged rows of the period's submissions, all datasets. */
    private long staged(String period) {
        long rows = 0;
        for (DatasetMapping dataset : mappings.all()) {
            rows += count("select count(*) from " + dataset.stageTable() + " t join submission s"
                    + " on s.id = t.submission_id where s.province = ? and s.period = ?", PROVINCE, period);
        }
        return rows;
    }

    private Path original(String period, String fileName) {
        return home.root().resolve(jdbc.queryForObject(
                "select archive_path from submission where province = ? and period = ? and file_name = ?",
                String.class, PROVINCE, period, fileName));
    }

    private List<Path> originals(String period) {
        return jdbc.queryForList("select archive_path from submission where province = ? and period = ?",
                String.class, PROVINCE, period).stream().map(home.root()::resolve).toList();
    }

    private long count(String sql, Object... arguments) {
        return jdbc.queryForObject(sql, Long.class, arguments);
    }

    private static List<Path> annotatedCopies(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith("-批注.xlsx")).toList();
        }
    }
}
