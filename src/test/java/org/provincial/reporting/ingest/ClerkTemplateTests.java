package org.provincial.reporting.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.SheetVisibility;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellAddress;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.pipeline.PipelineRunner;
import org.provincial.reporting.pipeline.RunSummary;
import org.provincial.reporting.privacy.ResidentIds;
import org.provincial.reporting.support.Ids;
import org.provincial.reporting.support.LibreOffice;
import org.provincial.reporting.support.ReportingTest;
import org.provincial.reporting.support.SubmissionFiles;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.provincial.reporting.ingest.SubmissionIngesterTests.SUBMITTER;
import static org.provincial.reporting.ingest.SubmissionIngesterTests.person;

/**
 * Files as clerks make them from their offices' templates (SPEC §2.1), built with POI and saved again by a real office
 * suite (LibreOffice) as xlsx, xls and CSV; the built-in date formats of the Chinese edition of Excel, which LibreOffice
 * would rewrite as format codes, are written by POI as bare format ids. Every total and feedback row is hand-computed.
 */
@ReportingTest
class ClerkTemplateTests {

    static final int YEAR = 2041;
    static final String PERIOD = YEAR + "-01";
    /** The month of the run of the whole job, apart from the files ingested one by one. */
    static final int RUN_YEAR = 2042;

    /** The damaged-ID message after the column's name. */
    static final String DAMAGED_ID = "是以数字格式保存的（显示为 4.40106E+17 这样的科学计数法）：Excel 的数字只保留15位有效数字，"
            + "后几位已经丢失，无法还原。请把该列设置为文本格式后重新录入";

    @TempDir
    static Path corpus;

    /** LibreOffice's CSV export as UTF-8 (its default for a headless run is not), comma-separated, quoted with ". */
    static final String CSV = "csv:Text - txt - csv (StarCalc):44,34,76";

    /** The templates as LibreOffice saved them, by "name.format". */
    static final Map<String, Path> SAVED = new HashMap<>();

    @Autowired
    AutowireCapableBeanFactory beans;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PipelineRunner runner;

    /** The ingester tests' fixtures: registering, ingesting and reading back a file. */
    SubmissionIngesterTests files;

    @BeforeAll
    static void writeTheCorpus() throws Exception {
        Map<String, Path> templates = new LinkedHashMap<>();
        templates.put("visits", write("visits.xlsx", workbook -> visitsTemplate(workbook, YEAR)));
        templates.put("merged", write("merged.xlsx", workbook -> mergedWrongTemplate(workbook, YEAR)));
        templates.put("run-visits", write("run-visits.xlsx", workbook -> visitsTemplate(workbook, RUN_YEAR)));
        templates.put("run-merged", write("run-merged.xlsx", workbook -> mergedWrongTemplate(workbook, RUN_YEAR)));
        templates.put("noheader", write("noheader.xlsx", ClerkTemplateTests::noHeaderTemplate));
        templates.put("welfare", write("welfare.xlsx", ClerkTemplateTests::welfareTemplate));
        templates.put("ids", write("ids.xlsx", ClerkTemplateTests::idsTemplate));
        templates.put("dates", write("dates.xlsx", ClerkTemplateTests::dateFormatsTemplate));
        // one start of LibreOffice per format: each start takes most of the time
        for (String format : List.of("xlsx", "xls", "csv")) {
            List<String> names = format.equals("csv") ? List.of("ids", "dates") : List.copyOf(templates.keySet());
            List<Path> saved = LibreOffice.convert(names.stream().map(templates::get).toList(),
                    format.equals("csv") ? CSV : format, corpus.resolve(format));
            for (int i = 0; i < names.size(); i++) {
                SAVED.put(names.get(i) + "." + format, saved.get(i));
            }
        }
    }

    @BeforeEach
    void fixtures() {
        files = new SubmissionIngesterTests();
        beans.autowireBean(files);
        files.transactionTemplate();
    }

