package org.provincial.reporting.feedback;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.pipeline.PipelineRunner;
import org.provincial.reporting.pipeline.RunSummary;
import org.provincial.reporting.privacy.ResidentIds;
import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.storage.ReportingHome;
import org.provincial.reporting.submission.RejectionRepository;
import org.provincial.reporting.submission.SubmissionRepository;
import org.provincial.reporting.support.FeedbackFiles;
import org.provincial.reporting.support.FtpTestServer;
import org.provincial.reporting.support.LibreOffice;
import org.provincial.reporting.support.Ids;
import org.provincial.reporting.support.ReportingTest;
import org.provincial.reporting.support.SubmissionFiles;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.provincial.reporting.support.FeedbackFiles.guidanceLines;
import static org.provincial.reporting.support.FeedbackFiles.texts;

/** The feedback of a run of 新疆 (650000) collected from a real FTP server: workbooks, annotated copy, uploads. */
@ReportingTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedbackTests {

    static final String PROVINCE = "650000";
    static final String PERIOD = "2035-01";
    static final String COUNTY = "650102";
    static final String CITY = "650100";

    static final String P1 = Ids.residentId(COUNTY, LocalDate.of(1970, 3, 1), 11);
    static final String P2 = Ids.residentId(COUNTY, LocalDate.of(1985, 7, 9), 22);
    static final String P3 = Ids.residentId(COUNTY, LocalDate.of(1962, 1, 30), 33);
    static final String P4 = Ids.residentId(COUNTY, LocalDate.of(1991, 11, 2), 44);
    static final String P5 = Ids.residentId(COUNTY, LocalDate.of(1958, 5, 5), 55);
    static final String P6 = Ids.residentId(COUNTY, LocalDate.of(1977, 8, 8), 66);
    static final String BAD_ID = Ids.withWrongCheckCharacter(Ids.residentId(COUNTY, LocalDate.of(1969, 4, 4), 77));
    static final String BAD_RECIPIENT = Ids.withWrongCheckCharacter(Ids.residentId(COUNTY, LocalDate.of(1980, 2, 2), 88));
    static final String VISITS = COUNTY + "_visits_" + PERIOD + ".xlsx";
    static final String SUBSIDIES = COUNTY + "_subsidies_" + PERIOD + ".csv";
    static final String BADLY_NAMED = "-天山区1月慰问表.csv";
    static final List<String> VISITS_HEADER = List.of("行政区划代码", "身份证号", "姓名", "慰问对象类别", "慰问日期", "慰问金额（元）");

    @Autowired
    PipelineRunner runner;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DatasetMappings mappings;

    @Autowired
    ReportingHome home;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    SubmissionRepository submissions;

    @Autowired
    RejectionRepository rejections;

    FtpTestServer ftp;
    Path out;
    RunSummary summary;

    @BeforeAll
    void runTheJobOnSubmissionsWithRejectedRows(@TempDir Path temp) throws Exception {
        Path files = temp.resolve("files");
        ftp = FtpTestServer.start(temp.resolve("ftp"));
        out = temp.resolve("out");
        // 天山区 visits in xlsx under a title row: a bad ID in the row whose name looks like a formula, a duplicate row
        ftp.put(SubmissionFiles.xlsx(files.resolve(VISITS), "2035年1月天山区慰问情况统计表", List.of(
                VISITS_HEADER,
                List.of(COUNTY, P1, "张三", "困难职工", LocalDate.of(2035, 1, 10), 500),
                List.of(COUNTY, BAD_ID, "=1+2", "困难职工", LocalDate.of(2035, 1, 11), 300),
                List.of(COUNTY, P2, "李四", "快递员", LocalDate.of(2035, 1, 12), 200),
                List.of(COUNTY, P1, "张三", "困难职工", LocalDate.of(2035, 1, 10), 500),
                List.of(COUNTY, P3, "王五", "劳模", LocalDate.of(2035, 1, 13), 100),
                List.of(COUNTY, P4, "赵六", "其他", LocalDate.of(2035, 1, 14), 100))), COUNTY);
        // 天山区 subsidies in CSV: a payment over the cap, a bad recipient ID with a formula-like amount
        ftp.put(SubmissionFiles.csv(files.resolve(SUBSIDIES), List.of(
                List.of("行政区划代码", "受助对象证件号", "受助对象名称", "补助项目", "补助金额（元）", "发放日期"),
                List.of(COUNTY, P5, "孙八", "困难职工生活救助", "1000", "2035-01-05"),
                List.of(COUNTY, Ids.creditCode(COUNTY, 1), "某创新工作室", "创新工作室建设补助", "600000", "2035-01-06"),
                List.of(COUNTY, BAD_RECIPIENT, "钱七", "金秋助学", "=1+2", "2035-01-07"),
                List.of(COUNTY, P6, "周九", "医疗救助", "800", "2035-01-08"))), COUNTY);
        ftp.put(SubmissionFiles.csv(files.resolve(BADLY_NAMED), List.of(List.of("行政区划代码"), List.of(COUNTY))), COUNTY);
        // 乌鲁木齐市: a v1 replaced by a v2, nothing rejected
        ftp.put(SubmissionFiles.csv(files.resolve(CITY + "_visits_" + PERIOD + ".csv"), List.of(
                VISITS_HEADER, List.of(CITY, P1, "张三", "困难职工", "2035-01-10", "500"))), CITY);
        ftp.put(SubmissionFiles.csv(files.resolve(CITY + "_visits_" + PERIOD + "_v2.csv"), List.of(
                VISITS_HEADER, List.of(CITY, P2, "李四", "快递员", "2035-01-12", "200"))), CITY);

        summary = runner.startAndWait(PROVINCE, PERIOD, List.of(ftp.source()), out, 0.5);
    }

    @AfterAll
    void stopTheFtpServer() {
        ftp.close();
    }

    @Test
    void completesTheRun() {
        assertThat(summary.status()).isEqualTo("COMPLETED");
        assertThat(summary.filesReceived()).isEqualTo(5);
    }

    @Test
    void putsEachFeedbackInOutInTheHomeAndOnTheFtpServer() {
        for (String name : List.of(feedbackName(COUNTY), textName(COUNTY), annotatedName(), feedbackName(CITY),
                textName(CITY))) {
            String submitter = name.substring(0, 6);
            assertThat(out.resolve("feedback").resolve(name)).isNotEmptyFile();
            assertThat(home.root().resolve("feedback").resolve(PERIOD).resolve(name)).isNotEmptyFile();
            // the home and the server hold the latest run's files (another test runs the job again)
            assertThat(ftp.root().resolve(submitter).resolve("feedback").resolve(name))
                    .hasSameBinaryContentAs(home.root().resolve("feedback").resolve(PERIOD).resolve(name));
        }
        assertThat(listing(ftp.root().resolve(COUNTY).resolve("feedback")))
                .containsExactlyInAnyOrder(feedbackName(COUNTY), textName(COUNTY), annotatedName());
    }

    @Test
    void opensOnTheGuidanceSheetSayingWhatToDo() throws IOException {
        try (XSSFWorkbook workbook = open(feedbackName(COUNTY))) {
            assertThat(workbook).extracting(Sheet::getSheetName).containsExactly("说明", "文件", "退回明细");
            assertThat(texts(workbook.getSheet("说明")).subList(0, 4)).extracting(row -> row.get(0)).containsExactly(
                    "天山区（650102）2035年1月数据报送反馈",
                    "报送单位：天山区（650102）",
                    "报送月份：2035年1月",
                    "本月结论：部分行被退回 2 项，未收到 3 项。有 3 项需要改正后重新报送，请按下表“下一步”办理。");
        }
        List<String> lines = guidanceLines(out.resolve("feedback").resolve(feedbackName(COUNTY)));
        assertThat(lines.subList(0, 5)).containsExactly(
                "慰问|" + VISITS + "|部分行被退回|共 6 行，采用 4 行，退回 2 行（见“退回明细”）"
                        + "|改正“退回明细”中的 2 行，连同已采用的 4 行，把本月全部数据存为 650102_visits_2035-01_v2.xlsx 重新报送",
                "补助|" + SUBSIDIES + "|部分行被退回|共 4 行，采用 2 行，退回 2 行（见“退回明细”）"
                        + "|改正“退回明细”中的 2 行，连同已采用的 2 行，把本月全部数据存为 650102_subsidies_2035-01_v2.csv 重新报送",
                "集体合同||未收到|本月未收到此项数据|如本月有此项数据，请存为 650102_contracts_2035-01.xlsx 报送（也可用 xls 或 csv 格式）",
                "应建制企业数||未收到|本月未收到此项数据"
                        + "|如本月有此项数据，请存为 650102_enterprise_counts_2035-01.xlsx 报送（也可用 xls 或 csv 格式）",
                "送温暖资金||未收到|本月未收到此项数据|如本月有此项数据，请存为 650102_welfare_2035-01.xlsx 报送（也可用 xls 或 csv 格式）");
        assertThat(lines).hasSize(6);
        assertThat(lines.get(5)).startsWith("其他文件|" + BADLY_NAMED + "|文件名不规范|文件名“" + BADLY_NAMED + "”不符合规范")
                .endsWith("|按上述命名规则改名后，重新上传到本单位目录 /650102/");
    }

    @Test
    void tellsThatANewVersionReplacesTheWholeOfThePreviousOne() throws IOException {
        try (XSSFWorkbook workbook = open(feedbackName(COUNTY))) {
            List<String> rules = texts(workbook.getSheet("说明")).stream().map(row -> row.get(0))
                    .dropWhile(cell -> !cell.equals("二、重新报送须知")).skip(1).toList();
            assertThat(rules).hasSize(5);
            assertThat(rules.get(0)).isEqualTo("1. 新版本整份替代旧版本：重新报送时，文件里要有本月该项的全部数据（包括已采用的行），"
                    + "不能只报被退回的行；新版本采用后，旧版本的行全部不再计入。");
            assertThat(rules.get(1)).startsWith("2. 文件名：单位代码_数据集_报送月份_v版本号.扩展名，如 650102_visits_2035-01_v2.xlsx；");
            assertThat(rules.get(4)).contains("/650102/", "650102-2035-01.txt");
        }
    }

    @Test
    void namesTheReplacedVersionOfASubmitterWithNothingToDo() throws IOException {
        try (XSSFWorkbook workbook = open(feedbackName(CITY))) {
            assertThat(texts(workbook.getSheet("说明")).get(3).get(0))
                    .isEqualTo("本月结论：已采用 1 项，未收到 4 项。收到的数据无需改正，不用重新报送。");
        }
        assertThat(guidanceLines(out.resolve("feedback").resolve(feedbackName(CITY))).subList(0, 2)).containsExactly(
                "慰问|650100_visits_2035-01_v2.csv|已采用|共 1 行，全部采用|无需处理",
                "慰问|650100_visits_2035-01.csv|被新版本替代|已由 650100_visits_2035-01_v2.csv 替代，本文件的行不再计入|无需处理");
    }

    @Test
    void writesTheSameWordsAsPlainTextForNotepad() throws IOException {
        for (String submitter : List.of(COUNTY, CITY)) {
            Path text = out.resolve("feedback").resolve(textName(submitter));
            FeedbackFiles.assertTextSaysWhatTheWorkbookSays(out.resolve("feedback").resolve(feedbackName(submitter)), text);
            assertThat(FeedbackFiles.textLines(text).get(0)).endsWith("2035年1月数据报送反馈");
        }
        assertThat(FeedbackFiles.textLines(out.resolve("feedback").resolve(textName(COUNTY)))).contains(
                "【慰问】" + VISITS + "　部分行被退回",
                "    情况：共 6 行，采用 4 行，退回 2 行（见“退回明细”）",
                "文件名：" + VISITS,
                "    行号：4｜列：身份证号｜身份证号错误（ID_INVALID）｜身份证号校验位错误，请核对后重新填写｜填写的值："
                        + ResidentIds.mask(BAD_ID));
    }

    @Test
    void printsEverySheetLandscapeOnePageWideWithTheSubmitterAndMonthAtTheTop() throws IOException {
        try (XSSFWorkbook workbook = open(feedbackName(COUNTY))) {
            for (Sheet sheet : workbook) {
                assertThat(sheet.getFitToPage()).as(sheet.getSheetName()).isTrue();
                assertThat(sheet.getPrintSetup().getLandscape()).isTrue();
                assertThat(sheet.getPrintSetup().getFitWidth()).isEqualTo((short) 1);
                assertThat(sheet.getPrintSetup().getFitHeight()).isZero();
                assertThat(sheet.getHeader().getCenter()).isEqualTo("天山区（650102）2035年1月数据报送反馈");
            }
            assertThat(workbook.getSheet("文件").getRepeatingRows().formatAsString()).isEqualTo("1:1");
            assertThat(workbook.getSheet("退回明细").getRepeatingRows().formatAsString()).isEqualTo("1:1");
        }
    }

    @Test
    void exportsToAPdfOnePageWideWithLibreOffice(@TempDir Path directory) throws Exception {
        Path pdf = LibreOffice.convert(out.resolve("feedback").resolve(feedbackName(COUNTY)), "pdf", directory);

        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            // three short sheets: one page each, unless a sheet's columns spilled onto a page of their own
            assertThat(document.getNumberOfPages()).isEqualTo(3);
            for (PDPage page : document.getPages()) {
                assertThat(page.getMediaBox().getWidth()).as("landscape").isGreaterThan(page.getMediaBox().getHeight());
            }
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(3);
            stripper.setEndPage(3);
            String rejections = stripper.getText(document);
            assertThat(rejections).contains("天山区（650102）2035年1月数据报送反馈", "文件名", "填写的值", "身份证号错误",
                    ResidentIds.mask(BAD_ID));
        }
    }

    @Test
    void listsEveryFileOfTheSubmitterWithItsFate() throws IOException {
        try (XSSFWorkbook workbook = open(feedbackName(COUNTY))) {
            List<List<String>> files = texts(workbook.getSheet("文件"));
            assertThat(files.get(0)).startsWith("文件名", "数据", "版本", "接收时间", "处理结果", "读取行数", "采用行数",
                    "退回行数", "整份退回原因");
            // times in Beijing time with their zone, versions and counts as whole numbers
            assertThat(files.subList(1, files.size())).extracting(row -> String.join("|", row.subList(0, 8))
                            .replaceAll("\\|\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} \\(UTC\\+08:00\\)\\|", "|<time>|"))
                    .containsExactly(
                            BADLY_NAMED + "|||<time>|文件名不规范|||",
                            SUBSIDIES + "|补助|1|<time>|部分行被退回|4|2|2",
                            VISITS + "|慰问|1|<time>|部分行被退回|6|4|2");
            assertThat(files.get(1).get(8)).startsWith("文件名“" + BADLY_NAMED + "”不符合规范");
            Cell name = workbook.getSheet("文件").getRow(1).getCell(0);
            assertThat(name.getCellType()).isEqualTo(CellType.STRING);
            assertThat(name.getCellStyle().getQuotePrefixed()).isTrue();
        }
    }

    @Test
    void listsEveryRejectedRowSortedByFileThenRow() throws IOException {
        try (XSSFWorkbook workbook = open(feedbackName(COUNTY))) {
            List<List<String>> rows = texts(workbook.getSheet("退回明细"));
            assertThat(rows.get(0)).containsExactly("文件名", "行号", "列", "错误类型", "代码", "说明", "填写的值");
            assertThat(rows.subList(1, rows.size())).extracting(row -> String.join("|", row.subList(0, 5)))
                    .containsExactly(
                            BADLY_NAMED + "|整份文件||文件名不规范|NAME_INVALID",
                            SUBSIDIES + "|3|补助金额（元）|超过补助上限|OVER_CAP",
                            SUBSIDIES + "|4|受助对象证件号|身份证号错误|ID_INVALID",
                            SUBSIDIES + "|4|补助金额（元）|数字格式错误|NUMBER_INVALID",
                            VISITS + "|4|身份证号|身份证号错误|ID_INVALID",
                            VISITS + "|6||重复行|DUPLICATE_ROW");
            assertThat(rows.get(2).get(5)).isEqualTo("补助金额超过“创新工作室建设补助”每笔上限 500,000.00 元");
            assertThat(rows.get(2).get(6)).isEqualTo("600000");
            assertThat(rows.get(5).get(5)).isEqualTo("身份证号校验位错误，请核对后重新填写");
            assertThat(rows.get(5).get(6)).isEqualTo(ResidentIds.mask(BAD_ID));
            assertThat(rows.get(6).get(5)).startsWith("与第 3 行重复");
        }
    }

    @Test
    void masksResidentIdsInEveryCell() throws IOException {
        try (XSSFWorkbook workbook = open(feedbackName(COUNTY))) {
            List<String> cells = new ArrayList<>();
            workbook.forEach(sheet -> texts(sheet).forEach(cells::addAll));
            String text = Files.readString(out.resolve("feedback").resolve(textName(COUNTY)));
            assertThat(cells).contains(ResidentIds.mask(BAD_ID), ResidentIds.mask(BAD_RECIPIENT));
            assertThat(text).contains(ResidentIds.mask(BAD_ID), ResidentIds.mask(BAD_RECIPIENT));
            for (String id : List.of(BAD_ID, BAD_RECIPIENT, P1, P5)) {
                assertThat(cells).noneMatch(cell -> cell.contains(id) || cell.contains(id.substring(6, 14)));
                assertThat(text).doesNotContain(id, id.substring(6, 14));
            }
        }
    }

    @Test
    void writesFormulaLikeValuesAsText() throws IOException {
        try (XSSFWorkbook workbook = open(feedbackName(COUNTY))) {
            Cell value = workbook.getSheet("退回明细").getRow(4).getCell(6);
            assertThat(value.getCellType()).isEqualTo(CellType.STRING);
            assertThat(value.getStringCellValue()).isEqualTo("=1+2");
            assertThat(value.getCellStyle().getQuotePrefixed()).isTrue();
        }
    }

    @Test
    void marksTheOffendingCellsInACopyOfTheOriginal() throws IOException {
        try (XSSFWorkbook workbook = open(annotatedName())) {
            XSSFSheet sheet = workbook.getSheetAt(0);
            XSSFCell badId = sheet.getRow(3).getCell(1);
            assertThat(badId.getStringCellValue()).isEqualTo(BAD_ID);
            assertThat(badId.getCellStyle().getFillPattern()).isEqualTo(FillPatternType.SOLID_FOREGROUND);
            assertThat(((XSSFColor) badId.getCellStyle().getFillForegroundColorColor()).getARGBHex())
                    .endsWith("FFC7CE");
            assertThat(badId.getCellComment().getString().getString()).isEqualTo("身份证号校验位错误，请核对后重新填写");
            XSSFCell duplicate = sheet.getRow(5).getCell(0);
            assertThat(duplicate.getCellComment().getString().getString()).startsWith("与第 3 行重复");
            assertThat(duplicate.getCellStyle().getFillPattern()).isEqualTo(FillPatternType.SOLID_FOREGROUND);
            XSSFCell formulaLikeName = sheet.getRow(3).getCell(2);
            assertThat(formulaLikeName.getCellType()).isEqualTo(CellType.STRING);
            assertThat(formulaLikeName.getStringCellValue()).isEqualTo("=1+2");
            assertThat(formulaLikeName.getCellComment()).isNull();
            assertThat(sheet.getRow(2).getCell(1).getCellComment()).isNull();
            assertThat(sheet.getRow(2).getCell(1).getCellStyle().getFillPattern()).isEqualTo(FillPatternType.NO_FILL);
        }
    }

    @Test
    void marksTheSameCellsForRejectionsRecordedWithoutTheirColumnByReadingTheHeaderAgain(@TempDir Path directory)
            throws IOException {
        AnnotatedCopy annotatedCopy = new AnnotatedCopy(submissions, rejections, mappings, home, new FeedbackProperties(DataSize.ofMegabytes(10)));
        SubmittedFile visits = archivedVisits(null);
        // as rejections were stored before V14 kept the column of each rejected value; rolled back afterwards
        Optional<Path> written = new TransactionTemplate(transactionManager).execute(status -> {
            status.setRollbackOnly();
            assertThat(jdbc.update("update rejection set column_index = null where submission_id = ? and column_index is not null",
                    visits.id())).isPositive();
            return annotatedCopy.write(visits, PERIOD, directory);
        });

        assertThat(written).contains(directory.resolve(annotatedName()));
        try (InputStream in = Files.newInputStream(written.get()); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            XSSFSheet sheet = workbook.getSheetAt(0);
            XSSFCell badId = sheet.getRow(3).getCell(1);
            assertThat(badId.getCellStyle().getFillPattern()).isEqualTo(FillPatternType.SOLID_FOREGROUND);
            assertThat(badId.getCellComment().getString().getString()).isEqualTo("身份证号校验位错误，请核对后重新填写");
            assertThat(sheet.getRow(5).getCell(0).getCellComment().getString().getString()).startsWith("与第 3 行重复");
            assertThat(sheet.getRow(3).getCell(2).getCellComment()).isNull();
        }
    }

    @Test
    void listsTheFilesOfASubmitterWithoutRejections() throws IOException {
        try (XSSFWorkbook workbook = open(feedbackName(CITY))) {
            assertThat(texts(workbook.getSheet("文件")).subList(1, 3)).extracting(row -> row.get(0) + "|" + row.get(4))
                    .containsExactly(CITY + "_visits_" + PERIOD + ".csv|被新版本替代",
                            CITY + "_visits_" + PERIOD + "_v2.csv|已采用");
            assertThat(texts(workbook.getSheet("退回明细"))).hasSize(1);
        }
    }

    @Test
    void skipsTheAnnotatedCopyOfAnOriginalAboveTheSizeLimit(@TempDir Path directory) {
        SubmittedFile visits = archivedVisits(null);
        long size = visits.sizeBytes();

        AnnotatedCopy small = new AnnotatedCopy(submissions, rejections, mappings, home,
                new FeedbackProperties(DataSize.ofBytes(size - 1)));
        AnnotatedCopy large = new AnnotatedCopy(submissions, rejections, mappings, home, new FeedbackProperties(DataSize.ofBytes(size)));

        assertThat(small.write(visits, PERIOD, directory)).isEmpty();
        assertThat(large.write(visits, PERIOD, directory)).isEqualTo(Optional.of(directory.resolve(annotatedName())));
    }

    @Test
    void keepsTheClerksOwnCommentsBesideTheMarksOfAnAnnotatedCopy(@TempDir Path directory) throws IOException {
        // the same submission and rejections, its original with the clerk's comment on the title cell
        Path commented = home.root().resolve("test-originals").resolve(VISITS);
        Files.createDirectories(commented.getParent());
        try (InputStream in = Files.newInputStream(home.root().resolve(archivedVisits(null).archivePath()));
                XSSFWorkbook workbook = new XSSFWorkbook(in); OutputStream copy = Files.newOutputStream(commented)) {
            XSSFSheet sheet = workbook.getSheetAt(0);
            ClientAnchor anchor = workbook.getCreationHelper().createClientAnchor();
            XSSFComment comment = sheet.createDrawingPatriarch().createCellComment(anchor);
            comment.setString(workbook.getCreationHelper().createRichTextString("填表人：王芳"));
            sheet.getRow(0).getCell(0).setCellComment(comment);
            workbook.write(copy);
        }
        AnnotatedCopy annotatedCopy = new AnnotatedCopy(submissions, rejections, mappings, home, new FeedbackProperties(DataSize.ofMegabytes(10)));

        Optional<Path> written = annotatedCopy.write(archivedVisits(home.root().relativize(commented).toString()), PERIOD,
                directory);

        assertThat(written).contains(directory.resolve(annotatedName()));
        try (InputStream in = Files.newInputStream(written.get()); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            XSSFSheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getCellComment().getString().getString()).isEqualTo("填表人：王芳");
            XSSFCell badId = sheet.getRow(3).getCell(1);
            assertThat(badId.getStringCellValue()).isEqualTo(BAD_ID);
            assertThat(badId.getCellStyle().getFillPattern()).isEqualTo(FillPatternType.SOLID_FOREGROUND);
            assertThat(badId.getCellComment().getString().getString()).isEqualTo("身份证号校验位错误，请核对后重新填写");
            assertThat(sheet.getRow(5).getCell(0).getCellComment().getString().getString()).startsWith("与第 3 行重复");
            assertThat(sheet.getRow(2).getCell(1).getCellComment()).isNull();
            assertThat(sheet.getRow(2).getCell(1).getCellStyle().getFillPattern()).isEqualTo(FillPatternType.NO_FILL);
        }
    }

    @Test
    void neverCollectsTheUploadedFeedbackAgain(@TempDir Path secondOut) throws Exception {
        RunSummary again = runner.startAndWait(PROVINCE, PERIOD, List.of(ftp.source()), secondOut, 0.5);

        assertThat(again.status()).isEqualTo("COMPLETED");
        assertThat(again.filesReceived()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from submission where remote_path like '%feedback%'",
                Integer.class)).isZero();
        try (InputStream in = Files.newInputStream(secondOut.resolve("feedback").resolve(feedbackName(COUNTY)));
                XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            assertThat(texts(workbook.getSheet("文件"))).extracting(row -> row.get(0)).contains(BADLY_NAMED);
        }
    }

    /** The county's visits submission as the feedback sees it; its original at {@code archivePath} if one is given. */
    private SubmittedFile archivedVisits(String archivePath) {
        return jdbc.queryForObject("""
                select id, size_bytes, archive_path from submission where submitter = ? and file_name = ?""",
                (rs, i) -> new SubmittedFile(rs.getLong(1), COUNTY, ftp.source().masked(), VISITS, "visits", 1,
                        "xlsx", rs.getLong(2), archivePath == null ? rs.getString(3) : archivePath, null, "ACCEPTED",
                        true, 6, 4, 2), COUNTY, VISITS);
    }

    private XSSFWorkbook open(String name) throws IOException {
        try (InputStream in = Files.newInputStream(out.resolve("feedback").resolve(name))) {
            return new XSSFWorkbook(in);
        }
    }

    private static List<String> listing(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String feedbackName(String submitter) {
        return submitter + "-" + PERIOD + ".xlsx";
    }

    private static String textName(String submitter) {
        return submitter + "-" + PERIOD + ".txt";
    }

    private static String annotatedName() {
        return COUNTY + "-" + PERIOD + "-" + COUNTY + "_visits_" + PERIOD + "-批注.xlsx";
    }
}
