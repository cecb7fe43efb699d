package org.provincial.reporting.ingest;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.provincial.reporting.privacy.ResidentIdHashes;
import org.provincial.reporting.privacy.ResidentIds;
import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.reference.RegionReference;
import org.provincial.reporting.storage.ReportingHome;
import org.provincial.reporting.submission.RejectionRepository;
import org.provincial.reporting.submission.SubmissionRepository;
import org.provincial.reporting.support.Ids;
import org.provincial.reporting.support.ReportingTest;
import org.provincial.reporting.support.SubmissionFiles;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Ingesting one registered file: staged rows, row and file rejections and the submission's counts (SPEC §2–§4). */
@ReportingTest
class SubmissionIngesterTests {

    static final String SUBMITTER = "440103";

    static final long JOB_EXECUTION = 4242;

    static final List<String> HEADER = List.of("行政区划代码", "身份证号", "姓名", "慰问对象类别", "慰问日期", "慰问金额（元）");

    @Autowired
    SubmissionIngester ingester;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    ReportingHome home;

    @Autowired
    DataSource dataSource;

    @Autowired
    DatasetMappings mappings;

    @Autowired
    RegionReference regions;

    @Autowired
    ResidentIdHashes residentIds;

    @Autowired
    SubmissionRepository submissions;

    @Autowired
    RejectionRepository rejections;

    TransactionTemplate tx;

    @BeforeEach
    void transactionTemplate() {
        tx = new TransactionTemplate(transactionManager);
    }

    @Test
    void marksTheLaterOfTwoRowsWithTheSameNaturalKeyAsADuplicateNamingTheFirst() {
        String period = "2033-01";
        String person = idEndingInX(500);
        String lowerCaseX = person.substring(0, 17) + "x";
        long id = register(period, csv(period, List.of(HEADER,
                row(person, "张三", "困难职工", "2033-01-20", "100"),
                row(lowerCaseX, "张三", "困难职工家庭", "2033/1/20", "100"),
                row(person(2), "李四", "困难职工", "2033-01-20", "100"))));

        IngestOutcome outcome = ingest(id, 0.5);

        assertThat(outcome).isEqualTo(new IngestOutcome(id, fileName(id), 3, 2, 1, "ACCEPTED"));
        assertThat(submissionCounts(id)).isEqualTo("ACCEPTED 3/2/1");
        assertThat(rejections(id)).containsExactly("3 - DUPLICATE_ROW");
        assertThat(message(id, 3, "DUPLICATE_ROW")).contains("第 2 行");
        assertThat(stagedVisits(id)).containsExactly(
                "2 t " + ResidentIds.mask(person) + " difficult_worker 2033-01-20 100.00",
                "3 f " + ResidentIds.mask(person) + " difficult_worker 2033-01-20 100.00",
                "4 t " + ResidentIds.mask(person(2)) + " difficult_worker 2033-01-20 100.00");
        assertEveryMessageIsChinese(id);
    }

    @Test
    void findsTheSameDuplicatesInSqlWhenAFileHasMoreKeysThanAreHeldWhileReading() {
        String period = "2033-12";
        long id = register(period, csv(period, List.of(HEADER,
                row(person(1), "张三", "劳模", "2033-12-08", "-1"),
                row(person(1), "张三", "劳动模范", "2033-12-08", "300"),
                row(person(1), "张三", "劳模", "2033.12.8", "300"),
                row(person(2), "李四", "劳模", "2033-12-08", "300"),
                row(person(1), "张三", "劳模", "2033-12-08", "-5"))));
        SubmissionIngester holdingOneKey = new SubmissionIngester(jdbc, dataSource, mappings, regions, home, residentIds,
                submissions, rejections, 1);
        tx.execute(status -> holdingOneKey.ingest(id, 0.9, JOB_EXECUTION));

        assertThat(rejections(id)).containsExactly("2 amount NEGATIVE", "4 - DUPLICATE_ROW", "6 - DUPLICATE_ROW",
                "6 amount NEGATIVE");
        assertThat(message(id, 6, "DUPLICATE_ROW")).contains("第 3 行");
        assertThat(stagedVisits(id)).extracting(row -> row.substring(0, 3))
                .containsExactly("2 f", "3 t", "4 f", "5 t", "6 f");
    }

