package org.provincial.reporting.checks;

import java.time.LocalDate;
import java.util.List;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.provincial.reporting.aggregate.TotalsCalculator;
import org.provincial.reporting.dedup.Deduplicator;
import org.provincial.reporting.privacy.ResidentIdHashes;
import org.provincial.reporting.support.Ids;
import org.provincial.reporting.support.ReportingTest;
import org.provincial.reporting.support.StagedRows;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule of each submission (visit_file_average_amount_band) over files of 广东 (440000) for March 2046 written by
 * hand into the embedded PostgreSQL, then versions, deduplication, totals and checks as a run does them: each counted
 * visits file is judged on its own rows.
 */
@ReportingTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChecksSubmissionTests {

    static final String PROVINCE = "440000";
    static final String PERIOD = "2046-03";
    static final String RULE = "visit_file_average_amount_band";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Deduplicator deduplicator;

    @Autowired
    TotalsCalculator totals;

    @Autowired
    Checks checks;

    @Autowired
    ResidentIdHashes residentIds;

    List<CheckWarning> warnings;

    @BeforeAll
    void checkMarch() {
        StagedRows staged = new StagedRows(jdbc, residentIds);
        // 荔湾区: 50,000.00 typed for 500.00 in one of two visits, an average of 25,250.00 a visit
        long liwan = staged.submission("440103", "visits", PERIOD);
        staged.visit(liwan, 2, "440103", person("440103", 1), "difficult_worker", "2046-03-05", "50000.00");
        staged.visit(liwan, 3, "440103", person("440103", 2), "frontline", "2046-03-06", "500.00");
        // 越秀区: three visits of 300.00 to 2,700.00, within the band
        long yuexiu = staged.submission("440104", "visits", PERIOD);
        staged.visit(yuexiu, 2, "440104", person("440104", 3), "difficult_worker", "2046-03-05", "300.00");
        staged.visit(yuexiu, 3, "440104", person("440104", 4), "model_worker", "2046-03-05", "2700.00");
        staged.visit(yuexiu, 4, "440104", person("440104", 5), "other", "2046-03-07", "1500.00");
        // 海珠区: version 1 averaged 10.00 a visit, version 2 replaces it with 800.00: only the counted file is judged
        long haizhuOld = staged.submission("440105", "visits", PERIOD, 1, "2046-04-01 09:00", "ACCEPTED");
        staged.visit(haizhuOld, 2, "440105", person("440105", 6), "other", "2046-03-08", "10.00");
        long haizhu = staged.submission("440105", "visits", PERIOD, 2, "2046-04-02 09:00", "ACCEPTED");
        staged.visit(haizhu, 2, "440105", person("440105", 6), "other", "2046-03-08", "800.00");
        // 广州市 re-reports 越秀区's 300.00 visit (a copy deduplication leaves out) and adds one of 20.00: its own file
        // averages 160.00 and passes, though the one fact it adds is 20.00
        long guangzhou = staged.submission("440100", "visits", PERIOD);
        staged.visit(guangzhou, 2, "440104", person("440104", 3), "difficult_worker", "2046-03-05", "300.00");
        staged.visit(guangzhou, 3, "440100", person("440100", 7), "frontline", "2046-03-09", "20.00");
        // 天河区: one visit of 60.00, below the band
        long tianhe = staged.submission("440106", "visits", PERIOD);
        staged.visit(tianhe, 2, "440106", person("440106", 8), "other", "2046-03-10", "60.00");
        // 白云区 sends welfare only: not a file the visits rule judges
        long baiyun = staged.submission("440111", "welfare", PERIOD);
        staged.welfare(baiyun, 2, "440111", "W1", "raised", "donation", "10.00", "2046-03-03");

        deduplicator.deduplicate(PROVINCE, PERIOD);
        totals.calculate(PROVINCE, PERIOD);
        checks.check(PROVINCE, PERIOD);
        warnings = checks.find(PROVINCE, PERIOD);
    }

    @Test
    void flagsEachCountedVisitsFileWhoseOwnAverageIsOutsideTheBand() {
        assertThat(warnings).filteredOn(w -> w.ruleId().equals(RULE))
                .extracting(CheckWarning::submitter, CheckWarning::regionCode, CheckWarning::regionName,
                        CheckWarning::importance, CheckWarning::message)
                .containsExactly(
                        Tuple.tuple("440103", "440103", "荔湾区", "中", "440103_visits_2046-03_v1.csv：本文件慰问 2 人次共 "
                                + "50500.00 元，平均每人次不在 100～3000 元之间"),
                        Tuple.tuple("440106", "440106", "天河区", "中", "440106_visits_2046-03_v1.csv：本文件慰问 1 人次共 "
                                + "60.00 元，平均每人次不在 100～3000 元之间"));
        CheckWarning liwan = warnings.stream().filter(w -> w.ruleId().equals(RULE) && "440103".equals(w.submitter()))
                .findFirst().orElseThrow();
        assertThat(liwan.ruleName()).isEqualTo("慰问文件人均金额超出常见范围");
        assertThat(liwan.figures()).containsOnlyKeys("visits.amount_yuan", "visits.person_visits");
        assertThat(liwan.figures().get("visits.amount_yuan")).isEqualByComparingTo("50500.00");
        assertThat(liwan.figures().get("visits.person_visits")).isEqualByComparingTo("2");
    }

    @Test
    void judgesAFileOnItsOwnRowsBeforeDeduplicationAndOnlyTheCountedVersion() {
        // the copy 广州市 re-reported was left out of the facts, yet counts in its own file's average
        assertThat(jdbc.queryForObject("select count(*) from deduplicated_row where province = ? and period = ?",
                Integer.class, PROVINCE, PERIOD)).isEqualTo(1);
        assertThat(warnings).filteredOn(w -> w.ruleId().equals(RULE))
                .extracting(CheckWarning::submitter).doesNotContain("440100", "440104", "440105", "440111");
    }

    @Test
    void asksTheSubmitterAboutItsOwnFilesOnly() {
        assertThat(checks.concerning(PROVINCE, PERIOD, "440103")).extracting(CheckWarning::ruleId, CheckWarning::submitter)
                .containsExactly(Tuple.tuple(RULE, "440103"));
        // 广州市's region figures include 荔湾区's visit of 50,000.00, but that is the region rule's, not its file's
        assertThat(warnings).anyMatch(w -> w.ruleId().equals("visit_average_amount_band") && "440100".equals(w.regionCode()));
        assertThat(checks.concerning(PROVINCE, PERIOD, "440100")).isEmpty();
    }

    @Test
    void leavesTheFiguresAsTheRowsGiveThem() {
        assertThat(jdbc.queryForObject("""
                select value from period_total
                where province = ? and period = ? and dataset = 'visits' and region_code = '440103'
                  and measure = 'amount_yuan' and breakdown = ''
                """, java.math.BigDecimal.class, PROVINCE, PERIOD)).isEqualByComparingTo("50500.00");
    }

    private static String person(String region, int sequence) {
        return Ids.residentId(region, LocalDate.of(1970, 1, 1).plusDays(sequence * 400L), sequence);
    }
}
