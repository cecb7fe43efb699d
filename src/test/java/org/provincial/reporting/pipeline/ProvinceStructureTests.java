package org.provincial.reporting.pipeline;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.support.Ids;
import org.provincial.reporting.support.ReportingTest;
import org.provincial.reporting.support.SubmissionFiles;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.provincial.reporting.support.SubmissionFiles.rows;

/**
 * SPEC §1's structure through whole runs of January 2028: 湖北 (420000) and 海南 (460000) with their groupings of
 * directly governed counties (429000, 469000), which never submit, and 广东's 东莞 (441900), a city without counties.
 */
@ReportingTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvinceStructureTests {

    static final String PERIOD = "2028-01";
    static final double REJECT_THRESHOLD = 0.5;
    static final String HEADER_VISITS = "行政区划代码,身份证号,姓名,慰问对象类别,慰问日期,慰问金额（元）";
    static final String COMPLETENESS = "报送情况";
    static final String VISITS = "慰问";

    @Autowired
    PipelineRunner runner;

    @Autowired
    JdbcTemplate jdbc;

    Path out;
    RunSummary hubei;
    RunSummary hainan;
    RunSummary guangdong;

    @BeforeAll
    void runHubeiHainanAndGuangdong(@TempDir Path temp) throws Exception {
        Path source = temp.resolve("source");
        out = temp.resolve("out");
        List<SourceLocation> sources = List.of(SourceLocation.parse(source.toString()));
        visits(source, "429004", "429004,100.00", "429004,200.00");     // 仙桃市
        visits(source, "429005", "429005,70.00");                       // 潜江市
        visits(source, "420100", "420102,50.00", "420100,30.00");       // 武汉市 and 江岸区
        visits(source, "429000", "429004,999.00");                      // the grouping's own directory
        visits(source, "469002", "469002,40.00");                       // 琼海市
        visits(source, "460400", "460400,60.00");                       // 儋州市
        visits(source, "441900", "441900,80.00", "441900,20.00");       // 东莞市

        hubei = runner.startAndWait("420000", PERIOD, sources, out.resolve("420000"), REJECT_THRESHOLD);
        hainan = runner.startAndWait("460000", PERIOD, sources, out.resolve("460000"), REJECT_THRESHOLD);
        guangdong = runner.startAndWait("440000", PERIOD, sources, out.resolve("440000"), REJECT_THRESHOLD);
    }

    @Test
    void countsHubeisMissingSubmittersWithoutTheGrouping() {
        assertThat(List.of(hubei, hainan, guangdong)).allMatch(RunSummary::completed);
        // 13 cities other than 429000 and 105 counties; 仙桃, 潜江 and 武汉 reported
        assertThat(hubei.expectedSubmitters()).isEqualTo(118);
        assertThat(hubei.missingSubmitters()).hasSize(115)
                .noneMatch(missing -> missing.startsWith("429000"))
                .noneMatch(missing -> missing.startsWith("429004") || missing.startsWith("429005")
                        || missing.startsWith("420100"))
                .contains("429006 天门市", "429021 神农架林区", "420102 江岸区");
    }

    @Test
    void rejectsAFileInTheGroupingsDirectoryNamingTheCountiesThatSendIt() throws Exception {
        String message = jdbc.queryForObject("""
                select r.message from submission s join rejection r on r.submission_id = s.id
                where s.remote_path = '429000/429000_visits_2028-01.csv'
                  and s.status = 'SUBMITTER_MISMATCH' and r.code = 'SUBMITTER_MISMATCH'""", String.class);

        assertThat(message).contains("429000_visits_2028-01.csv", "省直辖县级行政区划", "统计分组",
                "仙桃市（429004）、潜江市（429005）、天门市（429006）、神农架林区（429021）",
                "/429004/429004_visits_2028-01.csv");
        assertThat(hubei.filesRejected()).isEqualTo(1);
        assertThat(out.resolve("420000/feedback/429000-2028-01.xlsx")).isRegularFile();
        assertThat(figure("420000", "429004", "amount_yuan")).as("the grouping's file is not counted")
                .isEqualByComparingTo("300.00");
    }

    @Test
    void totalsTheGroupingAsTheSumOfItsCounties() {
        // 仙桃 2 visits 300.00, 潜江 1 visit 70.00
        assertThat(figure("420000", "429000", "person_visits")).isEqualByComparingTo("3");
        assertThat(figure("420000", "429000", "amount_yuan")).isEqualByComparingTo("370.00");
        assertThat(figure("420000", "429000", "distinct_persons")).isEqualByComparingTo("3");
        for (String measure : List.of("person_visits", "amount_yuan", "distinct_persons")) {
            assertThat(figure("420000", "429000", measure)).as(measure).isEqualByComparingTo(jdbc.queryForObject("""
                    select sum(t.value) from period_total t join region r on r.code = t.region_code
                    where t.province = '420000' and t.period = ? and t.dataset = 'visits' and t.measure = ?
                      and t.breakdown = '' and r.parent_code = '429000'""", BigDecimal.class, PERIOD, measure));
        }
        // the province: 仙桃, 潜江, 武汉's two rows
        assertThat(figure("420000", "420000", "amount_yuan")).isEqualByComparingTo("450.00");
    }

    @Test
    void keepsTheGroupingAsASubtotalRowOverItsCountiesInTheWorkbook() throws Exception {
        List<List<String>> hubeiVisits = sheet(hubei.workbook(), VISITS);
        int grouping = rowOf(hubeiVisits, "429000");
        assertThat(hubeiVisits.get(grouping)).startsWith("429000", "省直辖县级行政区划");
        assertThat(hubeiVisits.subList(grouping + 1, hubeiVisits.size())).extracting(row -> row.get(0))
                .containsExactly("429004", "429005", "429006", "429021");
        assertThat(outlineLevel(hubei.workbook(), VISITS, "429004")).isEqualTo(1);
        assertThat(outlineLevel(hubei.workbook(), VISITS, "429000")).isZero();

        List<List<String>> hainanVisits = sheet(hainan.workbook(), VISITS);
        int hainanGrouping = rowOf(hainanVisits, "469000");
        assertThat(hainanVisits.subList(hainanGrouping + 1, hainanVisits.size())).hasSize(15)
                .allMatch(row -> row.get(0).startsWith("4690"));
    }

    @Test
    void listsTheGroupingsCountiesUnderItsNameOnTheCompletenessSheetAndNeverTheGrouping() throws Exception {
        List<List<String>> hubeiRows = sheet(hubei.workbook(), COMPLETENESS);
        assertThat(hubeiRows).noneMatch(row -> row.get(1).equals("429000"));
        assertThat(hubeiRows.stream().map(row -> row.get(1)).distinct()).hasSize(118);
        assertThat(hubeiRows).filteredOn(row -> row.get(1).startsWith("4290")).hasSize(4 * 5)
                .allMatch(row -> row.get(0).equals("省直辖县级行政区划"));
        assertThat(hubeiRows).filteredOn(row -> row.get(1).equals("429004") && row.get(3).equals(VISITS))
                .singleElement().satisfies(row -> assertThat(row.get(4)).isEqualTo("已报送"));

        List<List<String>> hainanRows = sheet(hainan.workbook(), COMPLETENESS);
        assertThat(hainan.expectedSubmitters()).isEqualTo(30);
        assertThat(hainan.missingSubmitters()).hasSize(28).noneMatch(missing -> missing.startsWith("469000"));
        assertThat(hainanRows.stream().map(row -> row.get(1)).distinct()).hasSize(30).doesNotContain("469000");
        assertThat(hainanRows).filteredOn(row -> row.get(0).equals("省直辖县级行政区划"))
                .extracting(row -> row.get(1)).hasSize(15 * 5).allMatch(code -> code.startsWith("4690"));
        assertThat(hainanRows).filteredOn(row -> row.get(1).equals("460400") && row.get(3).equals(VISITS))
                .singleElement().satisfies(row -> assertThat(row.get(4)).isEqualTo("已报送"));
    }

    @Test
    void expectsDongguanAsACityWithoutCountiesCountingItsOwnRows() throws Exception {
        assertThat(guangdong.expectedSubmitters()).isEqualTo(143);
        assertThat(guangdong.missingSubmitters()).hasSize(142).noneMatch(missing -> missing.startsWith("441900"));
        assertThat(figure("440000", "441900", "person_visits")).isEqualByComparingTo("2");
        assertThat(figure("440000", "441900", "amount_yuan")).isEqualByComparingTo("100.00");
        assertThat(figure("440000", "440000", "amount_yuan")).isEqualByComparingTo("100.00");

        List<List<String>> visits = sheet(guangdong.workbook(), VISITS);
        int dongguan = rowOf(visits, "441900");
        assertThat(visits.get(dongguan + 1).get(0)).as("中山 follows: 东莞 has no county rows").isEqualTo("442000");
        assertThat(sheet(guangdong.workbook(), COMPLETENESS)).filteredOn(row -> row.get(1).equals("441900"))
                .hasSize(5).allMatch(row -> row.get(0).equals("东莞市"))
                .filteredOn(row -> row.get(3).equals(VISITS)).singleElement()
                .satisfies(row -> assertThat(row.get(4)).isEqualTo("已报送"));
    }

    /** A visits file of the submitter, one row per "region,amount", each a different person. */
    private static void visits(Path source, String submitter, String... regionAndAmount) {
        List<String> lines = new ArrayList<>(List.of(HEADER_VISITS));
        for (int i = 0; i < regionAndAmount.length; i++) {
            String[] parts = regionAndAmount[i].split(",");
            lines.add(parts[0] + "," + Ids.residentId(parts[0], LocalDate.of(1970, 1, 1 + i), i) + ",某人,困难职工,"
                    + PERIOD + "-10," + parts[1]);
        }
        SubmissionFiles.csv(source.resolve(submitter + "/" + submitter + "_visits_" + PERIOD + ".csv"),
                rows(lines.toArray(String[]::new)));
    }

    private BigDecimal figure(String province, String region, String measure) {
        return jdbc.queryForObject("""
                select value from period_total
                where province = ? and period = ? and dataset = 'visits' and region_code = ? and measure = ?
                  and breakdown = ''""", BigDecimal.class, province, PERIOD, region, measure);
    }

    /** The rows below the headers of a sheet, each cell as shown; the completeness sheet has two header rows. */
    private static List<List<String>> sheet(Path workbook, String name) throws Exception {
        DataFormatter shown = new DataFormatter();
        try (InputStream in = Files.newInputStream(workbook); XSSFWorkbook book = new XSSFWorkbook(in)) {
            XSSFSheet sheet = book.getSheet(name);
            int first = name.equals(COMPLETENESS) ? 2 : 3;
            List<List<String>> rows = new ArrayList<>();
            for (Row row : sheet) {
                if (row.getRowNum() >= first) {
                    List<String> cells = new ArrayList<>();
                    for (int column = 0; column < row.getLastCellNum(); column++) {
                        cells.add(shown.formatCellValue(row.getCell(column)).trim());
                    }
                    rows.add(cells);
                }
            }
            return rows;
        }
    }

    private static int rowOf(List<List<String>> rows, String code) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).get(0).equals(code)) {
                return i;
            }
        }
        throw new AssertionError("No row for " + code);
    }

    private static int outlineLevel(Path workbook, String name, String code) throws Exception {
        try (InputStream in = Files.newInputStream(workbook); XSSFWorkbook book = new XSSFWorkbook(in)) {
            for (Row row : book.getSheet(name)) {
                if (row.getCell(0) != null && row.getCell(0).toString().equals(code)) {
                    return ((XSSFRow) row).getCTRow().getOutlineLevel();
                }
            }
        }
        throw new AssertionError("No row for " + code);
    }
}