    // ---- sheets, headers, merged cells, summary rows ----

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void readsTheFirstVisibleSheetWithAHeaderFillingMergedCellsAndSkippingUnitSummaryAndSignatureRows(String format)
            throws IOException {
        long id = ingestSavedByOffice("visits", "visits", format);

        assertThat(files.submissionCounts(id)).isEqualTo("ACCEPTED 3/3/0");
        assertThat(feedbackRows(id)).containsExactly(
                "7 | ROW_IGNORED | 此行以“合  计”开头，是合计行或签名行，不作为数据读取，无需修改",
                "8 | ROW_IGNORED | 此行以“填表人：赵六”开头，是合计行或签名行，不作为数据读取，无需修改",
                "9 | ROW_IGNORED | 此行以“注：本表金额单位为元”开头，是合计行或签名行，不作为数据读取，无需修改");
        assertThat(files.stagedVisitsInFull(id)).containsExactly(
                "4 t 440103 " + masked(1) + " 张三 difficult_worker 2041-01-09 300.00",
                "5 t 440103 " + masked(2) + " 李四 frontline 2041-01-10 500.00",
                "6 t 440103 " + masked(3) + " 王五 model_worker 2041-01-11 200.50");
        assertThat(dataSheet(id)).isEqualTo("慰问明细");
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void pointsAnInvalidValueInAMergedCellAtTheTopLeftCellTheClerkSees(String format) throws IOException {
        long id = ingestSavedByOffice("merged", "visits", format);

        assertThat(files.submissionCounts(id)).isEqualTo("ACCEPTED 4/2/2");
        String unknown = "行政区划代码 440199 不存在，请按国家行政区划代码填写";
        assertThat(feedbackRows(id)).containsExactly(
                "2 | REGION_UNKNOWN | " + unknown,
                "3 | REGION_UNKNOWN | " + unknown + "（此单元格属于合并单元格，值取自 A2，请在 A2 单元格中修改）");
        assertThat(jdbc.queryForList("select coalesce(visible_cell, '-') from rejection where submission_id = ? order by row_no",
                String.class, id)).containsExactly("-", "A2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void rejectsAWorkbookWithoutAHeaderRowNamingTheVisibleSheetsLookedAt(String format) throws IOException {
        long id = ingestSavedByOffice("noheader", "visits", format);

        assertThat(files.submissionCounts(id)).isEqualTo("REJECTED 0/0/0");
        assertThat(feedbackRows(id)).containsExactly(
                "- | COLUMN_MISSING | 缺少必填列“身份证号”（也可写作：身份证号码、公民身份号码、证件号码、person_id），请在表头行中补上这一列后重新报送"
                        + "（已查找的工作表：“填报说明”、“Sheet2”；隐藏的工作表不会被读取）",
                "- | COLUMN_MISSING | 缺少必填列“慰问对象类别”（也可写作：对象类别、人员类别、category），请在表头行中补上这一列后重新报送"
                        + "（已查找的工作表：“填报说明”、“Sheet2”；隐藏的工作表不会被读取）");
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "xlsx"})
    void acceptsAWelfareFileWithAUnitRowATotalRowAndSignaturesWhole(String format) throws IOException {
        // the file: two correct movements, rejected whole as "5 行数据，其中 3 行有误" before; the CSV as the
        // Chinese edition of Excel saves "CSV (逗号分隔)": GB18030 (GBK and more), CRLF
        long id = format.equals("xlsx") ? ingestSavedByOffice("welfare", "welfare", "xlsx")
                : ingest("welfare", SubmissionFiles.csv(corpus.resolve("welfare.csv"), Charset.forName("GB18030"), false,
                        WELFARE), "csv");

        assertThat(files.submissionCounts(id)).isEqualTo("ACCEPTED 2/2/0");
        assertThat(feedbackRows(id)).containsExactly(
                "5 | ROW_IGNORED | 此行以“合计”开头，是合计行或签名行，不作为数据读取，无需修改",
                "6 | ROW_IGNORED | 此行以“填表人：张三”开头，是合计行或签名行，不作为数据读取，无需修改",
                "7 | ROW_IGNORED | 此行以“填报日期：2041年1月31日”开头，是合计行或签名行，不作为数据读取，无需修改");
        assertThat(jdbc.queryForList("""
                select concat_ws(' ', row_no, valid, region_code, voucher_no, direction, source, amount, movement_date)
                from stage_welfare where submission_id = ? order by row_no""", String.class, id)).containsExactly(
                "3 t 440103 PZ-001 raised provincial 20000.00 2041-01-05",
                "4 t 440103 PZ-002 disbursed county 5000.00 2041-01-20");
    }

    @Test
    void feedsBackIgnoredRowsAndBeijingReceiptTimesAndMarksAMergedValueWhereTheClerkSeesIt(@TempDir Path temp)
            throws Exception {
        String period = RUN_YEAR + "-01";
        Path source = temp.resolve("source");
        String cityFile = "440100_visits_" + period + ".xlsx";
        String countyFile = "440103_visits_" + period + ".xlsx";
        Files.createDirectories(source.resolve("440100"));
        Files.createDirectories(source.resolve("440103"));
        Files.copy(SAVED.get("run-visits.xlsx"), source.resolve("440100").resolve(cityFile));
        Files.copy(SAVED.get("run-merged.xlsx"), source.resolve("440103").resolve(countyFile));

        RunSummary summary = runner.startAndWait("440000", period, List.of(SourceLocation.parse(source.toString())),
                temp.resolve("out"), 0.5);

        assertThat(summary.status()).isEqualTo("COMPLETED");
        Path feedback = temp.resolve("out").resolve("feedback");
        // the county's copy: the unknown code merged over A2:A3 marked on A2 of Sheet1, the data sheet after 填报说明
        String unknown = "行政区划代码 440199 不存在，请按国家行政区划代码填写";
        try (XSSFWorkbook copy = open(feedback.resolve("440103-" + period + "-440103_visits_" + period + "-批注.xlsx"))) {
            assertThat(copy.getSheet("填报说明").getCellComments()).isEmpty();
            XSSFSheet data = copy.getSheet("Sheet1");
            assertThat(data.getCellComment(new CellAddress("A2")).getString().getString()).isEqualTo(
                    unknown + "\n" + unknown + "（此单元格属于合并单元格，值取自 A2，请在 A2 单元格中修改）");
            assertThat(data.getCellComment(new CellAddress("A3"))).isNull();
        }
        // the city's file has nothing to mark, only rows skipped: its feedback lists them
        assertThat(feedback.resolve("440100-" + period + "-440100_visits_" + period + "-批注.xlsx")).doesNotExist();
        try (XSSFWorkbook workbook = open(feedback.resolve("440100-" + period + ".xlsx"))) {
            List<List<String>> rows = texts(workbook);
            assertThat(rows).anySatisfy(row -> assertThat(row).contains(cityFile, "7", "ROW_IGNORED",
                    "此行以“合  计”开头，是合计行或签名行，不作为数据读取，无需修改"));
            assertThat(rows).anySatisfy(row -> assertThat(row).contains(cityFile, "9", "ROW_IGNORED"));
            String received = jdbc.queryForObject("""
                    select to_char(received_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') || ' (UTC+08:00)'
                    from submission where file_name = ? order by id desc limit 1""", String.class, cityFile);
            assertThat(rows).anySatisfy(row -> assertThat(row).contains(cityFile, received));
        }
    }

    // ---- IDs ----

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void rejectsEveryIdFromANumberCellAndAcceptsIdsWithAnApostropheOrSpaces(String format) throws IOException {
        long id = ingestSavedByOffice("ids", "visits", format);

        assertThat(files.submissionCounts(id)).isEqualTo("ACCEPTED 5/3/2");
        assertThat(feedbackRows(id)).containsExactly(
                "2 | ID_INVALID | 身份证号" + DAMAGED_ID,
                "3 | ID_INVALID | 身份证号" + DAMAGED_ID);
        assertThat(files.stagedVisits(id)).containsExactly(
                "2 f - difficult_worker 2041-01-20 100.00",
                "3 f - difficult_worker 2041-01-20 100.00",
                "4 t " + masked(23) + " difficult_worker 2041-01-20 100.00",
                "5 t " + masked(24) + " difficult_worker 2041-01-20 100.00",
                "6 t " + masked(25) + " difficult_worker 2041-01-20 100.00");
    }

    @Test
    void rejectsAnIdSavedInScientificNotationInACsv() throws IOException {
        long id = ingestSavedByOffice("ids", "visits", "csv");

        // row 3, a number cell formatted "0", is saved as its 18 digits ending in 000: in a CSV nothing tells it from
        // an ID typed as text, so it is checked as one
        assertThat(files.submissionCounts(id)).isEqualTo("ACCEPTED 5/4/1");
        assertThat(feedbackRows(id)).containsExactly("2 | ID_INVALID | 身份证号" + DAMAGED_ID);
    }

    @Test
    void rejectsCreditCodesInScientificNotationAndReadsTermsRegionCodesAndPlaceholdersAsClerksTypeThem() {
        Path csv = SubmissionFiles.csv(files.file("contracts", PERIOD, "csv"), StandardCharsets.UTF_8, true, List.of(
                List.of("区划代码", "统一社会信用代码", "企业名称", "合同类型", "签订日期", "覆盖职工人数", "合同期限（年）"),
                List.of("440103000000", Ids.creditCode(SUBMITTER, 1), "无", "综合性", "2041-01-08", "120", "3年"),
                List.of("440103", "'" + Ids.creditCode(SUBMITTER, 2), "某公司", "工资专项", "2041-01-09", "80", "/"),
                List.of("440103", "9.14401E+17", "某厂", "女职工专项", "2041-01-10", "50", "—"),
                List.of("440103", Ids.creditCode(SUBMITTER, 4), "——", "行业性", "2041-01-11", "30", "3 年")));
        long id = files.register("contracts", PERIOD, csv);
        files.ingest(id, 0.5);

        assertThat(files.submissionCounts(id)).isEqualTo("ACCEPTED 4/3/1");
        assertThat(feedbackRows(id)).containsExactly("4 | CREDIT_CODE_INVALID | 统一社会信用代码" + DAMAGED_ID);
        assertThat(jdbc.queryForList("""
                select concat_ws(' ', row_no, valid, region_code, coalesce(enterprise_name, '-'), contract_type,
                                 workers_covered, coalesce(term_years::text, '-'))
                from stage_contracts where submission_id = ? order by row_no""", String.class, id)).containsExactly(
                "2 t 440103 - comprehensive 120 3.00",
                "3 t 440103 某公司 wage 80 -",
                "4 f 440103 某厂 female 50 -",
                "5 t 440103 - industry 30 3.00");
    }

    // ---- dates ----

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void readsCellsInTheBuiltInDateFormatsOfTheChineseEditionOfExcelAsDates(String format) throws IOException {
        // ids 27–36 and 50–58, stored without a format code, as the Chinese edition of Excel saves them
        List<Integer> formatIds = List.of(27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58);
        Path file = files.file("visits", PERIOD, format);
        Files.createDirectories(file.getParent());
        try (Workbook workbook = format.equals("xlsx") ? new XSSFWorkbook() : new HSSFWorkbook();
                OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet("Sheet1");
            cells(sheet, 0, "行政区划代码", "身份证号", "慰问对象类别", "慰问日期", "慰问金额（元）");
            for (int i = 0; i < formatIds.size(); i++) {
                CellStyle style = workbook.createCellStyle();
                style.setDataFormat(formatIds.get(i).shortValue());
                Row row = cells(sheet, i + 1, "440103", person(40 + i), "困难职工", null, 100);
                Cell date = row.createCell(3);
                date.setCellValue(LocalDate.of(2041, 1, 1 + i));
                date.setCellStyle(style);
            }
            workbook.write(out);
        }
        long id = files.register(PERIOD, file);
        files.ingest(id, 0.5);

        assertThat(files.submissionCounts(id)).isEqualTo("ACCEPTED 19/19/0");
        assertThat(jdbc.queryForList("select visit_date::text from stage_visits where submission_id = ? order by row_no",
                String.class, id)).containsExactlyElementsOf(
                formatIds.stream().map(n -> LocalDate.of(2041, 1, 1 + formatIds.indexOf(n)).toString()).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void readsChineseDateFormatCodesSavedByAnOfficeSuiteAsDates(String format) throws IOException {
        long id = ingestSavedByOffice("dates", "visits", format);

        assertThat(files.submissionCounts(id)).isEqualTo("ACCEPTED 6/6/0");
        assertThat(jdbc.queryForList("select visit_date::text from stage_visits where submission_id = ? order by row_no",
                String.class, id)).containsExactly("2041-01-09", "2041-01-09", "2041-01-09", "2041-01-09",
                "2041-01-09", "2041-01-09");
    }

    @Test
    void tellsTheClerkTheYearIsMissingFromADateSavedAsCsvFromAMonthAndDayCell() throws IOException {
        long id = ingestSavedByOffice("dates", "visits", "csv");

        assertThat(files.submissionCounts(id)).isEqualTo("ACCEPTED 6/5/1");
        assertThat(feedbackRows(id)).containsExactly(
                "4 | DATE_INVALID | 慰问日期“1月9日”缺少年份，请填写完整的日期，如 2025年1月9日 或 2025-01-09"
                        + "（单元格格式只显示月日时，另存为 CSV 会丢掉年份）");
    }

    // ---- money and quoting ----

    @Test
    void explainsAmountsInTenThousandsAndQuotesEveryValueExactlyAsTyped() {
        Path csv = SubmissionFiles.csv(files.file("visits", PERIOD, "csv"), List.of(
                List.of("行政区划代码", "身份证号", "慰问对象类别", "慰问日期", "慰问金额（元）"),
                List.of("440103", person(61), "困难职工", "2041-01-09", "20万"),
                List.of("440103", person(62), "困难职工", "2041-01-09", "￥3OO"),
                List.of("440103", person(63), "困难职工（在职）", "2041-01-09", "300"),
                List.of("440103", person(64), "困难职工", "2041-01-09", "￥300"),
                List.of("440103", person(65), "困难职工", "2041-01-09", "¥300"),
                List.of("440103", person(66), "困难职工", "2041-01-09", "300元")));
        long id = files.register(PERIOD, csv);
        files.ingest(id, 0.5);

        assertThat(files.submissionCounts(id)).isEqualTo("ACCEPTED 6/3/3");
        assertThat(feedbackRows(id)).containsExactly(
                "2 | NUMBER_INVALID | 慰问金额“20万”以“万”为单位，金额一律以元为单位填写，请填写 200000",
                "3 | NUMBER_INVALID | 慰问金额“￥3OO”不是有效数字，请只填写数字（可带千分位逗号）",
                "4 | VALUE_UNKNOWN | 慰问对象类别“困难职工（在职）”不在可选范围内，请填写以下之一：困难职工、新就业形态劳动者、一线职工、劳模、其他");
        assertThat(jdbc.queryForList("select amount::text from stage_visits where submission_id = ? and valid order by row_no",
                String.class, id)).containsExactly("300.00", "300.00", "300.00");
    }

    // ---- the corpus ----

    static final List<List<?>> WELFARE = List.of(
            List.of("行政区划代码", "凭证号", "收支类型", "资金来源", "金额", "日期"),
            List.of("", "", "", "", "（元）", ""),
            List.of("440103", "PZ-001", "收入", "省总工会", "￥20,000.00", "2041-01-05"),
            List.of("440103", "PZ-002", "支出", "县区总工会", "¥5000", "2041/1/20"),
            List.of("合计", "", "", "", "25000", ""),
            List.of("填表人：张三", "", "审核人：李四", "", "", ""),
            List.of("填报日期：2041年1月31日", "", "", "", "", ""));

    /**
     * Three sheets: 填报说明 (instructions), 旧表 (hidden, with a header and a row of its own) and 慰问明细: a merged
     * title, a two-row header (cells merged down over a unit row holding （元）, a line break, a U+3000 space), the
     * region code merged over three data rows, a 合计 row, signatures and a note.
     */
    static void visitsTemplate(Workbook workbook, int year) {
        Sheet instructions = workbook.createSheet("填报说明");
        cells(instructions, 0, "填报说明");
        cells(instructions, 1, "1. 身份证号请设置为文本格式");
        Sheet old = workbook.createSheet("旧表");
        cells(old, 0, "行政区划代码", "身份证号", "慰问对象类别", "慰问日期", "慰问金额（元）");
        cells(old, 1, "440104", person(9), "困难职工", year + "-01-02", 100);
        workbook.setSheetVisibility(1, SheetVisibility.HIDDEN);
        Sheet data = workbook.createSheet("慰问明细");
        cells(data, 0, year + "年1月困难职工慰问情况统计表");
        data.addMergedRegion(CellRangeAddress.valueOf("A1:F1"));
        cells(data, 1, "行政区划\n代码", "身份证号码", "姓　名", "人员类别", "慰问时间", "慰问金额");
        cells(data, 2, null, null, null, null, null, "（元）");
        for (String column : List.of("A", "B", "C", "D", "E")) {
            data.addMergedRegion(CellRangeAddress.valueOf(column + "2:" + column + "3"));
        }
        CellStyle chineseDate = workbook.createCellStyle();
        chineseDate.setDataFormat(workbook.createDataFormat().getFormat("yyyy\"年\"m\"月\"d\"日\""));
        date(cells(data, 3, "440103", person(1), "张三", "困难职工", null, 300), 4, LocalDate.of(year, 1, 9), chineseDate);
        date(cells(data, 4, null, person(2), "李四", "一线职工", null, 500), 4, LocalDate.of(year, 1, 10), chineseDate);
        date(cells(data, 5, null, person(3), "王五", "劳模", null, 200.5), 4, LocalDate.of(year, 1, 11), chineseDate);
        data.addMergedRegion(CellRangeAddress.valueOf("A4:A6"));
        cells(data, 6, "合  计", null, null, null, null, 1000.5);
        cells(data, 7, "填表人：赵六", null, "审核人：钱七", null, "联系电话：020-12345678");
        cells(data, 8, "注：本表金额单位为元");
        workbook.setActiveSheet(2);
    }

    /** The welfare file of the issue, every cell text. */
    static void welfareTemplate(Workbook workbook) {
        Sheet sheet = workbook.createSheet("Sheet1");
        for (int i = 0; i < WELFARE.size(); i++) {
            cells(sheet, i, WELFARE.get(i).toArray());
        }
    }

    /** An instruction sheet, then region codes, the first merged over two rows and unknown. */
    static void mergedWrongTemplate(Workbook workbook, int year) {
        cells(workbook.createSheet("填报说明"), 0, "请在Sheet1填写");
        Sheet sheet = workbook.createSheet("Sheet1");
        cells(sheet, 0, "行政区划代码", "身份证号", "慰问对象类别", "慰问日期", "慰问金额（元）");
        cells(sheet, 1, "440199", person(11), "困难职工", year + "-01-09", 100);
        cells(sheet, 2, null, person(12), "困难职工", year + "-01-09", 100);
        cells(sheet, 3, "440103", person(13), "困难职工", year + "-01-09", 100);
        cells(sheet, 4, "440103", person(14), "困难职工", year + "-01-09", 100);
        sheet.addMergedRegion(CellRangeAddress.valueOf("A2:A3"));
    }

    /**
     * IDs typed into number cells (General format, and a "0" format whose damaged value passes the check character),
     * then as text with a leading apostrophe, typed in groups with spaces, and plain.
     */
    static void idsTemplate(Workbook workbook) {
        Sheet sheet = workbook.createSheet("Sheet1");
        cells(sheet, 0, "行政区划代码", "身份证号", "慰问对象类别", "慰问日期", "慰问金额（元）");
        String digits = person(21).endsWith("X") ? person(22) : person(21);
        cells(sheet, 1, "440103", Double.parseDouble(digits), "困难职工", "2041-01-20", 100);
        String passing = damagedButPassing();
        Row row = cells(sheet, 2, "440103", Double.parseDouble(passing), "困难职工", "2041-01-20", 100);
        CellStyle whole = workbook.createCellStyle();
        whole.setDataFormat(workbook.createDataFormat().getFormat("0"));
        row.getCell(1).setCellStyle(whole);
        cells(sheet, 3, "440103", "'" + person(23), "困难职工", "2041-01-20", 100);
        String spaced = person(24);
        cells(sheet, 4, "440103", spaced.substring(0, 6) + " " + spaced.substring(6, 14) + " " + spaced.substring(14),
                "困难职工", "2041-01-20", 100);
        cells(sheet, 5, "440103", person(25), "困难职工", "2041-01-20", 100);
    }

    /** A valid ID whose value as Excel keeps it (15 significant digits, then zeros) is a valid ID too: another person. */
    static String damagedButPassing() {
        for (int n = 100;; n++) {
            String id = person(n);
            if (id.endsWith("X")) {
                continue;
            }
            String damaged = new java.math.BigDecimal(id).round(new java.math.MathContext(15)).toBigInteger().toString();
            if (!damaged.equals(id) && ResidentIds.isValid(damaged)) {
                return id;
            }
        }
    }

    /** 填报说明 and a data sheet whose header lacks 身份证号 and 慰问对象类别, and a hidden sheet that has them. */
    static void noHeaderTemplate(Workbook workbook) {
        cells(workbook.createSheet("填报说明"), 0, "请在Sheet2填写");
        Sheet data = workbook.createSheet("Sheet2");
        cells(data, 0, "行政区划代码", "姓名", "慰问日期", "慰问金额（元）");
        cells(data, 1, "440103", "张三", "2041-01-09", 100);
        Sheet hidden = workbook.createSheet("隐藏");
        cells(hidden, 0, "行政区划代码", "身份证号", "慰问对象类别", "慰问日期", "慰问金额（元）");
        workbook.setSheetVisibility(2, SheetVisibility.HIDDEN);
    }

    /** The same day in six date formats an office suite offers for Chinese; the third shows no year. */
    static void dateFormatsTemplate(Workbook workbook) {
        Sheet sheet = workbook.createSheet("Sheet1");
        cells(sheet, 0, "行政区划代码", "身份证号", "慰问对象类别", "慰问日期", "慰问金额（元）");
        List<String> codes = List.of("yyyy\"年\"m\"月\"d\"日\"", "[$-804]yyyy\"年\"m\"月\"d\"日\"", "m\"月\"d\"日\"",
                "yyyy/m/d", "yyyy\\-mm\\-dd", "yyyy.m.d");
        for (int i = 0; i < codes.size(); i++) {
            CellStyle style = workbook.createCellStyle();
            style.setDataFormat(workbook.createDataFormat().getFormat(codes.get(i)));
            date(cells(sheet, i + 1, "440103", person(31 + i), "困难职工", null, 100), 3, LocalDate.of(2041, 1, 9), style);
        }
    }

    // ---- helpers ----

    static Path write(String name, java.util.function.Consumer<Workbook> build) throws IOException {
        Path file = corpus.resolve("templates").resolve(name);
        Files.createDirectories(file.getParent());
        try (Workbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            build.accept(workbook);
            workbook.write(out);
        }
        return file;
    }

    /** Writes the values into a new row: String → text, Number → number, null → no cell. */
    static Row cells(Sheet sheet, int rowIndex, Object... values) {
        Row row = sheet.createRow(rowIndex);
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof Number number) {
                row.createCell(i).setCellValue(number.doubleValue());
            }
            else if (values[i] != null) {
                row.createCell(i).setCellValue(values[i].toString());
            }
        }
        return row;
    }

    static void date(Row row, int column, LocalDate date, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(date);
        cell.setCellStyle(style);
    }

    /** The template as LibreOffice saved it as {@code format}, ingested. */
    long ingestSavedByOffice(String template, String dataset, String format) throws IOException {
        return ingest(dataset, SAVED.get(template + "." + format), format);
    }

    long ingest(String dataset, Path saved, String format) throws IOException {
        Path file = files.file(dataset, PERIOD, format);
        Files.createDirectories(file.getParent());
        Files.copy(saved, file);
        long id = files.register(dataset, PERIOD, file);
        files.ingest(id, 0.5);
        return id;
    }

    static String masked(int person) {
        return ResidentIds.mask(person(person));
    }

    /** "row | code | message" of every rejection and ignored row, as the feedback lists them ("-" for the file). */
    List<String> feedbackRows(long id) {
        return jdbc.queryForList("""
                select coalesce(row_no::text, '-') || ' | ' || code || ' | ' || message from rejection
                where submission_id = ? order by row_no nulls first, id""", String.class, id);
    }

    static XSSFWorkbook open(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new XSSFWorkbook(in);
        }
    }

    /** Every row of every sheet, each cell as shown. */
    static List<List<String>> texts(Workbook workbook) {
        DataFormatter formatter = new DataFormatter();
        List<List<String>> rows = new ArrayList<>();
        workbook.forEach(sheet -> sheet.forEach(row -> {
            List<String> cells = new ArrayList<>();
            row.forEach(cell -> cells.add(formatter.formatCellValue(cell)));
            rows.add(cells);
        }));
        return rows;
    }

    String dataSheet(long id) {
        return jdbc.queryForObject("select data_sheet from submission where id = ?", String.class, id);
    }
}
