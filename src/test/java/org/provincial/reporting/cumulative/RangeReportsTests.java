package org.provincial.reporting.cumulative;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.pipeline.PipelineRunner;
import org.provincial.reporting.pipeline.RunSummary;
import org.provincial.reporting.report.ReportPeriod;
import org.provincial.reporting.support.DataSheets;
import org.provincial.reporting.support.Ids;
import org.provincial.reporting.support.LibreOffice;
import org.provincial.reporting.support.ReportingTest;
import org.provincial.reporting.support.SubmissionFiles;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.provincial.reporting.support.SubmissionFiles.rows;

/**
 * 西藏 (540000) run through the whole job for 2041-12, 2042-01 and 2042-02 from CSV files in a local directory, then
 * reported over ranges. 拉萨市 (540100) has 城关区 (540102) and 堆龙德庆区 (540103), 日喀则市 (540200) has 桑珠孜区
 * (540202). Person A is visited in 城关区 in December and in 堆龙德庆区 in January, C in 桑珠孜区 twice, B in 城关区
 * twice; R1 receives two subsidies; E1 signs two contracts; 堆龙德庆区's enterprise count is reported only in December,
 * 城关区's changes in January, nothing in February. 2042-03 is never run. Every expected figure is computed by hand
 * in the comments.
 */
@ReportingTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RangeReportsTests {

    static final String PROVINCE = "540000";
    static final String VISITS = "行政区划代码,身份证号,姓名,慰问对象类别,慰问日期,慰问金额（元）";
    static final String SUBSIDIES = "行政区划代码,受助对象证件号,受助对象名称,补助项目,补助金额（元）,发放日期";
    static final String CONTRACTS = "行政区划代码,统一社会信用代码,企业名称,合同类型,签订日期,覆盖职工人数";
    static final String COUNTS = "行政区划代码,应建制企业数";
    static final String WELFARE = "行政区划代码,凭证号,收支类型,资金来源,金额（元）,日期";

    static final String A = Ids.residentId("540102", LocalDate.of(1970, 1, 1), 1);
    static final String B = Ids.residentId("540102", LocalDate.of(1971, 2, 2), 2);
    static final String C = Ids.residentId("540202", LocalDate.of(1972, 3, 3), 3);
    static final String D = Ids.residentId("540103", LocalDate.of(1973, 4, 4), 4);
    static final String E = Ids.residentId("540202", LocalDate.of(1974, 5, 5), 5);
    static final String R1 = Ids.residentId("540102", LocalDate.of(1980, 6, 6), 6);
    static final String R2 = Ids.creditCode("540102", 7);
    static final String E1 = Ids.creditCode("540102", 1);
    static final String E2 = Ids.creditCode("540103", 2);
    static final String E3 = Ids.creditCode("540202", 3);

    @Autowired
    PipelineRunner runner;

    @Autowired
    RangeReports reports;

    @TempDir
    Path temp;

    Path monthly;

    @BeforeAll
    void runThreeMonths(@TempDir Path files) throws Exception {
        Path source = files.resolve("source");
        monthly = files.resolve("monthly");
        // December: A and B in 城关区, C in 桑珠孜区; R1; E1 in 城关区 reported by 拉萨市; counts of 拉萨市 and 日喀则市
        csv(source, "540102", "visits", "2041-12", VISITS,
                "540102," + A + ",甲,困难职工,2041-12-05,500.00",
                "540102," + B + ",乙,一线职工,2041-12-06,300.00");
        csv(source, "540202", "visits", "2041-12", VISITS, "540202," + C + ",丙,劳模,2041-12-07,200.00");
        csv(source, "540102", "subsidies", "2041-12", SUBSIDIES, "540102," + R1 + ",丁,困难职工生活救助,1000.00,2041-12-10");
        csv(source, "540100", "contracts", "2041-12", CONTRACTS, "540102," + E1 + ",甲公司,综合性,2041-12-03,100");
        csv(source, "540100", "enterprise_counts", "2041-12", COUNTS, "540100,2", "540102,4", "540103,3");
        csv(source, "540200", "enterprise_counts", "2041-12", COUNTS, "540202,5");
        csv(source, "540100", "welfare", "2041-12", WELFARE,
                "540100,V1,筹集,省总工会,10000.00,2041-12-01",
                "540100,V2,筹集,上级工会拨付,5000.00,2041-12-02");
        // January: A again, now in 堆龙德庆区 (拉萨市 re-reports that row: one fact), D there, C again in 桑珠孜区
        csv(source, "540103", "visits", "2042-01", VISITS,
                "540103," + A + ",甲,困难职工,2042-01-05,400.00",
                "540103," + D + ",戊,新就业形态劳动者,2042-01-06,250.00");
        csv(source, "540100", "visits", "2042-01", VISITS, "540103," + A + ",甲,困难职工,2042-01-05,400.00");
        csv(source, "540202", "visits", "2042-01", VISITS, "540202," + C + ",丙,劳模,2042-01-10,200.00");
        csv(source, "540102", "subsidies", "2042-01", SUBSIDIES,
                "540102," + R1 + ",丁,金秋助学,2000.00,2042-01-12",
                "540102," + R2 + ",某工作室,创新工作室建设补助,50000.00,2042-01-13");
        csv(source, "540100", "contracts", "2042-01", CONTRACTS,
                "540102," + E1 + ",甲公司,工资专项,2042-01-08,100",
                "540103," + E2 + ",乙公司,综合性,2042-01-09,50");
        csv(source, "540100", "enterprise_counts", "2042-01", COUNTS, "540100,2", "540102,6");
        csv(source, "540100", "welfare", "2042-01", WELFARE, "540100,V3,发放,市总工会,3000.00,2042-01-20");
        // February: B again, E new; E3 in 桑珠孜区; a donation there; no enterprise count at all
        csv(source, "540102", "visits", "2042-02", VISITS, "540102," + B + ",乙,一线职工,2042-02-03,300.00");
        csv(source, "540202", "visits", "2042-02", VISITS, "540202," + E + ",己,其他,2042-02-04,100.00");
        csv(source, "540200", "contracts", "2042-02", CONTRACTS, "540202," + E3 + ",丙公司,行业性,2042-02-05,80");
        csv(source, "540200", "welfare", "2042-02", WELFARE, "540202,V4,筹集,社会捐赠,1500.50,2042-02-06");
        for (String month : List.of("2041-12", "2042-01", "2042-02")) {
            RunSummary summary = runner.startAndWait(PROVINCE, month, List.of(SourceLocation.parse(source.toString())), monthly, 0.5);
            assertThat(summary.completed()).as(month).isTrue();
        }
    }

    @Test
    void sumsAdditiveMeasuresAndCountsDistinctOverTheWholeRange() throws IOException {
        Path workbook = reports.write(PROVINCE, "2041-12", "2042-02", temp).workbook();

        assertThat(workbook.getFileName()).hasToString("provincial-totals-540000-2041-12_2042-02.xlsx");
        Map<String, Figure> data = data(workbook);
        assertThat(data.values()).allSatisfy(figure -> assertThat(figure.period()).isEqualTo("2041-12/2042-02"));
        // visits: Dec 3 + Jan 3 + Feb 2 rows; persons A, B, C, D, E; 1000.00 + 850.00 + 400.00
        assertThat(value(data, "540000", "visits", "person_visits", "")).isEqualByComparingTo("8");
        assertThat(value(data, "540000", "visits", "distinct_persons", "")).isEqualByComparingTo("5");
        assertThat(value(data, "540000", "visits", "amount_yuan", "")).isEqualByComparingTo("2250.00");
        assertThat(value(data, "540000", "visits", "person_visits", "difficult_worker")).isEqualByComparingTo("2");
        assertThat(value(data, "540000", "visits", "person_visits", "other")).isEqualByComparingTo("1");
        // 拉萨市: A (城关区, then 堆龙德庆区), B twice, D: 5 visits of 3 persons; its counties 2 and 2 persons
        assertThat(value(data, "540100", "visits", "person_visits", "")).isEqualByComparingTo("5");
        assertThat(value(data, "540100", "visits", "distinct_persons", "")).isEqualByComparingTo("3");
        assertThat(value(data, "540102", "visits", "distinct_persons", "")).isEqualByComparingTo("2");
        assertThat(value(data, "540103", "visits", "distinct_persons", "")).isEqualByComparingTo("2");
        assertThat(value(data, "540202", "visits", "person_visits", "")).isEqualByComparingTo("3");
        assertThat(value(data, "540202", "visits", "distinct_persons", "")).isEqualByComparingTo("2");
        // subsidies: R1 twice, R2 once
        assertThat(value(data, "540000", "subsidies", "payments", "")).isEqualByComparingTo("3");
        assertThat(value(data, "540000", "subsidies", "distinct_recipients", "")).isEqualByComparingTo("2");
        assertThat(value(data, "540000", "subsidies", "amount_yuan", "")).isEqualByComparingTo("53000.00");
        assertThat(value(data, "540000", "subsidies", "amount_yuan", "education_aid")).isEqualByComparingTo("2000.00");
        // contracts: E1 twice, E2, E3; 100 + 100 + 50 + 80 workers
        assertThat(value(data, "540000", "contracts", "contracts", "")).isEqualByComparingTo("4");
        assertThat(value(data, "540000", "contracts", "contracts", "comprehensive")).isEqualByComparingTo("2");
        assertThat(value(data, "540000", "contracts", "workers_covered", "")).isEqualByComparingTo("330");
        assertThat(value(data, "540000", "contracts", "enterprises_with_contract", "")).isEqualByComparingTo("3");
        assertThat(value(data, "540100", "contracts", "enterprises_with_contract", "")).isEqualByComparingTo("2");
        assertThat(value(data, "540102", "contracts", "enterprises_with_contract", "")).isEqualByComparingTo("1");
        // welfare: the upper allocation stays an internal transfer over a range too
        assertThat(value(data, "540000", "welfare", "raised_yuan", "")).isEqualByComparingTo("11500.50");
        assertThat(value(data, "540000", "welfare", "raised_yuan", "donation")).isEqualByComparingTo("1500.50");
        assertThat(value(data, "540000", "welfare", "internal_transfer_yuan", "")).isEqualByComparingTo("5000.00");
        assertThat(value(data, "540000", "welfare", "disbursed_yuan", "")).isEqualByComparingTo("3000.00");
    }

    @Test
    void takesEachRegionsLatestEnterpriseCountWithinTheRangeAndTheRateOverIt() throws IOException {
        Map<String, Figure> data = data(reports.write(PROVINCE, "2041-12", "2042-02", temp).workbook());

        // 拉萨市本级 2 (Jan), 城关区 6 (Jan, was 4), 堆龙德庆区 3 (Dec only), 桑珠孜区 5 (Dec only); nothing in February
        assertThat(value(data, "540100", "contracts", "enterprises_required", "")).isEqualByComparingTo("11");
        assertThat(value(data, "540102", "contracts", "enterprises_required", "")).isEqualByComparingTo("6");
        assertThat(value(data, "540103", "contracts", "enterprises_required", "")).isEqualByComparingTo("3");
        assertThat(value(data, "540200", "contracts", "enterprises_required", "")).isEqualByComparingTo("5");
        assertThat(value(data, "540000", "contracts", "enterprises_required", "")).isEqualByComparingTo("16");
        // 3/16, 2/11 = 0.181818…, 1/6 = 0.16666… (half-up), 1/3, 1/5
        assertThat(value(data, "540000", "contracts", "establishment_rate", "")).isEqualByComparingTo("0.1875");
        assertThat(value(data, "540100", "contracts", "establishment_rate", "")).isEqualByComparingTo("0.1818");
        assertThat(value(data, "540102", "contracts", "establishment_rate", "")).isEqualByComparingTo("0.1667");
        assertThat(value(data, "540103", "contracts", "establishment_rate", "")).isEqualByComparingTo("0.3333");
        assertThat(value(data, "540200", "contracts", "establishment_rate", "")).isEqualByComparingTo("0.2");
    }

    @Test
    void leavesTheComparisonsEmptyWhereTheEarlierPeriodsHaveNoCompletedRun() throws IOException {
        Path workbook = reports.write(PROVINCE, "2041-12", "2042-02", temp).workbook();

        Map<String, Figure> data = data(workbook);
        assertThat(data.values()).allSatisfy(figure -> {
            assertThat(figure.previous()).isNull();
            assertThat(figure.yearAgo()).isNull();
        });
        String paragraph = summaryParagraph(workbook);
        assertThat(paragraph).startsWith("2041年12月至2042年2月，西藏自治区各级工会累计慰问职工8人次")
                .doesNotContain("比上期").doesNotContain("同比").doesNotContain("∞");
    }

    @Test
    void namesAMonthNeverRunAndComparesWithThePeriodBefore() throws IOException {
        RangeReports.Written written = reports.write(PROVINCE, "2042-02", "2042-03", temp);

        assertThat(written.period().missing()).containsExactly("2042-03");
        assertThat(written.period().previous()).isEqualTo("2041-12/2042-01");
        assertThat(written.period().yearAgo()).isNull();
        Map<String, Figure> data = data(written.workbook());
        // February alone: B and E; 80 workers of E3; no enterprise count in February or March, so no rate
        Figure visits = data.get("540000/visits/person_visits/");
        assertThat(visits.value()).isEqualByComparingTo("2");
        // the period before, December and January: 3 + 3 visits of A, B, C, D (A once); 1000.00 + 850.00
        assertThat(visits.previous()).isEqualByComparingTo("6");
        assertThat(visits.yearAgo()).isNull();
        assertThat(data.get("540000/visits/distinct_persons/").previous()).isEqualByComparingTo("4");
        assertThat(data.get("540000/visits/amount_yuan/").previous()).isEqualByComparingTo("1850.00");
        assertThat(value(data, "540000", "contracts", "enterprises_required", "")).isEqualByComparingTo("0");
        assertThat(value(data, "540000", "contracts", "establishment_rate", "")).isNull();
        // December and January: E1, E2 of 2 + 6 + 3 + 5 required
        assertThat(data.get("540000/contracts/establishment_rate/").previous()).isEqualByComparingTo("0.125");
        assertThat(texts(written.workbook(), "汇总")).anySatisfy(text -> assertThat(text).contains("未汇总月份：2042-03"));
        assertThat(texts(written.workbook(), "报送情况").get(0)).contains("未汇总月份：2042-03");
        // 2 against 6 visits: -66.7%; 400.00 against 1850.00: -78.4%
        assertThat(summaryParagraph(written.workbook()))
                .contains("累计慰问职工2人次（其中一线职工1人次、其他1人次），比上期下降66.7%，")
                .contains("发放慰问金400元，比上期下降78.4%；")
                .doesNotContain("同比");
    }

    @Test
    void givesAMonthsOwnFiguresAndComparisonsWhenFromEqualsTo() throws IOException {
        RangeReports.Written written = reports.write(PROVINCE, "2042-01", "2042-01", temp);

        assertThat(written.workbook().getFileName()).hasToString("provincial-totals-540000-2042-01_2042-01.xlsx");
        assertThat(DataSheets.read(written.workbook()))
                .isEqualTo(DataSheets.read(monthly.resolve("provincial-totals-540000-2042-01.xlsx")));
        Figure visits = data(written.workbook()).get("540000/visits/person_visits/");
        // January 3 visits, December 3; no January 2041
        assertThat(visits.value()).isEqualByComparingTo("3");
        assertThat(visits.previous()).isEqualByComparingTo("3");
        assertThat(visits.yearAgo()).isNull();
        // 850.00 against 1000.00: -15%
        assertThat(summaryParagraph(written.workbook()))
                .startsWith("2042年1月，西藏自治区各级工会慰问职工3人次")
                .contains("劳模1人次），与上月持平，发放慰问金850元，比上月下降15%；")
                .doesNotContain("同比");
    }

    @Test
    void showsTheComparisonsWithTheirChangeInTheSummaryAndDatasetSheets() throws IOException {
        Path workbook = reports.write(PROVINCE, "2042-02", "2042-03", temp).workbook();

        try (XSSFWorkbook book = open(workbook)) {
            Sheet summary = book.getSheet("汇总");
            assertThat(texts(summary.getRow(2))).containsExactly("指标", "发布口径", "精确数", "单位", "上期", "增减%",
                    "去年同期", "同比增减%");
            Row visits = summary.getRow(3);
            assertThat(visits.getCell(0).getStringCellValue()).isEqualTo("慰问职工");
            assertThat(visits.getCell(2).getNumericCellValue()).isEqualTo(2);
            assertThat(visits.getCell(4).getNumericCellValue()).isEqualTo(6);
            assertThat(visits.getCell(5).getNumericCellValue()).isEqualTo(-0.6667);
            assertThat(visits.getCell(5).getCellStyle().getDataFormatString()).isEqualTo("0.0%");
            assertThat(visits.getCell(6).getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.BLANK);
            assertThat(visits.getCell(7).getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.BLANK);

            Sheet sheet = book.getSheet("慰问");
            int previous = -1;
            for (Cell cell : sheet.getRow(2)) {
                if (cell.getStringCellValue().equals("上期") && sheet.getRow(1).getCell(cell.getColumnIndex())
                        .getStringCellValue().equals("慰问人次")) {
                    previous = cell.getColumnIndex();
                }
            }
            assertThat(previous).isPositive();
            assertThat(sheet.getRow(2).getCell(previous + 1).getStringCellValue()).isEqualTo("增减%");
            Row province = sheet.getRow(3);
            assertThat(province.getCell(previous).getNumericCellValue()).isEqualTo(6);
            assertThat(province.getCell(previous + 1).getNumericCellValue()).isEqualTo(-0.6667);
        }
    }

    @Test
    void opensInLibreOfficeWithTheSameFigures() throws Exception {
        Path workbook = reports.write(PROVINCE, "2041-12", "2042-02", temp.resolve("lo")).workbook();

        Path converted = LibreOffice.convert(workbook, "xlsx", temp.resolve("converted"));

        Map<String, Figure> data = data(converted);
        assertThat(value(data, "540000", "visits", "distinct_persons", "")).isEqualByComparingTo("5");
        assertThat(value(data, "540000", "contracts", "establishment_rate", "")).isEqualByComparingTo("0.1875");
        assertThat(data.get("540000/visits/person_visits/").period()).isEqualTo("2041-12/2042-02");
        try (XSSFWorkbook book = open(converted)) {
            assertThat(book.getSheet("汇总").getRow(0).getCell(0).getStringCellValue())
                    .isEqualTo("西藏自治区2041年12月至2042年2月工会工作统计汇总");
        }
    }

    @Test
    void refusesARangeWithoutWritingForBadInput() throws IOException {
        Path out = temp.resolve("refused");
        assertThatThrownBy(() -> reports.write(PROVINCE, "2042-02", "2041-12", out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("晚于").hasMessageContaining("请互换两者");
        assertThatThrownBy(() -> reports.write(PROVINCE, "2042-1", "2042-02", out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("“2042-1”")
                .hasMessageContaining("不是 2025-01 这样的年月");
        assertThatThrownBy(() -> reports.write(PROVINCE, "2039-01", "2042-01", out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("37 个月").hasMessageContaining("36");
        assertThatThrownBy(() -> reports.write("540100", "2041-12", "2042-01", out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("540100");
        assertThatThrownBy(() -> reports.write("150000", "2041-12", "2042-01", out))
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining("内蒙古自治区（150000）尚无完成汇总的月份");
        assertThat(out).doesNotExist();
        assertThat(ReportPeriod.bounds("2039-02", "2042-01")).hasSize(2);
    }

    private static void csv(Path source, String submitter, String dataset, String month, String header, String... lines) {
        String[] all = new String[lines.length + 1];
        all[0] = header;
        System.arraycopy(lines, 0, all, 1, lines.length);
        SubmissionFiles.csv(source.resolve(submitter).resolve(submitter + "_" + dataset + "_" + month + ".csv"), rows(all));
    }

    /** The data sheet's figures by {@code region/dataset/measure/breakdown}. */
    static Map<String, Figure> data(Path workbook) throws IOException {
        Map<String, Figure> figures = new HashMap<>();
        try (XSSFWorkbook book = open(workbook)) {
            Sheet sheet = book.getSheet("data");
            assertThat(texts(sheet.getRow(0))).containsExactly("period", "dataset", "region_code", "region_name", "level",
                    "measure", "breakdown", "value", "previous_value", "year_ago_value");
            for (Row row : sheet) {
                if (row.getRowNum() > 0) {
                    figures.put(text(row, 2) + "/" + text(row, 1) + "/" + text(row, 5) + "/" + text(row, 6),
                            new Figure(text(row, 0), number(row, 7), number(row, 8), number(row, 9)));
                }
            }
        }
        return figures;
    }

    static BigDecimal value(Map<String, Figure> data, String region, String dataset, String measure, String breakdown) {
        Figure figure = data.get(region + "/" + dataset + "/" + measure + "/" + breakdown);
        assertThat(figure).as("%s %s %s %s", region, dataset, measure, breakdown).isNotNull();
        return figure.value();
    }

    /** The 综述 paragraph of the summary sheet: the cell below the one that says 综述. */
    static String summaryParagraph(Path workbook) throws IOException {
        List<String> texts = texts(workbook, "汇总");
        return texts.get(texts.indexOf("综述") + 1);
    }

    /** Every text cell of a sheet, row by row. */
    static List<String> texts(Path workbook, String sheetName) throws IOException {
        try (XSSFWorkbook book = open(workbook)) {
            List<String> texts = new java.util.ArrayList<>();
            for (Row row : book.getSheet(sheetName)) {
                texts.addAll(texts(row));
            }
            return texts;
        }
    }

    private static List<String> texts(Row row) {
        List<String> texts = new java.util.ArrayList<>();
        for (Cell cell : row) {
            if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING) {
                texts.add(cell.getStringCellValue());
            }
        }
        return texts;
    }

    private static XSSFWorkbook open(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new XSSFWorkbook(in);
        }
    }

    private static String text(Row row, int column) {
        Cell cell = row.getCell(column);
        return cell == null ? "" : new DataFormatter().formatCellValue(cell);
    }

    private static BigDecimal number(Row row, int column) {
        Cell cell = row.getCell(column);
        return cell == null || cell.getCellType() == org.apache.poi.ss.usermodel.CellType.BLANK ? null
                : BigDecimal.valueOf(cell.getNumericCellValue());
    }

    /** One row of the data sheet: its period and its three values (null where empty). */
    record Figure(String period, BigDecimal value, BigDecimal previous, BigDecimal yearAgo) {
    }
}
