package org.provincial.reporting.pipeline;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.support.FeedbackFiles;
import org.provincial.reporting.support.FtpTestServer;
import org.provincial.reporting.support.Ids;
import org.provincial.reporting.support.LibreOffice;
import org.provincial.reporting.support.ReportingTest;
import org.provincial.reporting.support.SubmissionFiles;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The golden test: a small province (宁夏, 640000) whose submissions come from a real FTP server and whose
 * totals were computed by hand, run through the whole job once.
 */
@ReportingTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvincialTotalsJobFunctionalTests {

    static final String PROVINCE = "640000";
    static final String PERIOD = "2025-01";
    static final String HEADER_VISITS = "行政区划代码,身份证号,姓名,慰问对象类别,慰问日期,慰问金额（元）";

    static final String P1 = Ids.residentId("640104", LocalDate.of(1970, 3, 1), 11);
    static final String P2 = Ids.residentId("640104", LocalDate.of(1985, 7, 9), 22);
    static final String P3 = Ids.residentId("640104", LocalDate.of(1962, 1, 30), 33);
    static final String P4 = Ids.residentId("640100", LocalDate.of(1990, 12, 1), 44);
    static final String P5 = Ids.residentId("640202", LocalDate.of(1958, 5, 5), 55);
    /** 利通区's clerk: typed as text, with an apostrophe, in groups with spaces, and into a number cell. */
    static final String P6 = Ids.residentId("640302", LocalDate.of(1966, 2, 3), 61);
    static final String P7 = Ids.residentId("640302", LocalDate.of(1975, 8, 19), 72);
    static final String P8 = Ids.residentId("640302", LocalDate.of(1988, 11, 6), 83);
    static final String P9 = numericId("640302", LocalDate.of(1979, 4, 25));
    static final String E1 = Ids.creditCode("640104", 1);
    static final String E2 = Ids.creditCode("640104", 2);
    static final String E3 = Ids.creditCode("640100", 3);

    @Autowired
    PipelineRunner runner;

    @Autowired
    JdbcTemplate jdbc;

    FtpTestServer ftp;
    RunSummary summary;

    @BeforeAll
    void runTheJobOnTheProvincesSubmissions(@TempDir Path temp) throws Exception {
        Path files = temp.resolve("files");
        ftp = FtpTestServer.start(temp.resolve("ftp"));
        // 兴庆区: visits in UTF-8, one bad ID
        put("640104", SubmissionFiles.csv(files.resolve("640104_visits_2025-01.csv"), rows(
                HEADER_VISITS,
                "640104," + P1 + ",张三,困难职工,2025-01-10,500.00",
                "640104," + P2 + ",李四,快递员,2025/1/11,300.50",
                "640104," + P3 + ",王五,劳动模范,2025年1月12日,\"1,000.00\"",
                "640104,110105194912310021,赵六,困难职工,2025-01-13,100")));
        // the same bytes again under another name: DUPLICATE_FILE
        put("640104", SubmissionFiles.csv(files.resolve("640104_visits_2025-01_v1.csv"), rows(
                HEADER_VISITS,
                "640104," + P1 + ",张三,困难职工,2025-01-10,500.00",
                "640104," + P2 + ",李四,快递员,2025/1/11,300.50",
                "640104," + P3 + ",王五,劳动模范,2025年1月12日,\"1,000.00\"",
                "640104,110105194912310021,赵六,困难职工,2025-01-13,100")));
        put("640104", SubmissionFiles.csv(files.resolve("visits-january.csv"), rows(HEADER_VISITS)));
        // 银川市 re-reports its counties' rows in xlsx under a title row; P2's amount differs (county wins)
        put("640100", SubmissionFiles.xlsx(files.resolve("640100_visits_2025-01.xlsx"), "2025年1月慰问情况统计表", List.of(
                List.of("行政区划代码", "身份证号", "姓名", "慰问对象类别", "慰问日期", "慰问金额（元）"),
                List.of("640104", P1, "张三", "困难职工", LocalDate.of(2025, 1, 10), 500.0),
                List.of("640104", P2, "李四", "新就业形态劳动者", LocalDate.of(2025, 1, 11), 350.0),
                List.of("640100", P4, "钱七", "一线职工", "2025-01-15", 200),
                List.of(640105, P1, "张三", "困难职工家庭", LocalDate.of(2025, 1, 20), 400),
                List.of("640202", P5, "孙八", "劳模", LocalDate.of(2025, 1, 21), 50))));
        // 石嘴山市: v1 (GBK) replaced by v2 with fewer rows; a v3 lacking a column is rejected whole
        put("640200", SubmissionFiles.csv(files.resolve("640200_visits_2025-01.csv"), Charset.forName("GBK"), false, rows(
                HEADER_VISITS,
                "640202," + P5 + ",孙八,劳模,2025-01-05,100.00",
                "640200," + Ids.residentId("640200", LocalDate.of(1980, 1, 1), 1) + ",周九,其他,2025-01-06,200.00",
                "640200," + Ids.residentId("640200", LocalDate.of(1981, 1, 1), 2) + ",吴十,其他,2025-01-07,300.00")));
        put("640200", SubmissionFiles.csv(files.resolve("640200_visits_2025-01_v2.csv"), Charset.forName("GBK"), false, rows(
                HEADER_VISITS,
                "640202," + P5 + ",孙八,劳模,2025-01-05,１００．００")));
        put("640200", SubmissionFiles.csv(files.resolve("640200_visits_2025-01_v3.csv"), rows(
                "行政区划代码,身份证号,姓名,慰问日期,慰问金额（元）",
                "640202," + P5 + ",孙八,2025-01-05,100.00")));
        // 大武口区: two of three rows invalid, rejected whole
        put("640202", SubmissionFiles.csv(files.resolve("640202_visits_2025-01.csv"), rows(
                HEADER_VISITS,
                "640202," + P5 + ",孙八,劳模,2025-01-05,100.00",
                "640199," + P3 + ",王五,劳模,2025-01-05,100.00",
                "640202," + P5 + ",孙八,劳模,2025-02-05,100.00")));
        // 兴庆区 subsidies in xls: one payment over the innovation studio cap
        put("640104", SubmissionFiles.xls(files.resolve("640104_subsidies_2025-01.xls"), null, List.of(
                List.of("行政区划代码", "受助对象证件号", "受助对象名称", "补助项目", "补助金额（元）", "发放日期"),
                List.of("640104", P1, "张三", "困难职工生活救助", 2000, LocalDate.of(2025, 1, 8)),
                List.of("640104", E1, "某创新工作室", "创新工作室建设补助", "500,000.00", LocalDate.of(2025, 1, 9)),
                List.of("640104", E2, "另一工作室", "创新工作室建设补助", 500000.01, LocalDate.of(2025, 1, 9)),
                List.of("640104", P1.toLowerCase(), "张三", "金秋助学", 1500, "20250109"))));
        // contracts: the city (UTF-8 with BOM) and the county disagree on workers covered (county wins)
        put("640100", SubmissionFiles.csv(files.resolve("640100_contracts_2025-01.csv"), StandardCharsets.UTF_8, true, rows(
                "行政区划代码,统一社会信用代码,企业名称,合同类型,签订日期,覆盖职工人数",
                "640104," + E1 + ",甲公司,综合性,2025-01-05,120",
                "640104," + E1 + ",甲公司,工资专项集体合同,2025-01-05,120",
                "640100," + E3 + ",丙公司,区域性集体合同,2025-01-06,80")));
        put("640104", SubmissionFiles.csv(files.resolve("640104_contracts_2025-01.csv"), rows(
                "区划代码,统一社会信用代码,合同类型,签订日期,覆盖职工数",
                "640104," + E1.toLowerCase() + ",综合性集体合同,2025-01-05,100")));
        put("640100", SubmissionFiles.csv(files.resolve("640100_enterprise_counts_2025-01.csv"), rows(
                "行政区划代码,应建制企业数", "640100,3", "640104,2", "640105,4")));
        put("640104", SubmissionFiles.csv(files.resolve("640104_enterprise_counts_2025-01.csv"), rows(
                "region_code,enterprises_required", "640104,2")));
        // welfare: upper allocation is an internal transfer, not money raised
        put("640100", SubmissionFiles.xlsx(files.resolve("640100_welfare_2025-01.xlsx"), null, List.of(
                List.of("行政区划代码", "凭证号", "收支类型", "资金来源", "金额（元）", "日期"),
                List.of("640100", "V001", "筹集", "省总工会", 100000, LocalDate.of(2025, 1, 3)),
                List.of("640100", "V002", "筹集", "上级工会拨付", 50000, LocalDate.of(2025, 1, 3)),
                List.of("640104", "V001", "发放", "市总工会", 30000, LocalDate.of(2025, 1, 4)),
                List.of("640100", "v003", "筹集", "社会捐赠", "2,500.50", "2025.1.31"))));

        // 利通区 (吴忠市) fills in its office's templates: visits on the second sheet of a workbook its office suite saved
        // as xls, welfare as a CSV from the Chinese edition of Excel (GB18030) with a unit row, 收入/支出 and ￥
        put("640302", LibreOffice.convert(clerkTemplate(files.resolve("640302_visits_2025-01.xlsx")), "xls",
                temp.resolve("office")));
        put("640302", SubmissionFiles.csv(files.resolve("640302_welfare_2025-01.csv"), Charset.forName("GB18030"), false,
                List.of(List.of("行政区划代码", "凭证号", "收支类型", "资金来源", "金额", "日期"),
                        List.of("", "", "", "", "（元）", ""),
                        List.of("640302", "LT-001", "收入", "省总工会", "￥20,000.00", "2025-01-05"),
                        List.of("640302", "LT-002", "支出", "县区总工会", "¥5000", "2025/1/20"),
                        List.of("合计", "", "", "", "25000", ""),
                        List.of("填表人：马十一", "", "审核人：丁十二", "", "", ""))));

        summary = runner.startAndWait(PROVINCE, PERIOD, List.of(SourceLocation.parse(ftp.url())), temp.resolve("out"), 0.5);
    }

    @AfterAll
    void stopTheFtpServer() {
        ftp.close();
    }

    @Test
    void completesAndSummarisesTheRun() {
        assertThat(summary.status()).isEqualTo("COMPLETED");
        assertThat(summary.filesReceived()).isEqualTo(16);
        // counted: 640104 visits, subsidies, contracts, enterprise_counts; 640100 visits, contracts,
        // enterprise_counts, welfare; 640200 visits v2; 640302 visits, welfare
        assertThat(summary.filesCounted()).isEqualTo(11);
        // rejected: 640200 v3 (COLUMN_MISSING), 640202 (TOO_MANY_INVALID), visits-january.csv (NAME_INVALID)
        assertThat(summary.filesRejected()).isEqualTo(3);
        assertThat(summary.conflicts()).isEqualTo(2);
        assertThat(summary.missingSubmitters()).hasSize(27 - 4).doesNotContain("640104 兴庆区", "640302 利通区");
        assertThat(summary.workbook()).exists();
    }

    @Test
    void recordsEverySubmissionsFate() {
        Map<String, String> fates = new HashMap<>();
        jdbc.query("select file_name, status, counted from submission where submitter like '64%' or province = ?",
                rs -> {
                    fates.put(rs.getString(1), rs.getString(2) + (rs.getBoolean(3) ? "+counted" : ""));
                }, PROVINCE);
        // the same bytes under two names: whichever arrived second is the duplicate
        assertThat(List.of(fates.get("640104_visits_2025-01.csv"), fates.get("640104_visits_2025-01_v1.csv")))
                .containsExactlyInAnyOrder("ACCEPTED+counted", "DUPLICATE_FILE");
        assertThat(fates).containsEntry("visits-january.csv", "NAME_INVALID")
                .containsEntry("640200_visits_2025-01.csv", "ACCEPTED")
                .containsEntry("640200_visits_2025-01_v2.csv", "ACCEPTED+counted")
                .containsEntry("640200_visits_2025-01_v3.csv", "REJECTED")
                .containsEntry("640202_visits_2025-01.csv", "REJECTED")
                .containsEntry("640104_subsidies_2025-01.xls", "ACCEPTED+counted");
    }

    @Test
    void recordsEachRejectionWithItsRowColumnAndCode() {
        String counted = jdbc.queryForObject("""
                select file_name from submission where submitter = '640104' and dataset = 'visits' and counted""",
                String.class);
        assertThat(rejections(counted)).containsExactly("5 person_id ID_INVALID");
        assertThat(rejections("640104_subsidies_2025-01.xls")).containsExactly("4 amount OVER_CAP");
        assertThat(rejections("640200_visits_2025-01_v3.csv")).containsExactly("- category COLUMN_MISSING");
        assertThat(rejections("640202_visits_2025-01.csv")).containsExactlyInAnyOrder(
                "3 region_code REGION_UNKNOWN", "4 visit_date DATE_OUT_OF_PERIOD", "- - TOO_MANY_INVALID");
    }

    @Test
    void tellsEachSubmitterWhatToFixAndHowToSendItAgain() throws Exception {
        Path feedback = summary.workbook().getParent().resolve("feedback");
        try (XSSFWorkbook workbook = FeedbackFiles.open(feedback.resolve("640200-2025-01.xlsx"))) {
            assertThat(workbook).extracting(Sheet::getSheetName).containsExactly("说明", "文件", "退回明细");
            assertThat(FeedbackFiles.texts(workbook.getSheet("说明")).get(3).get(0))
                    .isEqualTo("本月结论：整份退回 1 项，未收到 4 项。有 1 项需要改正后重新报送，请按下表“下一步”办理。");
        }
        List<String> shizuishan = FeedbackFiles.guidanceLines(feedback.resolve("640200-2025-01.xlsx"));
        assertThat(shizuishan.get(0)).startsWith("慰问|640200_visits_2025-01_v3.csv|整份退回|整份未采用：缺少必填列“慰问对象类别”")
                .endsWith("；本月仍采用此前的 640200_visits_2025-01_v2.csv"
                        + "|按上述原因改正后，把本月全部数据存为 640200_visits_2025-01_v4.csv 重新报送");
        assertThat(shizuishan.subList(1, 4)).containsExactly(
                "慰问|640200_visits_2025-01.csv|被新版本替代|已由 640200_visits_2025-01_v2.csv 替代，本文件的行不再计入|无需处理",
                "慰问|640200_visits_2025-01_v2.csv|已采用|共 1 行，全部采用"
                        + "；其后的 640200_visits_2025-01_v3.csv 被整份退回，本月仍采用本文件|无需处理",
                "补助||未收到|本月未收到此项数据|如本月有此项数据，请存为 640200_subsidies_2025-01.xlsx 报送（也可用 xls 或 csv 格式）");
        assertThat(FeedbackFiles.guidanceLines(feedback.resolve("640202-2025-01.xlsx")).get(0)).isEqualTo(
                "慰问|640202_visits_2025-01.csv|整份退回|整份未采用：共 3 行数据，其中 2 行有误（占 66.7%），超过 50% 的上限，"
                        + "整个文件未被采用；请按逐行说明修正后重新报送；本月此项数据未计入"
                        + "|按上述原因改正后，把本月全部数据存为 640202_visits_2025-01_v2.csv 重新报送");
        try (XSSFWorkbook workbook = FeedbackFiles.open(feedback.resolve("640202-2025-01.xlsx"))) {
            assertThat(FeedbackFiles.texts(workbook.getSheet("退回明细"))).extracting(row -> String.join("|", row.subList(0, 5)))
                    .containsExactly("文件名|行号|列|错误类型|代码",
                            "640202_visits_2025-01.csv|整份文件||错误行过多，整份退回|TOO_MANY_INVALID",
                            "640202_visits_2025-01.csv|3|行政区划代码|行政区划代码不存在|REGION_UNKNOWN",
                            "640202_visits_2025-01.csv|4|慰问日期|日期不在报送月份|DATE_OUT_OF_PERIOD");
        }
        for (String submitter : List.of("640100", "640104", "640200", "640202")) {
            FeedbackFiles.assertTextSaysWhatTheWorkbookSays(feedback.resolve(submitter + "-2025-01.xlsx"),
                    feedback.resolve(submitter + "-2025-01.txt"));
        }
    }

    @Test
    void countsVisitsOnceAcrossCityAndCountyCopies() {
        assertTotal("640104", "visits", "person_visits", "", "3");
        assertTotal("640104", "visits", "person_visits", "new_employment", "1");
        assertTotal("640104", "visits", "amount_yuan", "", "1800.50");
        assertTotal("640105", "visits", "person_visits", "difficult_worker", "1");
        assertTotal("640100", "visits", "person_visits", "", "5");
        assertTotal("640100", "visits", "distinct_persons", "", "4");
        assertTotal("640100", "visits", "amount_yuan", "", "2400.50");
        assertTotal("640100", "visits", "person_visits", "difficult_worker", "2");
        assertTotal("640100", "visits", "person_visits", "frontline", "1");
        // P5's visit of 01-21 reported by 银川市 is outside its jurisdiction
        assertTotal("640202", "visits", "person_visits", "", "1");
        assertTotal("640202", "visits", "amount_yuan", "", "100.00");
        assertTotal("640200", "visits", "person_visits", "other", "0");
        assertTotal(PROVINCE, "visits", "person_visits", "", "9");
        assertTotal(PROVINCE, "visits", "distinct_persons", "", "8");
        assertTotal(PROVINCE, "visits", "amount_yuan", "", "3501.00");
        assertTotal(PROVINCE, "visits", "person_visits", "model_worker", "3");
        assertTotal("640500", "visits", "person_visits", "", "0");
    }

    @Test
    void countsTheClerkTemplatesRowsAsTheClerkTypedThem() {
        // P6 300 + P7 "￥500" + P8 200.50; P9 from a number cell is rejected, 合计 and 填表人 rows are not data
        assertTotal("640302", "visits", "person_visits", "", "3");
        assertTotal("640302", "visits", "distinct_persons", "", "3");
        assertTotal("640302", "visits", "amount_yuan", "", "1000.50");
        assertTotal("640302", "visits", "person_visits", "difficult_worker", "1");
        assertTotal("640302", "visits", "person_visits", "frontline", "1");
        assertTotal("640302", "visits", "person_visits", "model_worker", "1");
        assertTotal("640300", "visits", "person_visits", "", "3");
        assertTotal("640300", "visits", "amount_yuan", "", "1000.50");
        assertTotal("640302", "welfare", "raised_yuan", "", "20000.00");
        assertTotal("640302", "welfare", "disbursed_yuan", "", "5000.00");
        assertTotal("640300", "welfare", "raised_yuan", "", "20000.00");
        assertThat(rejections("640302_visits_2025-01.xls")).containsExactly(
                "7 person_id ID_INVALID", "8 - ROW_IGNORED", "9 - ROW_IGNORED");
        assertThat(rejections("640302_welfare_2025-01.csv")).containsExactly("5 - ROW_IGNORED", "6 - ROW_IGNORED");
    }

    @Test
    void tellsTheTemplatesClerkWhichRowsWereSkippedAndWhyTheNumberCellsIdWasRejected() throws Exception {
        Path feedback = summary.workbook().getParent().resolve("feedback");
        try (XSSFWorkbook workbook = FeedbackFiles.open(feedback.resolve("640302-2025-01.xlsx"))) {
            assertThat(FeedbackFiles.texts(workbook.getSheet("退回明细"))).extracting(row -> String.join("|", row.subList(0, 5)))
                    .containsExactly("文件名|行号|列|错误类型|代码",
                            // the column as the clerk's header names it
                            "640302_visits_2025-01.xls|7|身份证号码|身份证号错误|ID_INVALID",
                            "640302_visits_2025-01.xls|8||合计行或签名行（已跳过，不是错误）|ROW_IGNORED",
                            "640302_visits_2025-01.xls|9||合计行或签名行（已跳过，不是错误）|ROW_IGNORED",
                            "640302_welfare_2025-01.csv|5||合计行或签名行（已跳过，不是错误）|ROW_IGNORED",
                            "640302_welfare_2025-01.csv|6||合计行或签名行（已跳过，不是错误）|ROW_IGNORED");
        }
        assertThat(jdbc.queryForList("""
                select r.message from rejection r join submission s on s.id = r.submission_id
                where s.file_name = '640302_visits_2025-01.xls' order by r.row_no""", String.class)).containsExactly(
                "身份证号是以数字格式保存的（显示为 4.40106E+17 这样的科学计数法）：Excel 的数字只保留15位有效数字，"
                        + "后几位已经丢失，无法还原。请把该列设置为文本格式后重新录入",
                "此行以“合  计”开头，是合计行或签名行，不作为数据读取，无需修改",
                "此行以“填表人：马十一”开头，是合计行或签名行，不作为数据读取，无需修改");
        FeedbackFiles.assertTextSaysWhatTheWorkbookSays(feedback.resolve("640302-2025-01.xlsx"),
                feedback.resolve("640302-2025-01.txt"));
    }

    @Test
    void totalsSubsidiesPerProgramWithinTheCap() {
        assertTotal("640104", "subsidies", "payments", "", "3");
        assertTotal("640104", "subsidies", "distinct_recipients", "", "2");
        assertTotal("640104", "subsidies", "amount_yuan", "", "503500.00");
        assertTotal("640104", "subsidies", "amount_yuan", "innovation_studio", "500000.00");
        assertTotal(PROVINCE, "subsidies", "payments", "education_aid", "1");
        assertTotal(PROVINCE, "subsidies", "payments", "medical_aid", "0");
    }

    @Test
    void computesTheEstablishmentRateFromTheRegionsOwnCounts() {
        assertTotal("640104", "contracts", "contracts", "", "2");
        assertTotal("640104", "contracts", "workers_covered", "", "220");
        assertTotal("640104", "contracts", "enterprises_with_contract", "", "1");
        assertTotal("640104", "contracts", "enterprises_required", "", "2");
        assertTotal("640104", "contracts", "establishment_rate", "", "0.5000");
        assertTotal("640105", "contracts", "establishment_rate", "", "0.0000");
        assertTotal("640100", "contracts", "contracts", "regional", "1");
        assertTotal("640100", "contracts", "workers_covered", "", "300");
        assertTotal("640100", "contracts", "enterprises_required", "", "9");
        assertTotal("640100", "contracts", "establishment_rate", "", "0.2222");
        assertTotal(PROVINCE, "contracts", "establishment_rate", "", "0.2222");
        assertThat(total("640200", "contracts", "establishment_rate", "")).isNull();
    }

    @Test
    void keepsUpperAllocationsOutOfMoneyRaised() {
        assertTotal("640100", "welfare", "raised_yuan", "", "102500.50");
        assertTotal("640100", "welfare", "raised_yuan", "donation", "2500.50");
        assertTotal("640100", "welfare", "internal_transfer_yuan", "", "50000.00");
        assertTotal("640100", "welfare", "disbursed_yuan", "", "30000.00");
        assertTotal("640104", "welfare", "disbursed_yuan", "", "30000.00");
        assertTotal("640104", "welfare", "raised_yuan", "", "0.00");
    }

    @Test
    void listsConflictsWithTheCountysCopyWinning() {
        assertThat(jdbc.queryForList("""
                select c.dataset || ':' || c.differing_columns || ':' || w.submitter
                from conflict c join submission w on w.id = c.winner_submission_id
                where c.province = ? and c.period = ? order by c.dataset""", String.class, PROVINCE, PERIOD))
                .containsExactly("contracts:workers_covered:640104", "visits:amount:640104");
    }

    @Test
    void writesEveryFigureToTheDataSheet() throws Exception {
        try (InputStream in = Files.newInputStream(summary.workbook()); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            Sheet data = workbook.getSheet("data");
            Row header = data.getRow(0);
            assertThat(List.of(header.getCell(0).getStringCellValue(), header.getCell(7).getStringCellValue()))
                    .containsExactly("period", "value");
            long figures = jdbc.queryForObject("select count(*) from period_total where province = ? and period = ?",
                    Long.class, PROVINCE, PERIOD);
            assertThat(data.getLastRowNum()).isEqualTo(figures);
            Row first = data.getRow(1);
            assertThat(first.getCell(2).getStringCellValue()).isEqualTo(PROVINCE);
            assertThat(first.getCell(4).getStringCellValue()).isEqualTo("province");
            boolean found = false;
            for (Row row : data) {
                if (row.getRowNum() > 0 && row.getCell(2).getStringCellValue().equals("640100")
                        && row.getCell(5).getStringCellValue().equals("amount_yuan")
                        && row.getCell(1).getStringCellValue().equals("visits")
                        && row.getCell(6).getStringCellValue().isEmpty()) {
                    assertThat(row.getCell(7).getNumericCellValue()).isEqualTo(2400.50);
                    assertThat(row.getCell(3).getStringCellValue()).isEqualTo("银川市");
                    found = true;
                }
            }
            assertThat(found).isTrue();
        }
    }

    private List<String> rejections(String fileName) {
        return jdbc.queryForList("""
                select coalesce(r.row_no::text, '-') || ' ' || coalesce(r.column_key, '-') || ' ' || r.code
                from rejection r join submission s on s.id = r.submission_id
                where s.file_name = ? and s.submitter like '64%' order by r.row_no nulls last, r.id""",
                String.class, fileName);
    }

    private void assertTotal(String region, String dataset, String measure, String breakdown, String expected) {
        assertThat(total(region, dataset, measure, breakdown))
                .as("%s %s %s %s", region, dataset, measure, breakdown)
                .isEqualByComparingTo(new BigDecimal(expected));
    }

    private BigDecimal total(String region, String dataset, String measure, String breakdown) {
        List<BigDecimal> values = jdbc.queryForList("""
                select value from period_total where province = ? and period = ? and region_code = ?
                and dataset = ? and measure = ? and breakdown = ?""", BigDecimal.class,
                PROVINCE, PERIOD, region, dataset, measure, breakdown);
        assertThat(values).as("figure %s %s %s %s", region, dataset, measure, breakdown).hasSize(1);
        return values.get(0);
    }

    /**
     * The visits template of 利通区's office: 填报说明 first, then a merged title, a two-row header over a （元） unit
     * row, the region code merged over the four data rows, dates in the Chinese edition's built-in format 31
     * (yyyy年m月d日), a 合计 row and the signatures.
     */
    private static Path clerkTemplate(Path file) throws Exception {
        SubmissionFiles.xlsx(file, "2025年1月慰问情况统计表", List.of(
                List.of("行政区划\n代码", "身份证号码", "姓　名", "人员类别", "慰问时间", "慰问金额"),
                java.util.Arrays.asList(null, null, null, null, null, "（元）"),
                List.of("640302", P6, "马一", "困难职工", LocalDate.of(2025, 1, 9), 300),
                java.util.Arrays.asList(null, "'" + P7, "马二", "一线职工", LocalDate.of(2025, 1, 10), "￥500"),
                java.util.Arrays.asList(null, P8.substring(0, 6) + " " + P8.substring(6, 14) + " " + P8.substring(14),
                        "马三", "劳模", LocalDate.of(2025, 1, 11), 200.5),
                java.util.Arrays.asList(null, Double.parseDouble(P9), "马四", "困难职工", LocalDate.of(2025, 1, 12), 100),
                List.of("合  计", "", "", "", "", 1100.5),
                List.of("填表人：马十一", "", "审核人：丁十二", "", "联系电话：0953-1234567", "")));
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            Sheet data = workbook.getSheetAt(0);
            for (String column : List.of("A", "B", "C", "D", "E")) {
                data.addMergedRegion(org.apache.poi.ss.util.CellRangeAddress.valueOf(column + "2:" + column + "3"));
            }
            data.addMergedRegion(org.apache.poi.ss.util.CellRangeAddress.valueOf("A4:A7"));
            org.apache.poi.ss.usermodel.CellStyle chineseDate = workbook.createCellStyle();
            chineseDate.setDataFormat((short) 31);
            for (int row = 3; row <= 6; row++) {
                data.getRow(row).getCell(4).setCellStyle(chineseDate);
            }
            workbook.createSheet("填报说明").createRow(0).createCell(0).setCellValue("身份证号请设置为文本格式，数据填在第二个工作表");
            workbook.setSheetOrder("填报说明", 0);
            workbook.setActiveSheet(1);
            try (java.io.OutputStream out = Files.newOutputStream(file)) {
                workbook.write(out);
            }
        }
        return file;
    }

    /** An ID without a check character X, so that it can be typed into a number cell. */
    private static String numericId(String region, LocalDate birth) {
        for (int sequence = 1;; sequence++) {
            String id = Ids.residentId(region, birth, sequence);
            if (!id.endsWith("X")) {
                return id;
            }
        }
    }

    private void put(String submitter, Path file) {
        ftp.put(file, submitter);
    }

    /** CSV lines split on commas outside quotes, quotes removed: SubmissionFiles quotes again where needed. */
    private static List<List<?>> rows(String... lines) {
        List<List<?>> rows = new java.util.ArrayList<>();
        for (String line : lines) {
            rows.add(java.util.Arrays.stream(line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1))
                    .map(cell -> cell.replace("\"", "")).toList());
        }
        return rows;
    }
}
