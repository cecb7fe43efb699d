package org.provincial.reporting.checks;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.provincial.reporting.privacy.ResidentIdHashes;
import org.provincial.reporting.support.ReportingTest;
import org.provincial.reporting.support.StagedRows;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outliers and silent submitters over six months of 广东 (440000) totals written by hand, January to June 2047, against
 * July 2047: medians computed by hand.
 */
@ReportingTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChecksHistoryTests {

    static final String PROVINCE = "440000";
    static final String PERIOD = "2047-07";
    static final List<String> HISTORY = List.of("2047-01", "2047-02", "2047-03", "2047-04", "2047-05", "2047-06");

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Checks checks;

    @Autowired
    ResidentIdHashes residentIds;

    List<CheckWarning> warnings;

    @BeforeAll
    void checkJuly() {
        // 荔湾区: visits around 3,000 a month (median 3,000), then 30,000: a column pasted twice
        String[] visits = {"3000", "3100", "2900", "3050", "2950", "3000"};
        // visit money 6,000.00 a month (median 6,000), then 1,500.00: below a third
        // welfare disbursed around 1,000.00 (median 1,000), then 2,500.00: within three times
        String[] disbursed = {"900.00", "1100.00", "1000.00", "1000.00", "950.00", "1050.00"};
        for (int i = 0; i < HISTORY.size(); i++) {
            total(HISTORY.get(i), "440103", "visits", "person_visits", visits[i]);
            total(HISTORY.get(i), "440103", "visits", "amount_yuan", "6000.00");
            total(HISTORY.get(i), "440103", "welfare", "disbursed_yuan", disbursed[i]);
        }
        total(PERIOD, "440103", "visits", "person_visits", "30000");
        total(PERIOD, "440103", "visits", "amount_yuan", "1500.00");
        total(PERIOD, "440103", "welfare", "disbursed_yuan", "2500.00");
        // 越秀区: only two months of history, then ten times as many visits: too little history to judge
        total("2047-05", "440104", "visits", "person_visits", "100");
        total("2047-06", "440104", "visits", "person_visits", "100");
        total(PERIOD, "440104", "visits", "person_visits", "1000");

        StagedRows staged = new StagedRows(jdbc, residentIds);
        for (String month : HISTORY) {
            // 海珠区 reported visits every month and nothing in July; 白云区 too, and again in July
            counted(staged.submission("440105", "visits", month), 12);
            counted(staged.submission("440111", "visits", month), 7);
        }
        counted(staged.submission("440111", "visits", PERIOD), 5);
        // 天河区 missed January: not every month, so its silence in July is not flagged
        HISTORY.subList(1, 6).forEach(month -> counted(staged.submission("440106", "visits", month), 3));

        checks.check(PROVINCE, PERIOD);
        warnings = checks.find(PROVINCE, PERIOD);
    }

    @Test
    void flagsAFigureAboveThreeTimesAndBelowAThirdOfItsSixMonthMedian() {
        assertThat(warnings).filteredOn(w -> w.ruleId().equals(Checks.OUTLIER))
                .extracting(CheckWarning::regionCode, CheckWarning::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("440103", "慰问金额（元）：本期 1500.00，前 6 个月中位数 6000，不到中位数的 1/3"),
                        org.assertj.core.groups.Tuple.tuple("440103", "慰问人次：本期 30000，前 6 个月中位数 3000，超过中位数的 3 倍"));
        CheckWarning pasted = warnings.stream()
                .filter(w -> w.ruleId().equals(Checks.OUTLIER) && w.message().contains("30000")).findFirst().orElseThrow();
        assertThat(pasted.importance()).isEqualTo("中");
        assertThat(pasted.regionName()).isEqualTo("荔湾区");
        assertThat(pasted.figures()).containsOnlyKeys("visits.person_visits", "median");
        assertThat(pasted.figures().get("visits.person_visits")).isEqualByComparingTo("30000");
        assertThat(pasted.figures().get("median")).isEqualByComparingTo("3000");
    }

    @Test
    void leavesAFigureWithinItsBandOrWithTooLittleHistoryUnflagged() {
        assertThat(warnings).filteredOn(w -> w.ruleId().equals(Checks.OUTLIER))
                .noneMatch(w -> w.figures().containsKey("welfare.disbursed_yuan"))
                .noneMatch(w -> "440104".equals(w.regionCode()));
    }

    @Test
    void flagsOnlyASubmitterThatReportedEveryMonthAndNothingNow() {
        assertThat(warnings).filteredOn(w -> w.ruleId().equals(Checks.SILENT_SUBMITTER))
                .extracting(CheckWarning::submitter, CheckWarning::importance, CheckWarning::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("440105", "高", "前 6 个月每月都报送了慰问，本期计入的行数为 0"));
    }

    private void total(String period, String region, String dataset, String measure, String value) {
        jdbc.update("""
                insert into period_total (province, period, dataset, region_code, measure, breakdown, value)
                values (?, ?, ?, ?, ?, '', cast(? as numeric))
                """, PROVINCE, period, dataset, region, measure, value);
    }

    private void counted(long submission, int rows) {
        jdbc.update("update submission set counted = true, rows_accepted = ? where id = ?", rows, submission);
    }
}
