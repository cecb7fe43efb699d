package org.provincial.reporting.checks;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.pipeline.PipelineRunner;
import org.provincial.reporting.pipeline.RunSummary;
import org.provincial.reporting.privacy.ResidentIdHashes;
import org.provincial.reporting.support.FeedbackFiles;
import org.provincial.reporting.support.Ids;
import org.provincial.reporting.support.ReportingTest;
import org.provincial.reporting.support.StagedRows;
import org.provincial.reporting.support.SubmissionFiles;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.provincial.reporting.support.SubmissionFiles.rows;

/**
 * A real run of 广东 (440000) for July 2045 after three months written by hand: 越秀区 (440104) reported contracts in
 * each of them and none now, disbursed about 1,000.00 of welfare money a month and 5,000.00 now, and sends a visits
 * file of one visit of 50,000.00. Its feedback asks it to verify the three, saying the figures still count; 荔湾区
 * (440103), with nothing of its own to verify, gets no such section.
 */
@ReportingTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChecksFeedbackTests {

    static final String PROVINCE = "440000";
    static final String PERIOD = "2045-07";
    static final List<String> HISTORY = List.of("2045-04", "2045-05", "2045-06");

    @Autowired
    PipelineRunner runner;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ResidentIdHashes residentIds;

    RunSummary summary;

    Path feedback;

    @BeforeAll
    void run(@TempDir Path temp) throws Exception {
        StagedRows staged = new StagedRows(jdbc, residentIds);
        String[] disbursed = {"900.00", "1000.00", "1200.00"};
        for (int i = 0; i < HISTORY.size(); i++) {
            jdbc.update("""
                    insert into period_total (province, period, dataset, region_code, measure, breakdown, value)
                    values (?, ?, 'welfare', '440104', 'disbursed_yuan', '', cast(? as numeric))
                    """, PROVINCE, HISTORY.get(i), disbursed[i]);
            jdbc.update("update submission set counted = true, rows_accepted = 4 where id = ?",
                    staged.submission("440104", "contracts", HISTORY.get(i)));
        }
        Path source = temp.resolve("source");
        SubmissionFiles.csv(source.resolve("440104/440104_visits_2045-07.csv"), rows(
                "行政区划代码,身份证号,姓名,慰问对象类别,慰问日期,慰问金额（元）",
                "440104," + Ids.residentId("440104", LocalDate.of(1968, 2, 3), 1) + ",赵一,困难职工,2045-07-08,50000.00"));
        SubmissionFiles.csv(source.resolve("440104/440104_welfare_2045-07.csv"), rows(
                "行政区划代码,凭证号,收支类型,资金来源,金额（元）,日期",
                "440104,Y1,筹集,社会捐赠,6000.00,2045-07-02",
                "440104,Y2,发放,社会捐赠,5000.00,2045-07-09"));
        SubmissionFiles.csv(source.resolve("440103/440103_visits_2045-07.csv"), rows(
                "行政区划代码,身份证号,姓名,慰问对象类别,慰问日期,慰问金额（元）",
                "440103," + Ids.residentId("440103", LocalDate.of(1971, 4, 5), 2) + ",钱二,快递员,2045-07-10,500.00",
                "440103," + Ids.residentId("440103", LocalDate.of(1980, 8, 9), 3) + ",孙三,一线职工,2045-07-11,600.00"));
        feedback = temp.resolve("out").resolve("feedback");
        summary = runner.startAndWait(PROVINCE, PERIOD, List.of(SourceLocation.parse(source.toString())), temp.resolve("out"), 0.5);
    }

    @Test
    void asksTheSubmitterToVerifyItsFileItsHistoryAndItsSilenceInTheText() throws Exception {
        assertThat(summary.completed()).isTrue();
        List<String> lines = FeedbackFiles.textLines(feedback.resolve("440104-" + PERIOD + ".txt"));
        int heading = lines.indexOf("三、请核实");
        assertThat(heading).as("the section 请核实 of %s", lines).isPositive();
        assertThat(lines.subList(heading, heading + 6)).containsExactly(
                "三、请核实",
                "以下情况与通常不符，请核实。这些只是提示：相关数据仍计入本月汇总，无需为此重新报送；"
                        + "核实后如发现数据确有错误，请按上面的须知报送新版本。",
                "1. 【报送中断】前 3 个月每月都报送了集体合同，本期计入的行数为 0（重要性：高）",
                "2. 【慰问文件人均金额超出常见范围】440104_visits_2045-07.csv：本文件慰问 1 人次共 50000.00 元，"
                        + "平均每人次不在 100～3000 元之间（重要性：中）",
                "3. 【与近几个月相比异常】发放送温暖资金（元）：本期 5000.00，前 3 个月中位数 1000，超过中位数的 3 倍"
                        + "（重要性：中）",
                "");
        assertThat(lines).anyMatch(line -> line.startsWith("本月结论：")
                && line.endsWith("另有 3 条提示请核实（见“三、请核实”），相关数据仍计入汇总。"));
    }

    @Test
    void saysTheSameInTheWorkbooksGuidanceSheet() throws Exception {
        Path workbook = feedback.resolve("440104-" + PERIOD + ".xlsx");
        try (XSSFWorkbook book = FeedbackFiles.open(workbook)) {
            List<String> cells = FeedbackFiles.texts(book.getSheet("说明")).stream()
                    .map(row -> row.isEmpty() ? "" : row.get(0)).toList();
            int heading = cells.indexOf("三、请核实");
            assertThat(heading).isPositive();
            assertThat(cells.subList(heading + 2, cells.size())).containsExactly(
                    "1. 【报送中断】前 3 个月每月都报送了集体合同，本期计入的行数为 0（重要性：高）",
                    "2. 【慰问文件人均金额超出常见范围】440104_visits_2045-07.csv：本文件慰问 1 人次共 50000.00 元，"
                            + "平均每人次不在 100～3000 元之间（重要性：中）",
                    "3. 【与近几个月相比异常】发放送温暖资金（元）：本期 5000.00，前 3 个月中位数 1000，超过中位数的 3 倍"
                            + "（重要性：中）");
        }
        FeedbackFiles.assertTextSaysWhatTheWorkbookSays(workbook, feedback.resolve("440104-" + PERIOD + ".txt"));
    }

    @Test
    void leavesOutTheSectionWhenNothingConcernsTheSubmitter() throws Exception {
        // 荔湾区's region has visit money and no welfare money disbursed: a region rule for the review meeting, not its own
        assertThat(jdbc.queryForObject("""
                select count(*) from check_warning
                where province = ? and period = ? and region_code = '440103' and rule_id = 'visit_money_without_disbursement'
                """, Integer.class, PROVINCE, PERIOD)).isEqualTo(1);
        List<String> lines = FeedbackFiles.textLines(feedback.resolve("440103-" + PERIOD + ".txt"));
        assertThat(lines).doesNotContain("三、请核实").noneMatch(line -> line.contains("请核实"));
    }

    @Test
    void countsTheFiguresItAsksAbout() {
        assertThat(figure("visits", "amount_yuan")).isEqualByComparingTo("50000.00");
        assertThat(figure("welfare", "disbursed_yuan")).isEqualByComparingTo("5000.00");
    }

    private BigDecimal figure(String dataset, String measure) {
        return jdbc.queryForObject("""
                select value from period_total
                where province = ? and period = ? and dataset = ? and region_code = '440104' and measure = ?
                  and breakdown = ''
                """, BigDecimal.class, PROVINCE, PERIOD, dataset, measure);
    }
}
