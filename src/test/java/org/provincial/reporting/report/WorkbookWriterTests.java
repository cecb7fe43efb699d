package org.provincial.reporting.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.aggregate.MeasureDefinition;
import org.provincial.reporting.aggregate.TotalsCalculator;
import org.provincial.reporting.dedup.Deduplicator;
import org.provincial.reporting.privacy.ResidentIdHashes;
import org.provincial.reporting.privacy.ResidentIds;
import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.support.LibreOffice;
import org.provincial.reporting.support.ReportingTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.provincial.reporting.report.ReportFixture.PROVINCE;

/** The staff workbook of {@link ReportFixture}'s province and period, written once and read back with POI. */
@ReportingTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkbookWriterTests {

    static final String PERIOD = "2034-01";

    @TempDir
    static Path out;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Deduplicator deduplicator;

    @Autowired
    TotalsCalculator totals;

    @Autowired
    DatasetMappings mappings;

    @Autowired
    WorkbookWriter writer;

    @Autowired
    ResidentIdHashes residentIds;

    Path file;

    XSSFWorkbook workbook;

    @BeforeAll
    void writeTheWorkbook() throws IOException {
        new ReportFixture(jdbc, residentIds, PERIOD).stage();
        deduplicator.deduplicate(PROVINCE, PERIOD);
        totals.calculate(PROVINCE, PERIOD);
        file = writer.write(PROVINCE, PERIOD, out.resolve("first"));
        workbook = open(file);
    }

    @AfterAll
    void closeTheWorkbook() throws IOException {
        workbook.close();
    }

    @Test
    void namesTheSheetsInOrder() {
        assertThat(file.getFileName()).hasToString("provincial-totals-650000-2034-01.xlsx");
        assertThat(IntStream.range(0, workbook.getNumberOfSheets()).mapToObj(workbook::getSheetName))
                .containsExactly("汇总", "慰问", "补助", "集体合同", "送温暖资金", "报送情况", "复核", "data");
    }

    @Test
    void groupsEachCitysCountiesBeneathItCollapsed() {
        XSSFSheet visits = workbook.getSheet("慰问");
        Map<String, String> levels = new HashMap<>();
        jdbc.query("select code, level from region where province_code = ?",
                rs -> { levels.put(rs.getString(1), rs.getString(2)); }, PROVINCE);
        assertThat(visits.getLastRowNum()).isEqualTo(DatasetSheet.HEADER_ROWS + levels.size() - 1);
        assertThat(text(visits.getRow(3), 0)).isEqualTo(PROVINCE);
        assertThat(text(visits.getRow(3), 1)).isEqualTo("新疆维吾尔自治区合计");
        for (int i = DatasetSheet.HEADER_ROWS; i <= visits.getLastRowNum(); i++) {
            XSSFRow row = visits.getRow(i);
            boolean county = levels.get(text(row, 0)).equals("county");
            assertThat(row.getOutlineLevel()).as(text(row, 0)).isEqualTo(county ? 1 : 0);
            assertThat(row.getZeroHeight()).as(text(row, 0)).isEqualTo(county);
        }
        XSSFRow urumqi = row(visits, "650100");
        assertThat(urumqi.getCTRow().getCollapsed()).isTrue();
        assertThat(text(visits.getRow(urumqi.getRowNum() + 1), 0)).isEqualTo("650102");
        assertThat(visits.getRowSumsBelow()).isFalse();
        assertThat(visits.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 3);
        assertThat(visits.getPaneInformation().getVerticalSplitPosition()).isEqualTo((short) 2);
    }

    @Test
    void formatsMoneyCountsAndRatesAndLeavesAnUndefinedRateEmpty() {
        XSSFSheet visits = workbook.getSheet("慰问");
        Row province = visits.getRow(3);
        Cell amount = province.getCell(column(visits, "慰问金额（元）", ""));
        assertThat(amount.getNumericCellValue()).isEqualTo(4_947_402.50);
        assertThat(amount.getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
        Cell personVisits = province.getCell(column(visits, "慰问人次", "合计"));
        assertThat(personVisits.getNumericCellValue()).isEqualTo(12_370);
        assertThat(personVisits.getCellStyle().getDataFormatString()).isEqualTo("#,##0");

        XSSFSheet contracts = workbook.getSheet("集体合同");
        int rate = column(contracts, "建制率", "");
        Cell provinceRate = contracts.getRow(3).getCell(rate);
        assertThat(provinceRate.getNumericCellValue()).isEqualTo(0.6667);
        assertThat(provinceRate.getCellStyle().getDataFormatString()).isEqualTo("0.00%");
        Cell karamayRate = row(contracts, "650200").getCell(rate);
        assertThat(karamayRate.getCellType()).isEqualTo(CellType.BLANK);
        assertThat(karamayRate.getCellStyle().getDataFormatString()).isEqualTo("0.00%");
        assertThat(row(contracts, "650102").getCell(rate).getNumericCellValue()).isEqualTo(0.6667);
        assertThat(row(contracts, "650103").getCell(rate).getNumericCellValue()).isEqualTo(0.5);
    }

    @Test
    void labelsEveryMeasureAndBreakdownInChinese() {
        assertThat(headers(workbook.getSheet("慰问"), 1)).contains("慰问人次", "慰问人数（去重）", "慰问金额（元）");
        assertThat(headers(workbook.getSheet("慰问"), 2)).contains("合计", "困难职工", "新就业形态劳动者", "一线职工", "劳模", "其他");
        assertThat(headers(workbook.getSheet("补助"), 2)).contains("金秋助学", "创新工作室建设补助");
        assertThat(headers(workbook.getSheet("集体合同"), 1)).contains("集体合同（份）", "应建制企业（家）", "建制率");
        assertThat(headers(workbook.getSheet("集体合同"), 2)).contains("综合性集体合同", "女职工权益保护专项集体合同");
        assertThat(headers(workbook.getSheet("送温暖资金"), 1)).contains("筹集送温暖资金（元）", "上级工会拨付（元）");
        assertThat(headers(workbook.getSheet("送温暖资金"), 2)).contains("全国总工会", "社会捐赠").doesNotContain("上级工会拨付");
    }

    @Test
    void showsTheSameFiguresInTheDatasetSheetsAsInTheDataSheet() {
        Map<String, Double> data = new HashMap<>();
        Sheet dataSheet = workbook.getSheet("data");
        for (int i = 1; i <= dataSheet.getLastRowNum(); i++) {
            Row row = dataSheet.getRow(i);
            Cell value = row.getCell(7);
            data.put(text(row, 1) + "|" + text(row, 2) + "|" + text(row, 5) + "|" + text(row, 6),
                    value == null ? null : value.getNumericCellValue());
        }
        List<MeasureDefinition> catalogue = TotalsCalculator.catalogue(mappings);
        int compared = 0;
        for (String dataset : WorkbookWriter.DATASET_SHEETS) {
            Sheet sheet = workbook.getSheet(mappings.get(dataset).title());
            List<MeasureDefinition> columns = catalogue.stream().filter(m -> m.dataset().equals(dataset)).toList();
            long totals = columns.stream().filter(m -> m.breakdown().isEmpty()).count();
            assertThat(sheet.getRow(1).getLastCellNum()).isEqualTo((short) (DatasetSheet.LEADING_COLUMNS + columns.size()
                    + DatasetSheet.COMPARISON_LABELS.size() * totals));
            for (int i = DatasetSheet.HEADER_ROWS; i <= sheet.getLastRowNum(); i++) {
                Row row = sheet.getRow(i);
                for (int c = 0; c < columns.size(); c++) {
                    MeasureDefinition measure = columns.get(c);
                    String key = dataset + "|" + text(row, 0) + "|" + measure.measure() + "|" + measure.breakdown();
                    assertThat(data).as(key).containsKey(key);
                    Cell cell = row.getCell(DatasetSheet.LEADING_COLUMNS + c);
                    assertThat(cell.getCellType() == CellType.BLANK ? null : cell.getNumericCellValue()).as(key)
                            .isEqualTo(data.get(key));
                    compared++;
                }
            }
        }
        assertThat(compared).isEqualTo(data.size());
    }

    @Test
    void publishesTheHeadlineFiguresTheWayTheProvinceDoes() {
        Sheet summary = workbook.getSheet("汇总");
        Map<String, String> published = new HashMap<>();
        Map<String, Double> exact = new HashMap<>();
        for (Row row = summary.getRow(SummarySheet.FIRST_HEADLINE_ROW); row != null; row = summary.getRow(row.getRowNum() + 1)) {
            published.put(text(row, 0), text(row, 1));
            exact.put(text(row, 0), row.getCell(2).getNumericCellValue());
        }
        assertThat(published)
                .containsEntry("慰问职工", "1.2万人次")
                .containsEntry("其中：困难职工", "2469人次")
                .containsEntry("其中：新就业形态劳动者", "2489人次")
                .containsEntry("发放慰问金", "494.74万元")
                .containsEntry("补助", "3人次")
                .containsEntry("补助金额", "10.35万元")
                .containsEntry("集体合同", "6份")
                .containsEntry("覆盖职工", "1300人")
                .containsEntry("建制率", "66.67%")
                .containsEntry("筹集送温暖资金", "1.5亿元")
                .containsEntry("发放送温暖资金", "3万元")
                .containsEntry("上级工会拨付（内部划拨，不计入筹集）", "5万元");
        assertThat(exact).containsEntry("慰问职工", 12_370.0).containsEntry("筹集送温暖资金", 150_002_600.50)
                .containsEntry("建制率", 0.6667);
        String paragraph = paragraph(summary);
        assertThat(paragraph).startsWith("2034年1月，新疆维吾尔自治区各级工会慰问职工1.2万人次（其中困难职工2469人次、")
                .contains("发放慰问金494.74万元；发放补助3人次、10.35万元；签订集体合同6份，覆盖职工1300人，建制率66.67%；")
                .endsWith("筹集送温暖资金1.5亿元，发放送温暖资金3万元。");
    }

    @Test
    void drawsBarChartsOfVisitsAndContractsByCityOnTheSummary() {
        XSSFSheet summary = workbook.getSheet("汇总");
        List<XSSFChart> charts = summary.getDrawingPatriarch().getCharts();
        assertThat(charts).hasSize(2);
        int cities = jdbc.queryForObject("select count(*) from region where province_code = ? and level = 'city'", Integer.class,
                PROVINCE);
        XDDFChartData.Series visits = charts.get(0).getChartSeries().get(0).getSeries(0);
        assertThat(charts.get(0).getTitleText()).hasToString("各地市慰问人次");
        assertThat(visits.getCategoryData().getPointCount()).isEqualTo(cities);
        assertThat(visits.getCategoryData().getPointAt(0)).isEqualTo("乌鲁木齐市");
        assertThat(visits.getValuesData().getPointAt(0).doubleValue()).isEqualTo(12_350);
        assertThat(visits.getValuesData().getPointAt(1).doubleValue()).isEqualTo(20);
        assertThat(visits.getValuesData().getDataRangeReference()).startsWith("汇总!$B$");
        XDDFChartData.Series contracts = charts.get(1).getChartSeries().get(0).getSeries(0);
        assertThat(charts.get(1).getTitleText()).hasToString("各地市集体合同（份）");
        assertThat(contracts.getValuesData().getPointAt(0).doubleValue()).isEqualTo(4);
        assertThat(contracts.getValuesData().getPointAt(1).doubleValue()).isEqualTo(2);
    }

    @Test
    void listsEveryExpectedSubmitterForEveryDatasetInTheCompletenessSheet() {
        Sheet completeness = workbook.getSheet("报送情况");
        // 新疆's cities and counties in regions.csv, less the grouping 659000 自治区直辖县级行政区划 (SPEC §1)
        int submitters = 122;
        assertThat(completeness.getLastRowNum() - 1).isEqualTo(submitters * DatasetMappings.DATASETS.size());
        assertThat(List.of(text(completeness.getRow(2), 1), text(completeness.getRow(2), 3), text(completeness.getRow(7), 1)))
                .containsExactly("650100", "慰问", "650102");

        Row urumqiVisits = completenessRow(completeness, "650100", "慰问");
        assertThat(text(urumqiVisits, 0)).isEqualTo("乌鲁木齐市");
        assertThat(text(urumqiVisits, 4)).isEqualTo(CompletenessSheet.REPORTED);
        assertThat(urumqiVisits.getCell(5).getNumericCellValue()).isEqualTo(2);
        assertThat(text(urumqiVisits, 6)).isEqualTo(ReportFixture.FORMULA_FILE_NAME);
        assertThat(urumqiVisits.getCell(7).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2034, 2, 2, 10, 0));
        assertThat(IntStream.rangeClosed(8, 12).mapToDouble(c -> urumqiVisits.getCell(c).getNumericCellValue()))
                .containsExactly(2.0, 9.0, 1.0, 1.0, 1.0);
        Row tianshanContracts = completenessRow(completeness, "650102", "集体合同");
        assertThat(text(tianshanContracts, 0)).isEqualTo("乌鲁木齐市");
        assertThat(text(tianshanContracts, 4)).isEqualTo(CompletenessSheet.REPORTED);
        assertThat(tianshanContracts.getCell(11).getNumericCellValue()).isZero();
        assertThat(tianshanContracts.getCell(12).getNumericCellValue()).isEqualTo(1);

        Row returned = completenessRow(completeness, "650103", "补助");
        assertThat(text(returned, 4)).isEqualTo(CompletenessSheet.RETURNED);
        assertThat(returned.getCell(5).getCellType()).isEqualTo(CellType.BLANK);
        assertThat(text(returned, 6)).isEqualTo(ReportFixture.PLUS_FILE_NAME);
        assertThat(text(returned, 13)).isEqualTo(ReportFixture.REJECTION_MESSAGE);
        Row missing = completenessRow(completeness, "650104", "慰问");
        assertThat(text(missing, 4)).isEqualTo(CompletenessSheet.MISSING);
        assertThat(missing.getCell(6)).isNull();
        assertThat(text(completenessRow(completeness, "650100", "应建制企业数"), 4)).isEqualTo(CompletenessSheet.REPORTED);
    }

    @Test
    void listsEveryConflictWithItsCountedAndSetAsideCopies() {
        Sheet review = workbook.getSheet("复核");
        // three conflicts on rows 3 to 5, then a blank row and the checks section (none ran for this fixture)
        assertThat(review.getRow(6)).isNull();
        assertThat(text(review.getRow(7), 0)).isEqualTo("跨字段、跨数据与历史核查");
        assertThat(text(review.getRow(10), 0)).isEqualTo("本期核查没有发现需要核实的数据。");
        assertThat(review.getLastRowNum()).isEqualTo(10);
        Row visits = review.getRow(3);
        assertThat(List.of(text(visits, 1), text(visits, 2), text(visits, 3)))
                .containsExactly("慰问", ResidentIds.mask(ReportFixture.CONFLICTING_PERSON) + " / 2034-01-20 / 困难职工", "慰问金额（元）");
        assertThat(text(visits, 2)).doesNotContain(ReportFixture.CONFLICTING_PERSON).startsWith("650102********");
        assertThat(List.of(text(visits, 4), text(visits, 5), text(visits, 7), text(visits, 8), text(visits, 11)))
                .containsExactly("天山区（650102）", "650102_visits_2034-01.csv", "慰问金额（元）：800.00", "乌鲁木齐市（650100）",
                        "慰问金额（元）：900.00");
        assertThat(visits.getCell(6).getNumericCellValue()).isEqualTo(12_347);
        assertThat(visits.getCell(10).getNumericCellValue()).isEqualTo(2);

        Row contracts = review.getRow(4);
        assertThat(List.of(text(contracts, 1), text(contracts, 3), text(contracts, 7), text(contracts, 11)))
                .containsExactly("集体合同", "覆盖职工人数", "覆盖职工人数：450", "覆盖职工人数：400");
        Row welfare = review.getRow(5);
        assertThat(List.of(text(welfare, 1), text(welfare, 2), text(welfare, 7), text(welfare, 11)))
                .containsExactly("送温暖资金", "650102 天山区 / " + ReportFixture.FORMULA_VOUCHER, "金额（元）：100.00", "金额（元）：120.00");
    }

    @Test
    void writesSubmittedTextThatLooksLikeAFormulaAsQuotedText() {
        Cell loserFile = workbook.getSheet("复核").getRow(3).getCell(9);
        assertThat(loserFile.getCellType()).isEqualTo(CellType.STRING);
        assertThat(loserFile.getStringCellValue()).isEqualTo(ReportFixture.FORMULA_FILE_NAME);
        assertThat(loserFile.getCellStyle().getQuotePrefixed()).isTrue();
        Cell rejectedFile = completenessRow(workbook.getSheet("报送情况"), "650103", "补助").getCell(6);
        assertThat(rejectedFile.getCellType()).isEqualTo(CellType.STRING);
        assertThat(rejectedFile.getStringCellValue()).isEqualTo(ReportFixture.PLUS_FILE_NAME);
        assertThat(rejectedFile.getCellStyle().getQuotePrefixed()).isTrue();
        for (Sheet sheet : workbook) {
            for (Row row : sheet) {
                for (Cell cell : row) {
                    assertThat(cell.getCellType()).as("%s!%s", sheet.getSheetName(), cell.getAddress()).isNotEqualTo(CellType.FORMULA);
                }
            }
        }
    }

    @Test
    void writesTheSameCellsForTheSameData() throws IOException {
        Path again = writer.write(PROVINCE, PERIOD, out.resolve("again"));
        try (XSSFWorkbook second = open(again)) {
            assertThat(cells(second)).isEqualTo(cells(workbook)).hasSizeGreaterThan(1000);
        }
    }

    @Test
    void convertsToPdfWithLibreOffice() throws Exception {
        Path pdf = LibreOffice.convert(file, "pdf", out.resolve("pdf"));
        assertThat(pdf.getFileName().toString()).isEqualTo("provincial-totals-650000-2034-01.pdf");
        assertThat(Files.size(pdf)).isGreaterThan(10_000);
        try (InputStream in = Files.newInputStream(pdf)) {
            assertThat(new String(in.readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        }
    }

    private static XSSFWorkbook open(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new XSSFWorkbook(in);
        }
    }


    /** Every cell of every sheet: address, type, value and number format. */
    private static List<String> cells(XSSFWorkbook workbook) {
        List<String> cells = new ArrayList<>();
        for (Sheet sheet : workbook) {
            for (Row row : sheet) {
                for (Cell cell : row) {
                    String value = switch (cell.getCellType()) {
                        case NUMERIC -> String.valueOf(cell.getNumericCellValue());
                        case STRING -> cell.getStringCellValue();
                        default -> "";
                    };
                    cells.add(sheet.getSheetName() + "!" + cell.getAddress() + " " + cell.getCellType() + " " + value + " "
                            + cell.getCellStyle().getDataFormatString());
                }
            }
        }
        return cells;
    }

    private static String paragraph(Sheet summary) {
        for (Row row : summary) {
            if (text(row, 0).equals("综述")) {
                return text(summary.getRow(row.getRowNum() + 1), 0);
            }
        }
        throw new AssertionError("No 综述 on the summary sheet");
    }

    private static Row completenessRow(Sheet sheet, String code, String dataset) {
        for (Row row : sheet) {
            if (row.getRowNum() > 1 && text(row, 1).equals(code) && text(row, 3).equals(dataset)) {
                return row;
            }
        }
        throw new AssertionError("No row for " + code + " " + dataset);
    }

    private static XSSFRow row(XSSFSheet sheet, String code) {
        for (Row row : sheet) {
            if (row.getRowNum() >= DatasetSheet.HEADER_ROWS && text(row, 0).equals(code)) {
                return (XSSFRow) row;
            }
        }
        throw new AssertionError("No row for " + code);
    }

    /** The column under a measure's label, for a breakdown label (empty for a measure without breakdowns). */
    private static int column(Sheet sheet, String measure, String breakdown) {
        for (int c = DatasetSheet.LEADING_COLUMNS; c < sheet.getRow(1).getLastCellNum(); c++) {
            if (text(sheet.getRow(1), c).equals(measure) && text(sheet.getRow(2), c).equals(breakdown)) {
                return c;
            }
        }
        throw new AssertionError("No column " + measure + " " + breakdown);
    }

    private static List<String> headers(Sheet sheet, int row) {
        List<String> headers = new ArrayList<>();
        sheet.getRow(row).forEach(cell -> headers.add(cell.getStringCellValue()));
        return headers;
    }

    private static String text(Row row, int column) {
        Cell cell = row.getCell(column);
        return cell == null ? "" : cell.getStringCellValue();
    }
}