    @Test
    void givesALaterDuplicateThatIsAlsoInvalidForAnotherReasonBothReasons() {
        String period = "2033-02";
        long id = register(period, csv(period, List.of(HEADER,
                row(person(1), "张三", "一线职工", "2033-02-03", "50"),
                row(person(1), "张三", "坚守岗位一线职工", "2033-02-03", "-50"),
                row(person(2), "李四", "一线职工", "2033-02-03", "50"))));

        ingest(id, 0.5);

        assertThat(rejections(id)).containsExactly("3 - DUPLICATE_ROW", "3 amount NEGATIVE");
        assertThat(message(id, 3, "DUPLICATE_ROW")).contains("第 2 行");
        assertThat(submissionCounts(id)).isEqualTo("ACCEPTED 3/2/1");
        assertThat(stagedVisits(id)).containsExactly(
                "2 t " + ResidentIds.mask(person(1)) + " frontline 2033-02-03 50.00",
                "3 f " + ResidentIds.mask(person(1)) + " frontline 2033-02-03 -",
                "4 t " + ResidentIds.mask(person(2)) + " frontline 2033-02-03 50.00");
        assertEveryMessageIsChinese(id);
    }

    @Test
    void keepsARowWhoseEarlierTwinWasInvalidAndJudgesLaterTwinsAgainstIt() {
        String period = "2033-03";
        long id = register(period, csv(period, List.of(HEADER,
                row(person(1), "张三", "劳模", "2033-03-08", "-1"),
                row(person(1), "张三", "劳动模范", "2033-03-08", "300"),
                row(person(1), "张三", "劳模", "2033.3.8", "300"),
                row(person(2), "李四", "劳模", "2033-03-08", "300"),
                row(person(3), "王五", "劳模", "2033-03-08", "300"))));

        ingest(id, 0.5);

        assertThat(rejections(id)).containsExactly("2 amount NEGATIVE", "4 - DUPLICATE_ROW");
        assertThat(message(id, 4, "DUPLICATE_ROW")).contains("第 3 行").doesNotContain("第 2 行");
        assertThat(submissionCounts(id)).isEqualTo("ACCEPTED 5/3/2");
        assertThat(stagedVisits(id)).extracting(row -> row.substring(0, 3))
                .containsExactly("2 f", "3 t", "4 f", "5 t", "6 t");
        assertEveryMessageIsChinese(id);
    }

    @Test
    void rejectsAFileWithMoreThanTheThresholdOfInvalidRowsKeepingItsRowReasons() {
        String period = "2033-04";
        String mistyped = Ids.withWrongCheckCharacter(person(1));
        long id = register(period, csv(period, List.of(HEADER,
                row(person(2), "张三", "困难职工", "2033-04-01", "100"),
                row(mistyped, "李四", "困难职工", "2033-04-01", "100"),
                row(person(3), "王五", "困难职工", "2033-04-01", "100"),
                row(person(4), "赵六", "困难职工", "2033-05-01", "100"),
                row(person(5), "钱七", "退休职工", "2033-04-01", "100"))));

        IngestOutcome outcome = ingest(id, 0.5);

        assertThat(outcome.status()).isEqualTo("REJECTED");
        assertThat(submissionCounts(id)).isEqualTo("REJECTED 5/0/5");
        assertThat(rejections(id)).containsExactly("- - TOO_MANY_INVALID", "3 person_id ID_INVALID",
                "5 visit_date DATE_OUT_OF_PERIOD", "6 category VALUE_UNKNOWN");
        assertThat(message(id, null, "TOO_MANY_INVALID")).contains("5", "3", "50%");
        assertThat(stagedVisits(id)).isEmpty();
        assertEveryMessageIsChinese(id);
    }

