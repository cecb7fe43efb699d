package org.provincial.reporting.pipeline;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.collect.SubmissionCollector;
import org.provincial.reporting.storage.ReportingHome;
import org.provincial.reporting.support.Ids;
import org.provincial.reporting.support.ReportingTest;
import org.provincial.reporting.support.SubmissionFiles;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.provincial.reporting.support.SubmissionFiles.rows;

/**
 * SPEC §5.1 over three months of 广东 (440000): 荔湾区 (440103) sends its unchanged enterprise count every month, and
 * once its October visits renamed for December; 越秀区 (440104) has files an earlier version registered DUPLICATE_FILE
 * for another month, counted when their month is run. Establishment rates computed by hand.
 */
@ReportingTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnchangedFileEveryMonthTests {

    static final String PROVINCE = "440000";
    static final String OCT = "2027-10";
    static final String NOV = "2027-11";
    static final String DEC = "2027-12";
    static final double REJECT_THRESHOLD = 0.5;
    static final String HEADER_CONTRACTS = "行政区划代码,统一社会信用代码,企业名称,合同类型,签订日期,覆盖职工人数";
    static final String HEADER_VISITS = "行政区划代码,身份证号,姓名,慰问对象类别,慰问日期,慰问金额（元）";

    @Autowired
    PipelineRunner runner;

    @Autowired
    SubmissionCollector collector;

    @Autowired
    ReportingHome home;

    @Autowired
    JdbcTemplate jdbc;

    Path source;
    RunSummary october;
    RunSummary november;
    RunSummary novemberAgain;
    RunSummary december;
    Map<String, List<Map<String, Object>>> totalsAfterFirstRun;
    String decemberLegacyStatusAfterNovember;

    @BeforeAll
    void runThreeMonths(@TempDir Path temp) throws Exception {
        source = temp.resolve("source");
        List<SourceLocation> sources = List.of(SourceLocation.parse(source.toString()));

        // 荔湾区: 8 enterprises every month, the same bytes; 越秀区: 5
        Path liwanCount = SubmissionFiles.csv(source.resolve("440103/440103_enterprise_counts_2027-10.csv"),
                rows("行政区划代码,应建制企业数", "440103,8"));
        Path yuexiuCount = SubmissionFiles.csv(source.resolve("440104/440104_enterprise_counts_2027-10.csv"),
                rows("行政区划代码,应建制企业数", "440104,5"));
        contracts("440103", OCT, 1, 2);
        contracts("440104", OCT, 3);
        Path octoberVisits = SubmissionFiles.csv(source.resolve("440103/440103_visits_2027-10.csv"), rows(
                HEADER_VISITS,
                "440103," + Ids.residentId("440103", LocalDate.of(1970, 3, 1), 1) + ",张三,困难职工,2027-10-10,500.00",
                "440103," + Ids.residentId("440103", LocalDate.of(1975, 6, 2), 2) + ",李四,快递员,2027-10-11,300.00"));
        october = runner.startAndWait(PROVINCE, OCT, sources, temp.resolve("out-oct"), REJECT_THRESHOLD);

        // November and December: the counts again unchanged; 越秀区's as an earlier version registered them
        Files.copy(liwanCount, source.resolve("440103/440103_enterprise_counts_2027-11.csv"));
        Files.copy(liwanCount, source.resolve("440103/440103_enterprise_counts_2027-12.csv"));
        Files.copy(yuexiuCount, source.resolve("440104/440104_enterprise_counts_2027-11.csv"));
        Files.copy(yuexiuCount, source.resolve("440104/440104_enterprise_counts_2027-12.csv"));
        contracts("440103", NOV, 1, 2, 4, 9);
        contracts("440103", DEC, 5);
        contracts("440104", DEC, 3, 6, 7, 8);
        // the clerk sends October's visits again under December's name
        Files.copy(octoberVisits, source.resolve("440103/440103_visits_2027-12.csv"));
        collector.collect(PROVINCE, sources, october.executionId(), (where, path, status) -> { });
        registeredAsAnEarlierVersionDid("440104_enterprise_counts_2027-11.csv", "440104_enterprise_counts_2027-10.csv");
        registeredAsAnEarlierVersionDid("440104_enterprise_counts_2027-12.csv", "440104_enterprise_counts_2027-10.csv");

        november = runner.startAndWait(PROVINCE, NOV, sources, temp.resolve("out-nov"), REJECT_THRESHOLD);
        decemberLegacyStatusAfterNovember = status("440104_enterprise_counts_2027-12.csv");
        totalsAfterFirstRun = Map.of(NOV, totals(NOV));

        // 荔湾区 uploads November's count once more (a new modification time) and as a _v2 with the same bytes
        Path novemberCount = source.resolve("440103/440103_enterprise_counts_2027-11.csv");
        Files.setLastModifiedTime(novemberCount, FileTime.from(Instant.now().plusSeconds(60)));
        Files.copy(liwanCount, source.resolve("440103/440103_enterprise_counts_2027-11_v2.csv"));
        novemberAgain = runner.startAndWait(PROVINCE, NOV, sources, temp.resolve("out-nov-again"), REJECT_THRESHOLD);

        december = runner.startAndWait(PROVINCE, DEC, sources, temp.resolve("out-dec"), REJECT_THRESHOLD);
    }

    @Test
    void countsTheSameEnterpriseCountBytesInEveryMonthTheyWereSentFor() {
        assertThat(List.of(october, november, novemberAgain, december)).allMatch(RunSummary::completed);
        for (String period : List.of(OCT, NOV, DEC)) {
            assertThat(jdbc.queryForMap("select status, counted from submission where file_name = ? order by id limit 1",
                    "440103_enterprise_counts_" + period + ".csv"))
                    .as(period).containsEntry("status", "ACCEPTED").containsEntry("counted", true);
            assertThat(figure(period, "440103", "enterprises_required")).as(period).isEqualByComparingTo("8");
        }
        assertThat(jdbc.queryForList("""
                select distinct s.period from rejection r join submission s on s.id = r.submission_id
                where s.submitter = '440103' and s.dataset = 'enterprise_counts'""", String.class))
                .as("only November's re-uploads").containsExactly(NOV);
    }

    @Test
    void keepsOneStoredCopyOfTheBytesForAllThreeMonths() throws Exception {
        List<Map<String, Object>> copies = jdbc.queryForList("""
                select distinct sha256, archive_path from submission
                where submitter = '440103' and dataset = 'enterprise_counts' and period in (?, ?, ?)""", OCT, NOV, DEC);
        assertThat(copies).hasSize(1);
        String sha256 = (String) copies.get(0).get("sha256");
        try (Stream<Path> archived = Files.walk(home.archiveDirectory())) {
            assertThat(archived.filter(file -> file.getFileName().toString().equals(sha256))).hasSize(1);
        }
    }

    @Test
    void givesEachMonthItsOwnEstablishmentRate() {
        // October: 荔湾 2 of 8, 越秀 1 of 5, 广州 and the province 3 of 13 = 0.230769…
        assertThat(figure(OCT, "440103", "establishment_rate")).isEqualByComparingTo("0.2500");
        assertThat(figure(OCT, "440104", "establishment_rate")).isEqualByComparingTo("0.2000");
        assertThat(figure(OCT, "440100", "establishment_rate")).isEqualByComparingTo("0.2308");
        assertThat(figure(OCT, "440000", "establishment_rate")).isEqualByComparingTo("0.2308");
        // November: 荔湾 4 of 8, 越秀 0 of 5, 广州 4 of 13 = 0.307692…
        assertThat(figure(NOV, "440103", "establishment_rate")).isEqualByComparingTo("0.5000");
        assertThat(figure(NOV, "440104", "establishment_rate")).isEqualByComparingTo("0.0000");
        assertThat(figure(NOV, "440100", "establishment_rate")).isEqualByComparingTo("0.3077");
        assertThat(figure(NOV, "440100", "enterprises_required")).isEqualByComparingTo("13");
        // December: 荔湾 1 of 8, 越秀 4 of 5, 广州 5 of 13 = 0.384615…
        assertThat(figure(DEC, "440103", "establishment_rate")).isEqualByComparingTo("0.1250");
        assertThat(figure(DEC, "440104", "establishment_rate")).isEqualByComparingTo("0.8000");
        assertThat(figure(DEC, "440100", "establishment_rate")).isEqualByComparingTo("0.3846");
        assertThat(figure(DEC, "440000", "establishment_rate")).isEqualByComparingTo("0.3846");
    }

    @Test
    void keepsAReuploadOfTheSameMonthsFileADuplicate() {
        assertThat(jdbc.queryForList("""
                select s.file_name || ' ' || s.status || ' ' || coalesce(r.code, '-')
                from submission s left join rejection r on r.submission_id = s.id
                where s.file_name in ('440103_enterprise_counts_2027-11.csv', '440103_enterprise_counts_2027-11_v2.csv')
                order by s.id""", String.class)).containsExactly(
                "440103_enterprise_counts_2027-11.csv ACCEPTED -",
                "440103_enterprise_counts_2027-11.csv DUPLICATE_FILE DUPLICATE_FILE",
                "440103_enterprise_counts_2027-11_v2.csv DUPLICATE_FILE DUPLICATE_FILE");
        assertThat(jdbc.queryForObject("select version from submission where status = 'DUPLICATE_FILE'"
                + " and file_name = '440103_enterprise_counts_2027-11_v2.csv'", Integer.class)).isEqualTo(2);
        assertThat(novemberAgain.filesCounted()).isEqualTo(november.filesCounted());
        assertThat(totals(NOV)).isEqualTo(totalsAfterFirstRun.get(NOV));
    }

    @Test
    void rejectsTheRowsOfAVisitsFileRenamedForTheNextMonthAsOutOfPeriod() {
        Map<String, Object> renamed = jdbc.queryForMap(
                "select id, status, counted, rows_read from submission where file_name = '440103_visits_2027-12.csv'");
        assertThat(renamed).containsEntry("status", "REJECTED").containsEntry("counted", false)
                .containsEntry("rows_read", 2);
        List<Map<String, Object>> reasons = jdbc.queryForList(
                "select row_no, code from rejection where submission_id = ? order by row_no nulls first, code",
                renamed.get("id"));
        assertThat(reasons).extracting(reason -> reason.get("row_no") + " " + reason.get("code"))
                .containsExactly("null TOO_MANY_INVALID", "2 DATE_OUT_OF_PERIOD", "3 DATE_OUT_OF_PERIOD");
        assertThat(figure(OCT, "440103", "person_visits")).isEqualByComparingTo("2");
        assertThat(figure(DEC, "440103", "person_visits")).isEqualByComparingTo("0");
    }

    @Test
    void countsAFileAnEarlierVersionTookForAnotherMonthsDuplicateWhenItsPeriodIsRunAgain() {
        assertThat(decemberLegacyStatusAfterNovember).as("December not run yet").isEqualTo("DUPLICATE_FILE");
        for (String period : List.of(NOV, DEC)) {
            String file = "440104_enterprise_counts_" + period + ".csv";
            assertThat(status(file)).isEqualTo("ACCEPTED");
            assertThat(jdbc.queryForObject("""
                    select count(*) from rejection r join submission s on s.id = r.submission_id
                    where s.file_name = ?""", Long.class, file)).isZero();
            assertThat(figure(period, "440104", "enterprises_required")).as(period).isEqualByComparingTo("5");
        }
    }

    /** One contract per enterprise numbered {@code enterprises}, signed on the 5th of the month. */
    private void contracts(String submitter, String period, int... enterprises) {
        List<String> lines = new ArrayList<>(List.of(HEADER_CONTRACTS));
        for (int enterprise : enterprises) {
            lines.add(submitter + "," + Ids.creditCode(submitter, enterprise) + ",企业" + enterprise
                    + ",综合性集体合同," + period + "-05,50");
        }
        SubmissionFiles.csv(source.resolve(submitter + "/" + submitter + "_contracts_" + period + ".csv"),
                rows(lines.toArray(String[]::new)));
    }

    /** What the version before SPEC §5.1's scope made of the file: DUPLICATE_FILE of another month's. */
    private void registeredAsAnEarlierVersionDid(String fileName, String earlierFileName) {
        long id = jdbc.queryForObject("update submission set status = 'DUPLICATE_FILE' where file_name = ?"
                + " and status = 'RECEIVED' returning id", Long.class, fileName);
        jdbc.update("insert into rejection (submission_id, row_no, code, message) values (?, null, 'DUPLICATE_FILE', ?)",
                id, "文件内容与 2027-11-01 09:00 收到的文件 " + earlierFileName + " 完全相同，本次未重复计入。");
    }

    private String status(String fileName) {
        return jdbc.queryForObject("select status from submission where file_name = ?", String.class, fileName);
    }

    private BigDecimal figure(String period, String region, String measure) {
        return jdbc.queryForObject("""
                select value from period_total
                where province = ? and period = ? and region_code = ? and measure = ? and breakdown = ''""",
                BigDecimal.class, PROVINCE, period, region, measure);
    }

    private List<Map<String, Object>> totals(String period) {
        return jdbc.queryForList("""
                select dataset, region_code, measure, breakdown, value from period_total
                where province = ? and period = ? order by dataset, region_code, measure, breakdown""", PROVINCE, period);
    }
}
