package org.provincial.reporting.schedule;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.jobs.JobDefinition;
import org.provincial.reporting.pipeline.PipelineRunner;
import org.provincial.reporting.pipeline.RunSummary;
import org.provincial.reporting.support.DataSheets;
import org.provincial.reporting.support.Ids;
import org.provincial.reporting.support.ReportingTest;
import org.provincial.reporting.support.SubmissionFiles;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.provincial.reporting.support.SubmissionFiles.rows;

/** The range workbooks a job asks for after its run, for 海南 (460000): 秀英区 reports one visit in each of two months. */
@ReportingTest
class ScheduledRangeReportsTests {

    static final String VISITS = "行政区划代码,身份证号,姓名,慰问对象类别,慰问日期,慰问金额（元）";

    @Autowired
    ScheduledRangeReports rangeReports;

    @Autowired
    PipelineRunner runner;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void writesTheCampaignWorkbookNextToTheMonthsOnceTheRunCompleted(@TempDir Path temp) throws Exception {
        Path source = temp.resolve("source");
        Path out = temp.resolve("out");
        String person = Ids.residentId("460105", LocalDate.of(1966, 6, 6), 1);
        RunSummary february = null;
        for (String month : List.of("2043-01", "2043-02")) {
            SubmissionFiles.csv(source.resolve("460105/460105_visits_" + month + ".csv"), rows(VISITS,
                    "460105," + person + ",甲,困难职工," + month + "-08,100.00"));
            february = runner.startAndWait("460000", month, List.of(SourceLocation.parse(source.toString())), out, 0.5);
            assertThat(february.completed()).isTrue();
        }
        JobDefinition job = new JobDefinition("hainan", "460000", List.of(), null, 15, 0.5, null, null, List.of("2043-01", "2043-03"));

        rangeReports.afterRun(job, "2043-02", february.executionId());

        Path campaign = out.resolve("provincial-totals-460000-2043-01_2043-02.xlsx");
        assertThat(campaign).isRegularFile();
        assertThat(DataSheets.read(campaign).get(1)).contains("0:STRING:2043-01/2043-02");
        try (var files = Files.list(out)) {
            assertThat(files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".xlsx")))
                    .containsExactlyInAnyOrder("provincial-totals-460000-2043-01.xlsx",
                            "provincial-totals-460000-2043-02.xlsx", "provincial-totals-460000-2043-01_2043-02.xlsx");
        }
        assertThat(jdbc.queryForList("select detail from audit_event where action = 'report.range'", String.class))
                .contains("460000 2043-01/2043-02 → " + campaign);
    }

    @Test
    void writesNothingAfterARunThatDidNotComplete(@TempDir Path temp) throws Exception {
        RunSummary failed = runner.startAndWait("460000", "2043-05", List.of(SourceLocation.parse(temp.resolve("absent").toString())),
                temp.resolve("out"), 0.5);
        assertThat(failed.completed()).isFalse();
        JobDefinition job = new JobDefinition("hainan", "460000", List.of(), null, 15, 0.5, null, null, List.of("2043-04"));

        rangeReports.afterRun(job, "2043-05", failed.executionId());

        assertThat(temp.resolve("out").resolve("provincial-totals-460000-2043-04_2043-05.xlsx")).doesNotExist();
    }
}