    @Test
    void acceptsAFileWithExactlyHalfItsRowsInvalid() {
        String period = "2033-04";
        long id = register(period, csv(period, List.of(HEADER,
                row(person(1), "张三", "其他", "2033-04-02", "10"),
                row(person(2), "李四", "其他", "2033-04-31", "10"),
                row(person(3), "王五", "其他", "2033-04-02", "10"),
                row(person(4), "赵六", "其他", "2033-04-02", ""))));

        IngestOutcome outcome = ingest(id, 0.5);

        assertThat(outcome).isEqualTo(new IngestOutcome(id, fileName(id), 4, 2, 2, "ACCEPTED"));
        assertThat(submissionCounts(id)).isEqualTo("ACCEPTED 4/2/2");
        assertThat(rejections(id)).containsExactly("3 visit_date DATE_INVALID", "5 amount REQUIRED_MISSING");
        assertThat(stagedVisits(id)).extracting(row -> row.substring(0, 3)).containsExactly("2 t", "3 f", "4 t", "5 f");
        assertEveryMessageIsChinese(id);
    }

    @Test
    void acceptsExactlyTheThresholdShareOfInvalidRowsEvenWhenItIsNotExactInBinary() {
        // 0.7 × 90 is 62.99999999999999 in floating point: 63 invalid rows of 90 are exactly 70%, not more
        String period = "2033-04";
        List<List<?>> rows = new ArrayList<>(List.of(HEADER));
        for (int i = 0; i < 90; i++) {
            rows.add(row(person(100 + i), "职工" + i, "其他", "2033-04-03", i < 63 ? "-1" : "1"));
        }
        long id = register(period, csv(period, rows));

        IngestOutcome outcome = ingest(id, 0.7);

        assertThat(outcome.status()).isEqualTo("ACCEPTED");
        assertThat(submissionCounts(id)).isEqualTo("ACCEPTED 90/27/63");
    }

    @Test
    void rejectsAHeaderOnlyCsvAsEmpty() {
        String period = "2033-06";
        long id = register(period, csv(period, List.of(HEADER)));

        IngestOutcome outcome = ingest(id, 0.5);

        assertThat(outcome).isEqualTo(new IngestOutcome(id, fileName(id), 0, 0, 0, "REJECTED"));
        assertThat(submissionCounts(id)).isEqualTo("REJECTED 0/0/0");
        assertThat(rejections(id)).containsExactly("- - EMPTY");
        assertEveryMessageIsChinese(id);
    }

    @Test
    void rejectsAZeroByteCsvAsEmpty() throws IOException {
        String period = "2033-06";
        Path file = file(period, "csv");
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[0]);
        long id = register(period, file);

        ingest(id, 0.5);

