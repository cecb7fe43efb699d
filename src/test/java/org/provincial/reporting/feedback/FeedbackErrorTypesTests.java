package org.provincial.reporting.feedback;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.pipeline.PipelineRunner;
import org.provincial.reporting.pipeline.RunSummary;
import org.provincial.reporting.support.FeedbackFiles;
import org.provincial.reporting.support.Ids;
import org.provincial.reporting.support.ReportingTest;
import org.provincial.reporting.support.SubmissionFiles;

import org.springframework.beans.factory.annotation.Autowired;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.provincial.reporting.support.FeedbackFiles.guidanceLines;
import static org.provincial.reporting.support.FeedbackFiles.texts;

/**
 * The feedback of a county of 西藏 (540000) whose files hit every rejection code of SPEC §4 and every whole-file
 * code: each is shown with its Chinese error type beside the code, in the workbook and in the text.
 */
@ReportingTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedbackErrorTypesTests {

    static final String PROVINCE = "540000";
    static final String PERIOD = "2036-05";
    static final String COUNTY = "540102";
    static final List<String> VISITS_HEADER = List.of("行政区划代码", "身份证号", "姓名", "慰问对象类别", "慰问日期", "慰问金额（元）");
    static final List<String> SUBSIDIES_HEADER = List.of("行政区划代码", "受助对象证件号", "受助对象名称", "补助项目", "补助金额（元）",
            "发放日期");

    /** Every code of SPEC §4 and of whole files, typed by hand from the wording, not read from the code. */
    static final Map<String, String> TYPES = Map.ofEntries(
            entry("REQUIRED_MISSING", "必填项为空"), entry("REGION_UNKNOWN", "行政区划代码不存在"),
            entry("REGION_OUT_OF_JURISDICTION", "地区不属于本单位"), entry("ID_INVALID", "身份证号错误"),
            entry("CREDIT_CODE_INVALID", "统一社会信用代码错误"), entry("DATE_INVALID", "日期格式错误"),
            entry("DATE_OUT_OF_PERIOD", "日期不在报送月份"), entry("NUMBER_INVALID", "数字格式错误"),
            entry("NEGATIVE", "数值为负或过小"), entry("OVER_CAP", "超过补助上限"), entry("VALUE_UNKNOWN", "填写的值不在可选范围"),
            entry("DUPLICATE_ROW", "重复行"), entry("COLUMN_MISSING", "缺少必填列"), entry("EMPTY", "文件没有数据"),
            entry("TOO_MANY_INVALID", "错误行过多，整份退回"), entry("UNREADABLE", "文件无法读取"),
            entry("NAME_INVALID", "文件名不规范"), entry("SUBMITTER_MISMATCH", "报送单位不符"),
            entry("DUPLICATE_FILE", "重复文件"));

    @Autowired
    PipelineRunner runner;

    Path feedback;
    RunSummary summary;

    @BeforeAll
    void runTheJobOnFilesWithEveryMistake(@TempDir Path temp) throws Exception {
        Path source = temp.resolve("source");
        Path own = source.resolve(COUNTY);
        List<List<?>> visits = new ArrayList<>(List.of(VISITS_HEADER));
        for (int i = 0; i < 14; i++) {
            visits.add(visit(COUNTY, person(i), "困难职工", PERIOD + "-10", "100"));
        }
        visits.add(visit(COUNTY, person(20), "", PERIOD + "-10", "100"));
        visits.add(visit("540199", person(21), "困难职工", PERIOD + "-10", "100"));
        visits.add(visit("540103", person(22), "困难职工", PERIOD + "-10", "100"));
        visits.add(visit(COUNTY, Ids.withWrongCheckCharacter(person(23)), "困难职工", PERIOD + "-10", "100"));
        visits.add(visit(COUNTY, person(24), "困难职工", "2036-13-45", "100"));
        visits.add(visit(COUNTY, person(25), "困难职工", "2036-06-01", "100"));
        visits.add(visit(COUNTY, person(26), "困难职工", PERIOD + "-10", "一百"));
        visits.add(visit(COUNTY, person(27), "困难职工", PERIOD + "-10", "-5"));
        visits.add(visit(COUNTY, person(28), "路过群众", PERIOD + "-10", "100"));
        visits.add(visit(COUNTY, person(0), "困难职工", PERIOD + "-10", "100"));
        Path counted = SubmissionFiles.csv(own.resolve(COUNTY + "_visits_" + PERIOD + ".csv"), visits);
        // v1 over the cap; v2 with two of three rows invalid, rejected whole while v1 stays counted
        SubmissionFiles.csv(own.resolve(COUNTY + "_subsidies_" + PERIOD + ".csv"), List.of(SUBSIDIES_HEADER,
                List.of(COUNTY, person(30), "某甲", "困难职工生活救助", "1000", PERIOD + "-05"),
                List.of(COUNTY, person(31), "某乙", "金秋助学", "2000", PERIOD + "-06"),
                List.of(COUNTY, Ids.creditCode(COUNTY, 1), "某工作室", "创新工作室建设补助", "600000", PERIOD + "-07")));
        SubmissionFiles.csv(own.resolve(COUNTY + "_subsidies_" + PERIOD + "_v2.csv"), List.of(SUBSIDIES_HEADER,
                List.of(COUNTY, person(30), "某甲", "困难职工生活救助", "1000", PERIOD + "-05"),
                List.of(COUNTY, person(31), "某乙", "金秋助学", "2000", "2036-04-30"),
                List.of(COUNTY, person(32), "某丙", "金秋助学", "", PERIOD + "-06")));
        SubmissionFiles.csv(own.resolve(COUNTY + "_contracts_" + PERIOD + ".csv"), List.of(
                List.of("行政区划代码", "统一社会信用代码", "企业名称", "合同类型", "签订日期", "覆盖职工人数"),
                List.of(COUNTY, Ids.creditCode(COUNTY, 2), "甲公司", "综合性", PERIOD + "-03", "50"),
                List.of(COUNTY, Ids.creditCode(COUNTY, 3), "乙公司", "工资专项", PERIOD + "-04", "60"),
                List.of(COUNTY, Ids.withWrongCheckCharacter(Ids.creditCode(COUNTY, 4)), "丙公司", "综合性", PERIOD + "-05", "70")));
        Files.write(own.resolve(COUNTY + "_contracts_" + PERIOD + "_v2.xlsx"), "not a workbook".getBytes());
        SubmissionFiles.csv(own.resolve(COUNTY + "_enterprise_counts_" + PERIOD + ".csv"),
                List.of(List.of("行政区划代码", "应建制企业数")));
        SubmissionFiles.csv(own.resolve(COUNTY + "_welfare_" + PERIOD + ".csv"), List.of(
                List.of("行政区划代码", "收支类型", "资金来源", "金额（元）", "日期"),
                List.of(COUNTY, "筹集", "省总工会", "1000", PERIOD + "-02")));
        Files.copy(counted, own.resolve(COUNTY + "_visits_" + PERIOD + "_v1.csv"));
        Files.copy(counted, own.resolve("城关区5月慰问表.csv"));
        Files.copy(counted, own.resolve("540103_visits_" + PERIOD + ".csv"));
        Path out = temp.resolve("out");

        summary = runner.startAndWait(PROVINCE, PERIOD, List.of(SourceLocation.parse(source.toString())), out, 0.5);
        feedback = out.resolve("feedback");
    }

    @Test
    void completesTheRun() {
        assertThat(summary.status()).isEqualTo("COMPLETED");
        assertThat(summary.filesReceived()).isEqualTo(10);
    }

    @Test
    void showsEveryCodeWithItsChineseErrorTypeBesideIt() throws Exception {
        Set<String> codes = new TreeSet<>();
        try (XSSFWorkbook workbook = FeedbackFiles.open(feedback.resolve(COUNTY + "-" + PERIOD + ".xlsx"))) {
            List<List<String>> rows = texts(workbook.getSheet("退回明细"));
            assertThat(rows.get(0).subList(3, 5)).containsExactly("错误类型", "代码");
            for (List<String> row : rows.subList(1, rows.size())) {
                assertThat(row.get(3)).as(row.get(4)).isEqualTo(TYPES.get(row.get(4)));
                codes.add(row.get(4));
            }
        }
        assertThat(codes).isEqualTo(TYPES.keySet());
        String text = String.join("\n", FeedbackFiles.textLines(feedback.resolve(COUNTY + "-" + PERIOD + ".txt")));
        TYPES.forEach((code, type) -> assertThat(text).contains(type + "（" + code + "）"));
    }

    @Test
    void listsTheRowsOfEachFileByRowNumberAfterItsWholeFileReasons() throws Exception {
        try (XSSFWorkbook workbook = FeedbackFiles.open(feedback.resolve(COUNTY + "-" + PERIOD + ".xlsx"))) {
            List<String> visits = texts(workbook.getSheet("退回明细")).stream()
                    .filter(row -> row.get(0).equals(COUNTY + "_visits_" + PERIOD + ".csv")
                            || row.get(0).equals(COUNTY + "_visits_" + PERIOD + "_v1.csv"))
                    .map(row -> row.get(1) + " " + row.get(4)).toList();
            List<String> rows = visits.stream().filter(row -> !row.startsWith("整份文件")).toList();
            assertThat(rows).containsExactly("16 REQUIRED_MISSING", "17 REGION_UNKNOWN", "18 REGION_OUT_OF_JURISDICTION",
                    "19 ID_INVALID", "20 DATE_INVALID", "21 DATE_OUT_OF_PERIOD", "22 NUMBER_INVALID", "23 NEGATIVE",
                    "24 VALUE_UNKNOWN", "25 DUPLICATE_ROW");
            List<String> subsidies = texts(workbook.getSheet("退回明细")).stream()
                    .filter(row -> row.get(0).equals(COUNTY + "_subsidies_" + PERIOD + "_v2.csv"))
                    .map(row -> row.get(1) + " " + row.get(4)).toList();
            assertThat(subsidies).containsExactly("整份文件 TOO_MANY_INVALID", "3 DATE_OUT_OF_PERIOD",
                    "4 REQUIRED_MISSING");
        }
    }

    @Test
    void saysWhatToDoForFilesRejectedWhole() throws Exception {
        List<String> lines = guidanceLines(feedback.resolve(COUNTY + "-" + PERIOD + ".xlsx"));
        assertThat(lines).contains(
                "补助|540102_subsidies_2036-05_v2.csv|整份退回|整份未采用：共 3 行数据，其中 2 行有误（占 66.7%），超过 50% 的上限，"
                        + "整个文件未被采用；请按逐行说明修正后重新报送；本月仍采用此前的 540102_subsidies_2036-05.csv"
                        + "|按上述原因改正后，把本月全部数据存为 540102_subsidies_2036-05_v3.csv 重新报送",
                "补助|540102_subsidies_2036-05.csv|部分行被退回|共 3 行，采用 2 行，退回 1 行（见“退回明细”）"
                        + "；其后的 540102_subsidies_2036-05_v2.csv 被整份退回，本月仍采用本文件"
                        + "|改正“退回明细”中的 1 行，连同已采用的 2 行，把本月全部数据存为 540102_subsidies_2036-05_v3.csv 重新报送",
                "应建制企业数|540102_enterprise_counts_2036-05.csv|整份退回|整份未采用：文件没有数据行；本月此项数据未计入"
                        + "|按上述原因改正后，把本月全部数据存为 540102_enterprise_counts_2036-05_v2.csv 重新报送");
        assertThat(lines).anyMatch(line -> line.startsWith(
                "集体合同|540102_contracts_2036-05_v2.xlsx|整份退回|整份未采用：文件无法读取") && line.endsWith(
                "；本月仍采用此前的 540102_contracts_2036-05.csv|按上述原因改正后，把本月全部数据存为 540102_contracts_2036-05_v3.xlsx 重新报送"));
        assertThat(lines).anyMatch(line -> line.startsWith("送温暖资金|540102_welfare_2036-05.csv|整份退回|整份未采用：缺少必填列“凭证号”")
                && line.endsWith("；本月此项数据未计入|按上述原因改正后，把本月全部数据存为 540102_welfare_2036-05_v2.csv 重新报送"));
        assertThat(lines).anyMatch(line -> line.matches("慰问\\|540102_visits_2036-05(_v1)?\\.csv\\|重复文件\\|.*\\|无需处理"));
        assertThat(lines).anyMatch(line -> line.startsWith("其他文件|540103_visits_2036-05.csv|报送单位不符|")
                && line.endsWith("|放到本单位目录 /540102/ 下，或更正文件名中的单位代码后重新上传"));
        FeedbackFiles.assertTextSaysWhatTheWorkbookSays(feedback.resolve(COUNTY + "-" + PERIOD + ".xlsx"),
                feedback.resolve(COUNTY + "-" + PERIOD + ".txt"));
    }

    private static List<?> visit(String region, String id, String category, String date, String amount) {
        return List.of(region, id, "某人", category, date, amount);
    }

    private static String person(int sequence) {
        return Ids.residentId(COUNTY, LocalDate.of(1970, 1, 1).plusDays(sequence * 37L), sequence);
    }
}
