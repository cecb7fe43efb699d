package org.provincial.reporting.checks;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.aggregate.TotalsCalculator;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.pipeline.PipelineRunner;
import org.provincial.reporting.pipeline.RunHistory;
import org.provincial.reporting.pipeline.RunSummary;
import org.provincial.reporting.report.ReportPeriod;
import org.provincial.reporting.report.WorkbookWriter;
import org.provincial.reporting.support.DataSheets;
import org.provincial.reporting.support.Ids;
import org.provincial.reporting.support.ReportingTest;
import org.provincial.reporting.support.SubmissionFiles;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.provincial.reporting.support.SubmissionFiles.rows;

/**
 * A real run of 广东 (440000) for January 2049 in which 荔湾区 (440103) disburses 5,000.00 yuan of welfare money but
 * raised only 1,000.00: the rule fires for the county, 广州市 and the province, the figures stay as reported — the same
 * figures and data sheet as the totals give without any check.
 */
@ReportingTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChecksRunTests {

    static final String PROVINCE = "440000";
    static final String PERIOD = "2049-01";

    @Autowired
    PipelineRunner runner;

    @Autowired
    RunHistory history;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Checks checks;

    @Autowired
    TotalsCalculator totalsCalculator;

    @Autowired
    WorkbookWriter workbooks;

    RunSummary summary;

    @BeforeAll
    void run(@TempDir Path temp) throws Exception {
        Path source = temp.resolve("source");
        SubmissionFiles.csv(source.resolve("440103/440103_welfare_2049-01.csv"), rows(
                "行政区划代码,凭证号,收支类型,资金来源,金额（元）,日期",
                "440103,V1,筹集,社会捐赠,1000.00,2049-01-05",
                "440103,V2,发放,社会捐赠,5000.00,2049-01-10"));
        SubmissionFiles.csv(source.resolve("440103/440103_visits_2049-01.csv"), rows(
                "行政区划代码,身份证号,姓名,慰问对象类别,慰问日期,慰问金额（元）",
                "440103," + Ids.residentId("440103", LocalDate.of(1970, 3, 1), 1) + ",张三,困难职工,2049-01-10,500.00",
                "440103," + Ids.residentId("440103", LocalDate.of(1975, 6, 2), 2) + ",李四,快递员,2049-01-11,500.00"));
        summary = runner.startAndWait(PROVINCE, PERIOD, List.of(SourceLocation.parse(source.toString())), temp.resolve("out"), 0.5);
    }

    @Test
    void countsTheWarningsInTheRunSummary() {
        assertThat(summary.completed()).isTrue();
        assertThat(summary.checks()).isEqualTo(new CheckCounts(3, 0, 0));
    }

    @Test
    void listsTheWarningInTheReviewSheetBelowTheConflicts() throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (InputStream in = Files.newInputStream(summary.workbook()); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            Sheet review = workbook.getSheet("复核");
            DataFormatter formatter = new DataFormatter();
            for (Row row : review) {
                List<String> cells = new ArrayList<>();
                row.forEach(cell -> cells.add(formatter.formatCellValue(cell)));
                rows.add(cells);
            }
        }
        assertThat(rows.get(3)).containsExactly("本期没有需要复核的冲突。");
        assertThat(rows).contains(List.of("序号", "重要性", "规则", "地区", "数值", "说明"));
        // the province first, then 广州市, then 荔湾区: regions in code order
        assertThat(rows).contains(List.of("3", "高", "送温暖资金发放超过筹集与上级拨付", "荔湾区（440103）",
                "发放送温暖资金（元）：5000.00；筹集送温暖资金（元）：1000.00；上级工会拨付（元）：0.00",
                "发放 5000.00 元，超过筹集 1000.00 元与上级工会拨付 0.00 元之和"));
        assertThat(rows).anyMatch(row -> row.size() == 6 && row.get(3).equals("广州市（440100）"))
                .anyMatch(row -> row.size() == 6 && row.get(3).equals("广东省（440000）"));
    }

    @Test
    void leavesEveryFigureAsTheTotalsAloneComputeIt(@TempDir Path again) throws IOException {
        List<Map<String, Object>> withChecks = totals();
        List<List<String>> dataWithChecks = DataSheets.read(summary.workbook());
        assertThat(withChecks).contains(Map.of("region_code", "440103", "dataset", "welfare", "measure", "disbursed_yuan",
                "breakdown", "", "value", new BigDecimal("5000.00")));
        // without the checks: no warning, the totals computed again on their own, the workbook written again
        jdbc.update("delete from check_warning where province = ? and period = ?", PROVINCE, PERIOD);
        totalsCalculator.calculate(PROVINCE, PERIOD);
        Path withoutChecks = workbooks.write(ReportPeriod.month(PROVINCE, PERIOD, history.completedPeriods(PROVINCE)), again);
        assertThat(totals()).isEqualTo(withChecks);
        assertThat(DataSheets.read(withoutChecks)).isEqualTo(dataWithChecks);
        // the checks once more over the same figures: the same warnings, the figures untouched
        checks.check(PROVINCE, PERIOD);
        assertThat(totals()).isEqualTo(withChecks);
        assertThat(checks.counts(PROVINCE, PERIOD)).isEqualTo(summary.checks());
    }

    /** Every figure of the period: every region, measure and breakdown. */
    private List<Map<String, Object>> totals() {
        return jdbc.queryForList("""
                select region_code, dataset, measure, breakdown, value from period_total
                where province = ? and period = ?
                order by region_code, dataset, measure, breakdown
                """, PROVINCE, PERIOD);
    }
}