        assertThat(submissionCounts(id)).isEqualTo("REJECTED 0/0/0");
        assertThat(rejections(id)).containsExactly("- - EMPTY");
        assertEveryMessageIsChinese(id);
    }

    @Test
    void rejectsAFileLackingRequiredColumnsNamingEachOfThem() {
        String period = "2033-06";
        long id = register(period, csv(period, List.of(
                List.of("行政区划代码", "身份证号", "姓名", "慰问对象类别"),
                List.of(SUBMITTER, person(1), "张三", "困难职工"))));

        ingest(id, 0.5);

        assertThat(submissionCounts(id)).isEqualTo("REJECTED 0/0/0");
        assertThat(rejections(id)).containsExactly("- amount COLUMN_MISSING", "- visit_date COLUMN_MISSING");
        assertThat(jdbc.queryForList("""
                select message from rejection where submission_id = ? and code = 'COLUMN_MISSING' order by column_key
                """, String.class, id)).satisfiesExactly(
                amount -> assertThat(amount).contains("慰问金额（元）", "金额"),
                date -> assertThat(date).contains("慰问日期"));
        assertThat(stagedVisits(id)).isEmpty();
        assertEveryMessageIsChinese(id);
    }

    @Test
    void rejectsAnXlsxThatIsReallyTextAsUnreadable() {
        String period = "2033-07";
        Path file = SubmissionFiles.csv(file(period, "xlsx"), List.of(HEADER,
                row(person(1), "张三", "困难职工", "2033-07-01", "100")));
        long id = register(period, file);

        IngestOutcome outcome = ingest(id, 0.5);

        assertThat(outcome.status()).isEqualTo("REJECTED");
        assertThat(submissionCounts(id)).isEqualTo("REJECTED 0/0/0");
        assertThat(rejections(id)).containsExactly("- - UNREADABLE");
        assertThat(message(id, null, "UNREADABLE")).contains(".xlsx");
        assertThat(stagedVisits(id)).isEmpty();
        assertEveryMessageIsChinese(id);
    }

    @Test
    void findsTheHeaderBelowATitleRowAndNumbersRowsAsAPersonSeesThem() {
        String period = "2033-07";
        long id = register(period, SubmissionFiles.xlsx(file(period, "xlsx"), "2033年7月慰问情况统计表", List.of(HEADER,
                row(person(1), "张三", "快递员", "2033-07-01", "200"),
                Arrays.asList("", "", "", "", "", ""),
                row(person(2), "李四", "外卖配送员", "2033-07-01", "2,00"))));

        ingest(id, 0.5);

        assertThat(rejections(id)).containsExactly("5 amount NUMBER_INVALID");
        assertThat(stagedVisits(id)).containsExactly(
                "3 t " + ResidentIds.mask(person(1)) + " new_employment 2033-07-01 200.00",
                "5 f " + ResidentIds.mask(person(2)) + " new_employment 2033-07-01 -");
        assertThat(submissionCounts(id)).isEqualTo("ACCEPTED 2/1/1");
        assertEveryMessageIsChinese(id);
    }

    @Test
    void recordsTheFileColumnEachRejectedValueStoodIn() {
        String period = "2033-07";
        // the columns in an order of the clerk's own, after a column the mapping does not know
        long id = register(period, SubmissionFiles.xlsx(file(period, "xlsx"), "2033年7月慰问情况统计表", List.of(
                List.of("序号", "慰问金额（元）", "慰问日期", "姓名", "身份证号", "慰问对象类别", "行政区划代码"),
                List.of("1", "-5", "2033-07-01", "张三", person(1), "快递员", SUBMITTER),
                List.of("2", "200", "2033-07-01", "李四", Ids.withWrongCheckCharacter(person(2)), "快递员", SUBMITTER),
                List.of("3", "200", "2033-07-01", "王五", person(3), "快递员", SUBMITTER),
                List.of("4", "200", "2033-07-01", "王五", person(3), "快递员", SUBMITTER))));

        ingest(id, 0.9);

        assertThat(jdbc.queryForList("""
                select concat_ws(' ', row_no, coalesce(column_key, '-'), coalesce(column_index::text, '-'))
                from rejection where submission_id = ? order by row_no, code""", String.class, id))
                .containsExactly("3 amount 1", "4 person_id 4", "6 - -");
    }

    @Test
    void countsBlankCsvLinesInRowNumbers() {
        String period = "2033-07";
        long id = register(period, csv(period, List.of(HEADER,
                List.of(),
                row(person(1), "张三", "快递员", "2033-07-02", "200"),
                row(person(2), "李四", "快递员", "2033-08-02", "200"))));

        ingest(id, 0.5);

        assertThat(rejections(id)).containsExactly("4 visit_date DATE_OUT_OF_PERIOD");
        assertThat(stagedVisits(id)).extracting(row -> row.substring(0, 3)).containsExactly("3 t", "4 f");
    }

    @Test
    void replacesWhatAnEarlierIngestOfTheSameSubmissionLeft() {
        String period = "2033-08";
        long id = register(period, csv(period, List.of(HEADER,
                row(person(1), "张三", "困难职工", "2033-08-01", "100"),
                row(person(1), "张三", "困难职工", "2033-08-01", "100"),
                row(person(2), "李四", "困难职工", "2033-08-01", "1.005"),
                row(person(3), "王五", "困难职工", "2033-08-01", "100"),
                row(person(4), "赵六", "困难职工", "2033-08-01", "100"))));
        ingest(id, 0.5);
        List<String> staged = stagedVisits(id);
        List<String> rejections = rejectionsWithMessages(id);

        IngestOutcome again = ingest(id, 0.5);

        assertThat(again).isEqualTo(new IngestOutcome(id, fileName(id), 5, 3, 2, "ACCEPTED"));
        assertThat(stagedVisits(id)).isEqualTo(staged).hasSize(5);
        assertThat(rejectionsWithMessages(id)).isEqualTo(rejections).hasSize(2);
        assertThat(rejections(id)).containsExactly("3 - DUPLICATE_ROW", "4 amount NUMBER_INVALID");
        assertThat(submissionCounts(id)).isEqualTo("ACCEPTED 5/3/2");
    }

    @Test
    void replacesTheRejectionsOfAFileRejectedWholeWhenIngestedAgain() {
        String period = "2033-08";
        long id = register(period, csv(period, List.of(HEADER,
                row(person(1), "张三", "困难职工", "2033-08-01", "-1"),
                row(person(2), "李四", "困难职工", "2033-08-01", "100"))));
        ingest(id, 0.4);
        List<String> rejections = rejectionsWithMessages(id);

        ingest(id, 0.4);

        assertThat(rejectionsWithMessages(id)).isEqualTo(rejections);
        assertThat(rejections(id)).containsExactly("- - TOO_MANY_INVALID", "2 amount NEGATIVE");
        assertThat(submissionCounts(id)).isEqualTo("REJECTED 2/0/2");
        assertThat(stagedVisits(id)).isEmpty();
    }

    @Test
    void leavesNoStagedRowsNorRejectionsWhenTheTransactionRollsBack() {
        String period = "2033-08";
        long id = register(period, csv(period, List.of(HEADER,
                row(person(1), "张三", "困难职工", "2033-08-01", "100"),
                row(person(2), "李四", "困难职工", "2033-08-32", "100"),
                row(person(3), "王五", "困难职工", "2033-08-01", "100"))));

        tx.executeWithoutResult(status -> {
            ingester.ingest(id, 0.5, JOB_EXECUTION);
            assertThat(stagedVisits(id)).hasSize(3);
            assertThat(rejections(id)).containsExactly("3 visit_date DATE_INVALID");
            status.setRollbackOnly();
        });

        assertThat(stagedVisits(id)).isEmpty();
        assertThat(rejections(id)).isEmpty();
        assertThat(jdbc.queryForObject("select status || ' ' || coalesce(rows_read::text, '-') from submission where id = ?",
                String.class, id)).isEqualTo("RECEIVED -");
    }

    @Test
    void readsUtf8Utf8WithBomAndGbkCsvToTheSameStagedValues() {
        String period = "2033-09";
        List<List<?>> rows = List.of(
                List.of("行政区划代码", "身份证号", "姓名", "慰问对象类别", "慰问日期", "慰问金额（元）", "活动名称"),
                List.of(SUBMITTER, person(1), "张三", "困难职工家庭", "2033年9月5日", "1,000.00", "中秋慰问，第一批"),
                List.of(SUBMITTER, person(2), "欧阳娜娜", "新就业形态劳动者", "2033-09-06", "500元", "走访\n送温暖"),
                List.of(SUBMITTER, person(3), "李四", "劳模", "20330907", "300", "a\\b\tc"));
        long utf8 = register(period, SubmissionFiles.csv(file(period, "csv"), StandardCharsets.UTF_8, false, rows));
        long bom = register(period, SubmissionFiles.csv(file(period, "csv"), StandardCharsets.UTF_8, true, rows));
        long gbk = register(period, SubmissionFiles.csv(file(period, "csv"), Charset.forName("GBK"), false, rows));

        for (long id : List.of(utf8, bom, gbk)) {
            ingest(id, 0.5);
        }

        List<String> expected = List.of(
                "2 t 440103 " + ResidentIds.mask(person(1)) + " 张三 difficult_worker 2033-09-05 1000.00 中秋慰问，第一批",
                "3 t 440103 " + ResidentIds.mask(person(2)) + " 欧阳娜娜 new_employment 2033-09-06 500.00 走访\n送温暖",
                "4 t 440103 " + ResidentIds.mask(person(3)) + " 李四 model_worker 2033-09-07 300.00 a\\b\tc");
        assertThat(stagedVisitsInFull(utf8)).isEqualTo(expected);
        assertThat(stagedVisitsInFull(bom)).isEqualTo(expected);
        assertThat(stagedVisitsInFull(gbk)).isEqualTo(expected);
        assertThat(List.of(rejections(utf8), rejections(bom), rejections(gbk))).allSatisfy(r -> assertThat(r).isEmpty());
    }

    @Test
    void readsAnXlsFileWithATitleRow() {
        String period = "2033-10";
        long id = register(period, SubmissionFiles.xls(file(period, "xls"), "2033年10月慰问情况统计表", List.of(HEADER,
                row(person(1), "张三", "货车司机", "2033-10-09", "120.5"),
                row(person(2), "李四", "网约车司机", "2033-10-10", "abc"))));

        ingest(id, 0.5);

        assertThat(stagedVisits(id)).containsExactly(
                "3 t " + ResidentIds.mask(person(1)) + " new_employment 2033-10-09 120.50",
                "4 f " + ResidentIds.mask(person(2)) + " new_employment 2033-10-10 -");
        assertThat(rejections(id)).containsExactly("4 amount NUMBER_INVALID");
        assertThat(submissionCounts(id)).isEqualTo("ACCEPTED 2/1/1");
    }

    @Test
    void readsExcelNumericCellsAsShownAndDateCellsAsDates() {
        String period = "2033-10";
        long id = register(period, SubmissionFiles.xlsx(file(period, "xlsx"), null, List.of(HEADER,
                Arrays.asList(440103, person(1), "张三", "艰苦岗位职工", LocalDate.of(2033, 10, 20), 666.66),
                Arrays.asList(440103, person(2), "李四", "其他", LocalDate.of(2033, 10, 31), 0.1 + 0.2),
                Arrays.asList(440103, person(3), "王五", "其他", LocalDate.of(2033, 10, 1), 1.005))));

        ingest(id, 0.5);

        assertThat(stagedVisits(id)).containsExactly(
                "2 t " + ResidentIds.mask(person(1)) + " frontline 2033-10-20 666.66",
                "3 t " + ResidentIds.mask(person(2)) + " other 2033-10-31 0.30",
                "4 f " + ResidentIds.mask(person(3)) + " other 2033-10-01 -");
        assertThat(rejections(id)).containsExactly("4 amount NUMBER_INVALID");
        assertThat(jdbc.queryForObject("select value from rejection where submission_id = ? and row_no = 4", String.class,
                id)).isEqualTo("1.005");
    }

    @Test
    void readsFullWidthDigitsThousandsSeparatorsAndUnits() {
        String period = "2033-11";
        long id = register(period, csv(period, List.of(HEADER,
                row(person(1), "张三", "困难职工", "２０３３－１１－０５", "１２３．５０"),
                row(person(2), "李四", "困难职工", "2033-11-05", "1,234.50元"),
                row(person(3), "王五", "困难职工", "2033/11/5", " ８８ 元 "),
                List.of("４４０１０３", person(4), "赵六", "困难职工", "2033.11.5", "１，０００"))));

        ingest(id, 0.5);

        assertThat(rejections(id)).isEmpty();
        assertThat(stagedVisits(id)).containsExactly(
                "2 t " + ResidentIds.mask(person(1)) + " difficult_worker 2033-11-05 123.50",
                "3 t " + ResidentIds.mask(person(2)) + " difficult_worker 2033-11-05 1234.50",
                "4 t " + ResidentIds.mask(person(3)) + " difficult_worker 2033-11-05 88.00",
                "5 t " + ResidentIds.mask(person(4)) + " difficult_worker 2033-11-05 1000.00");
        assertThat(jdbc.queryForList("select distinct region_code from stage_visits where submission_id = ?",
                String.class, id)).containsExactly(SUBMITTER);
        assertThat(submissionCounts(id)).isEqualTo("ACCEPTED 4/4/0");
    }

    // ---- fixtures ----

    static List<?> row(String personId, String name, String category, String date, String amount) {
        return List.of(SUBMITTER, personId, name, category, date, amount);
    }

    /** A valid resident ID of someone born in 荔湾区, distinct per {@code n}. */
    static String person(int n) {
        return Ids.residentId(SUBMITTER, LocalDate.of(1970, 1, 1).plusDays(n), n % 1000);
    }

    /** A valid resident ID whose check character is X. */
    static String idEndingInX(int from) {
        for (int n = from;; n++) {
            String id = person(n);
            if (id.endsWith("X")) {
                return id;
            }
        }
    }

    /** A new path under the home's archive for a file of {@code period} in {@code extension}. */
    Path file(String period, String extension) {
        return file("visits", period, extension);
    }

    /** A new path under the home's archive for a file of {@code dataset} and {@code period} in {@code extension}. */
    Path file(String dataset, String period, String extension) {
        return home.archiveDirectory().resolve("ingester-tests").resolve(UUID.randomUUID().toString())
                .resolve(SUBMITTER + "_" + dataset + "_" + period + "." + extension);
    }

    Path csv(String period, List<List<?>> rows) {
        return SubmissionFiles.csv(file(period, "csv"), rows);
    }

    /** Registers a received visits file of SUBMITTER as the collection step would; returns the submission id. */
    long register(String period, Path file) {
        return register("visits", period, file);
    }

    /** Registers a received file of {@code dataset} from SUBMITTER as the collection step would; returns its id. */
    long register(String dataset, String period, Path file) {
        String name = file.getFileName().toString();
        try {
            return jdbc.queryForObject("""
                    insert into submission (receipt_key, source, remote_path, submitter, province, file_name, dataset,
                                            period, version, format, size_bytes, sha256, archive_path, received_at, status)
                    values (?, 'test', ?, ?, (select province_code from region where code = ?), ?, ?, ?, 1, ?, ?,
                            ?, ?, now(), 'RECEIVED')
                    returning id
                    """, Long.class, UUID.randomUUID().toString(), SUBMITTER + "/" + name, SUBMITTER, SUBMITTER, name,
                    dataset, period, name.substring(name.lastIndexOf('.') + 1), Files.size(file),
                    (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", ""),
                    home.root().relativize(file).toString());
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ingests in a transaction of its own, as the ingest step does. */
    IngestOutcome ingest(long id, double threshold) {
        return tx.execute(status -> ingester.ingest(id, threshold, JOB_EXECUTION));
    }

    String fileName(long id) {
        return jdbc.queryForObject("select file_name from submission where id = ?", String.class, id);
    }

    /** "STATUS read/accepted/rejected". */
    String submissionCounts(long id) {
        return jdbc.queryForObject("""
                select status || ' ' || rows_read || '/' || rows_accepted || '/' || rows_rejected
                from submission where id = ? and processed_by = ?
                """, String.class, id, JOB_EXECUTION);
    }

    /** "row column code", "-" for a null row or column; file-level reasons first, then by row, code and column. */
    List<String> rejections(long id) {
        return jdbc.queryForList("""
                select coalesce(row_no::text, '-') || ' ' || coalesce(column_key, '-') || ' ' || code from rejection
                where submission_id = ? order by row_no nulls first, code, column_key
                """, String.class, id);
    }

    List<String> rejectionsWithMessages(long id) {
        return jdbc.queryForList("""
                select concat_ws(' | ', row_no, column_key, column_header, code, message, value) from rejection
                where submission_id = ? order by row_no nulls first, code, column_key
                """, String.class, id);
    }

    String message(long id, Integer row, String code) {
        return jdbc.queryForObject("""
                select message from rejection where submission_id = ? and coalesce(row_no, 0) = ? and code = ?
                """, String.class, id, row == null ? 0 : row, code);
    }

    void assertEveryMessageIsChinese(long id) {
        assertThat(jdbc.queryForList("select message from rejection where submission_id = ?", String.class, id))
                .isNotEmpty()
                .allSatisfy(message -> assertThat(message).isNotBlank().containsPattern("\\p{IsHan}{2,}"));
    }

    /** "row valid person_id_masked category visit_date amount", "-" for null, valid as t/f. */
    List<String> stagedVisits(long id) {
        return jdbc.queryForList("""
                select concat_ws(' ', row_no, case when valid then 't' else 'f' end, coalesce(person_id_masked, '-'),
                                 coalesce(category, '-'), coalesce(visit_date::text, '-'), coalesce(amount::text, '-'))
                from stage_visits where submission_id = ? order by row_no
                """, String.class, id);
    }

    /** Every staged column but the submission id, the ID as shown (masked). */
    List<String> stagedVisitsInFull(long id) {
        return jdbc.queryForList("""
                select concat_ws(' ', row_no, case when valid then 't' else 'f' end, region_code, person_id_masked, person_name,
                                 category, visit_date, amount, event)
                from stage_visits where submission_id = ? order by row_no
                """, String.class, id);
    }
}
