package org.provincial.reporting.privacy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.pipeline.PipelineRunner;
import org.provincial.reporting.pipeline.RunSummary;
import org.provincial.reporting.privacy.ResidentIds;
import org.provincial.reporting.reference.ColumnType;
import org.provincial.reporting.storage.ReportingHome;
import org.provincial.reporting.support.ClearTextScan;
import org.provincial.reporting.support.FtpTestServer;
import org.provincial.reporting.support.Ids;
import org.provincial.reporting.support.ReportingTest;
import org.provincial.reporting.support.SubmissionFiles;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run of 青海 (630000) whose visits and subsidies carry resident IDs, valid and invalid, typed in different ways:
 * no table keeps any of them in clear, yet duplicates, conflicts and distinct counts come out as with clear IDs.
 */
@ReportingTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResidentIdPrivacyFunctionalTests {

    static final String PROVINCE = "630000";
    static final String PERIOD = "2036-03";
    static final String COUNTY = "630102";
    static final String CITY = "630100";

    /** An ID ending in X, typed in lower case in some rows. */
    static final String PX = IntStream.range(0, 1000).mapToObj(n -> Ids.residentId(COUNTY, LocalDate.of(1975, 4, 4), n))
            .filter(id -> id.endsWith("X")).findFirst().orElseThrow();
    static final String P1 = Ids.residentId(COUNTY, LocalDate.of(1966, 6, 1), 11);
    static final String P2 = Ids.residentId(COUNTY, LocalDate.of(1988, 8, 2), 22);
    static final String P3 = Ids.residentId(COUNTY, LocalDate.of(1950, 1, 3), 33);
    static final String P4 = Ids.residentId(CITY, LocalDate.of(1999, 9, 4), 44);
    static final String BAD_ID = Ids.withWrongCheckCharacter(Ids.residentId(COUNTY, LocalDate.of(1971, 7, 5), 55));
    static final String SHORT_ID = "630102710705551";
    static final String BAD_RECIPIENT = Ids.withWrongCheckCharacter(Ids.residentId(COUNTY, LocalDate.of(1982, 2, 6), 66));
    static final String CREDIT_CODE = Ids.creditCode(COUNTY, 7);
    static final List<String> SUBMITTED_IDS = List.of(PX, P1, P2, P3, P4, BAD_ID, SHORT_ID, BAD_RECIPIENT);
    static final List<String> TABLES = List.of("stage_visits", "stage_subsidies", "stage_contracts",
            "stage_enterprise_counts", "stage_welfare", "rejection", "conflict", "deduplicated_row", "period_total");
    static final List<String> VISITS_HEADER = List.of("行政区划代码", "身份证号", "姓名", "慰问对象类别", "慰问日期", "慰问金额（元）");
    static final List<String> SUBSIDIES_HEADER = List.of("行政区划代码", "受助对象证件号", "受助对象名称", "补助项目", "补助金额（元）", "发放日期");

    @Autowired
    PipelineRunner runner;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ResidentIdHashes hashes;

    @Autowired
    ReportingHome home;

    FtpTestServer ftp;
    Path out;
    RunSummary summary;

    @BeforeAll
    void runTheJobOnSubmissionsWithResidentIds(@TempDir Path temp) throws Exception {
        Path files = temp.resolve("files");
        ftp = FtpTestServer.start(temp.resolve("ftp"));
        out = temp.resolve("out");
        // 城东区: two invalid IDs, and PX twice on the same day, typed differently: the second is a duplicate row
        ftp.put(SubmissionFiles.csv(files.resolve(COUNTY + "_visits_" + PERIOD + ".csv"), List.of(
                VISITS_HEADER,
                List.of(COUNTY, PX.toLowerCase(), "甲", "困难职工", "2036-03-01", "100"),
                List.of(COUNTY, P2, "乙", "快递员", "2036-03-02", "100"),
                List.of(COUNTY, BAD_ID, "丙", "困难职工", "2036-03-03", "100"),
                List.of(COUNTY, SHORT_ID, "丁", "困难职工", "2036-03-04", "100"),
                List.of(COUNTY, P3, "戊", "劳模", "2036-03-05", "100"),
                List.of(COUNTY, " " + PX + " ", "甲", "困难职工", "2036-03-01", "100"),
                List.of(COUNTY, P1, "己", "其他", "2036-03-06", "100"))), COUNTY);
        // 西宁市 re-reports P1's visit with another amount (a conflict the county wins) and visits PX once more
        ftp.put(SubmissionFiles.xlsx(files.resolve(CITY + "_visits_" + PERIOD + ".xlsx"), null, List.of(
                VISITS_HEADER,
                List.of(COUNTY, P1, "己", "其他", LocalDate.of(2036, 3, 6), 250),
                List.of(CITY, P4, "庚", "一线职工", LocalDate.of(2036, 3, 7), 100),
                List.of(CITY, PX, "甲", "其他", LocalDate.of(2036, 3, 8), 100))), CITY);
        ftp.put(SubmissionFiles.csv(files.resolve(COUNTY + "_subsidies_" + PERIOD + ".csv"), List.of(
                SUBSIDIES_HEADER,
                List.of(COUNTY, PX.toLowerCase(), "甲", "困难职工生活救助", "1000", "2036-03-10"),
                List.of(COUNTY, CREDIT_CODE, "某创新工作室", "创新工作室建设补助", "5000", "2036-03-11"),
                List.of(COUNTY, BAD_RECIPIENT, "辛", "金秋助学", "100", "2036-03-12"),
                List.of(COUNTY, P2, "乙", "医疗救助", "800", "2036-03-13"))), COUNTY);
        // the city's copy of PX's payment, typed in upper case: the same record, counted once
        ftp.put(SubmissionFiles.csv(files.resolve(CITY + "_subsidies_" + PERIOD + ".csv"), List.of(
                SUBSIDIES_HEADER,
                List.of(COUNTY, PX, "甲", "困难职工生活救助", "1000", "2036-03-10"),
                List.of(CITY, P3, "戊", "金秋助学", "300", "2036-03-14"))), CITY);

        summary = runner.startAndWait(PROVINCE, PERIOD, List.of(ftp.source()), out, 0.5);
    }

    @AfterAll
    void stopTheFtpServer() {
        ftp.close();
    }

    @Test
    void keepsNoSubmittedResidentIdInClearInAnyTable() {
        assertThat(summary.status()).isEqualTo("COMPLETED");
        assertThat(summary.filesCounted()).isEqualTo(4);
        for (String table : TABLES) {
            for (String id : SUBMITTED_IDS) {
                assertThat(jdbc.queryForObject("select count(*) from " + table + " t where upper(t::text) like ? or t::text like ?",
                        Integer.class, "%" + id + "%", "%" + id.substring(6, 14) + "%"))
                        .as("rows of %s holding %s", table, id).isZero();
            }
        }
    }

    @Test
    void leavesNoSubmittedResidentIdInTheDatabaseFiles() {
        // every file of the embedded PostgreSQL, WAL included, read as raw bytes
        assertThat(ClearTextScan.find(SUBMITTED_IDS, home.databaseDirectory())).isEmpty();
        assertThat(ClearTextScan.find(SUBMITTED_IDS, home.archiveDirectory())).as("the scan finds the originals")
                .hasSize(4);
    }

    @Test
    void storesEachResidentIdAsItsKeyedHashBesideItsMaskedForm() {
        ResidentIdHashes.Hasher hasher = hashes.hasher();
        assertThat(staged("stage_visits", "person_id", COUNTY, 2)).containsExactly(hasher.stored(PX, ColumnType.RESIDENT_ID),
                ResidentIds.mask(PX));
        // typed with blanks and in upper case, the duplicate row holds the same stored value
        assertThat(staged("stage_visits", "person_id", COUNTY, 7)).isEqualTo(staged("stage_visits", "person_id", COUNTY, 2));
        assertThat(staged("stage_visits", "person_id", CITY, 4)).isEqualTo(staged("stage_visits", "person_id", COUNTY, 2));
        assertThat(staged("stage_subsidies", "recipient_id", COUNTY, 2))
                .isEqualTo(staged("stage_subsidies", "recipient_id", CITY, 2))
                .isEqualTo(staged("stage_visits", "person_id", COUNTY, 2));
        // a credit code is a public enterprise code: kept as it is
        assertThat(staged("stage_subsidies", "recipient_id", COUNTY, 3)).containsExactly(CREDIT_CODE, CREDIT_CODE);
        // an invalid ID is not staged at all
        assertThat(staged("stage_visits", "person_id", COUNTY, 4)).containsExactly(null, null);
    }

    @Test
    void keepsRejectedIdsMaskedAndStillFindsDuplicateRows() {
        assertThat(jdbc.queryForList("""
                select r.row_no || ' ' || r.code || ' ' || coalesce(r.value, '-') from rejection r
                join submission s on s.id = r.submission_id
                where s.submitter = ? and s.period = ? and s.dataset in ('visits', 'subsidies')
                order by s.dataset desc, r.row_no""", String.class, COUNTY, PERIOD))
                .containsExactly(
                        "4 ID_INVALID " + ResidentIds.mask(BAD_ID),
                        "5 ID_INVALID 630102*****5551",
                        "7 DUPLICATE_ROW -",
                        "4 ID_INVALID " + ResidentIds.mask(BAD_RECIPIENT));
    }

    @Test
    void namesAConflictByTheMaskedId() {
        assertThat(jdbc.queryForList("select natural_key from conflict where province = ? and period = ?", String.class,
                PROVINCE, PERIOD)).containsExactly(ResidentIds.mask(P1) + "|2036-03-06|other");
    }

    @Test
    void countsDistinctPersonsAndRecipientsAsWithClearIds() {
        assertThat(total(PROVINCE, "visits", "person_visits")).isEqualTo("6");
        assertThat(total(PROVINCE, "visits", "distinct_persons")).isEqualTo("5");
        assertThat(total(COUNTY, "visits", "distinct_persons")).isEqualTo("4");
        assertThat(total(CITY, "visits", "distinct_persons")).isEqualTo("5");
        assertThat(total(PROVINCE, "subsidies", "payments")).isEqualTo("4");
        assertThat(total(PROVINCE, "subsidies", "distinct_recipients")).isEqualTo("4");
        assertThat(total(COUNTY, "subsidies", "distinct_recipients")).isEqualTo("3");
    }

    @Test
    void showsOnlyMaskedIdsInTheWorkbookAndTheFeedback() throws IOException {
        List<String> totals = texts(summary.workbook());
        List<String> feedback = texts(out.resolve("feedback").resolve(COUNTY + "-" + PERIOD + ".xlsx"));

        assertThat(totals).anyMatch(cell -> cell.contains(ResidentIds.mask(P1)));
        assertThat(feedback).contains(ResidentIds.mask(BAD_ID), ResidentIds.mask(BAD_RECIPIENT));
        for (String id : SUBMITTED_IDS) {
            assertThat(totals).noneMatch(cell -> cell.contains(id) || cell.contains(id.substring(6, 14)));
            assertThat(feedback).noneMatch(cell -> cell.contains(id) || cell.contains(id.substring(6, 14)));
        }
    }

    /** The ID column and its masked column of a staged row of the submitter's file. */
    private List<String> staged(String table, String column, String submitter, int row) {
        return jdbc.queryForObject("""
                select %2$s, %2$s_masked from %1$s t join submission s on s.id = t.submission_id
                where s.submitter = ? and s.period = ? and t.row_no = ?""".formatted(table, column),
                (rs, i) -> Arrays.asList(rs.getString(1), rs.getString(2)),
                submitter, PERIOD, row);
    }

    private String total(String region, String dataset, String measure) {
        return jdbc.queryForObject("""
                select value::text from period_total
                where province = ? and period = ? and dataset = ? and region_code = ? and measure = ? and breakdown = ''""",
                String.class, PROVINCE, PERIOD, dataset, region, measure);
    }

    /** Every cell of every sheet of a workbook, as shown. */
    private static List<String> texts(Path file) throws IOException {
        DataFormatter formatter = new DataFormatter();
        List<String> cells = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            workbook.forEach(sheet -> sheet.forEach(row -> row.forEach(cell -> cells.add(formatter.formatCellValue(cell)))));
        }
        return cells;
    }
}
