package org.provincial.reporting.feedback;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.pipeline.PipelineRunner;
import org.provincial.reporting.pipeline.RunHistory;
import org.provincial.reporting.pipeline.RunSummary;
import org.provincial.reporting.storage.ReportingHome;
import org.provincial.reporting.support.Ids;
import org.provincial.reporting.support.ReportingTest;
import org.provincial.reporting.support.SubmissionFiles;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Feedback to a local-directory source, where one submitter's feedback directory cannot be created. */
@ReportingTest
class FeedbackUploadFailureTests {

    static final String PERIOD = "2035-02";
    static final List<String> HEADER = List.of("行政区划代码", "身份证号", "姓名", "慰问对象类别", "慰问日期", "慰问金额（元）");

    @Autowired
    PipelineRunner runner;

    @Autowired
    RunHistory history;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ReportingHome home;

    @Test
    void completesTheJobRecordsTheFailedUploadAsPendingAndUploadsItOnRequest(@TempDir Path temp) throws Exception {
        Path source = temp.resolve("source");
        for (String submitter : List.of("650202", "650203")) {
            SubmissionFiles.csv(source.resolve(submitter).resolve(submitter + "_visits_" + PERIOD + ".csv"), List.of(
                    HEADER, List.of(submitter, Ids.residentId(submitter, LocalDate.of(1970, 1, 1), 1), "张三",
                            "困难职工", PERIOD + "-03", "500")));
        }
        // a file where 独山子区's feedback directory should go
        Files.writeString(source.resolve("650203").resolve("feedback"), "not a directory");
        Path out = temp.resolve("out");

        RunSummary summary = runner.startAndWait("650000", PERIOD, List.of(SourceLocation.parse(source.toString())), out, 0.5);

        assertThat(summary.status()).isEqualTo("COMPLETED");
        assertThat(source.resolve("650202/feedback/650202-" + PERIOD + ".xlsx")).isNotEmptyFile();
        assertThat(out.resolve("feedback/650203-" + PERIOD + ".xlsx")).isNotEmptyFile();
        assertThat(source.resolve("650203/feedback")).isRegularFile();
        assertThat(jdbc.queryForObject("""
                select exit_message from batch_step_execution where job_execution_id = ? and step_name = 'feedback'""",
                String.class, summary.executionId()))
                .contains("无法把 650203 的反馈上传到 " + SourceLocation.parse(source.toString()).masked() + "：");
        String masked = SourceLocation.parse(source.toString()).masked();
        assertThat(summary.pendingUploads()).singleElement().asString().startsWith("650203 → " + masked + ": ");
        assertThat(home.root().resolve("feedback/" + PERIOD + "/650203-" + PERIOD + ".xlsx")).isNotEmptyFile();

        // the admin clears the way and uploads what is pending (feedback --upload, or the run page's button)
        Files.delete(source.resolve("650203").resolve("feedback"));
        FeedbackResult uploaded = runner.uploadPendingFeedback("650000", PERIOD,
                List.of(SourceLocation.parse(source.toString())));

        // the workbook and the same words as text beside it
        assertThat(uploaded.uploaded()).isEqualTo(2);
        assertThat(uploaded.uploadFailures()).isEmpty();
        assertThat(history.pendingUploads("650000", PERIOD)).isEmpty();
        assertThat(source.resolve("650203/feedback/650203-" + PERIOD + ".xlsx")).hasSameBinaryContentAs(
                home.root().resolve("feedback/" + PERIOD + "/650203-" + PERIOD + ".xlsx"));
    }

    @Test
    void failsTheFeedbackStepWhenEveryUploadFailsAndTheNextRunUploadsIt(@TempDir Path temp) throws Exception {
        String period = "2035-03";
        Path source = temp.resolve("source");
        SubmissionFiles.csv(source.resolve("650202").resolve("650202_visits_" + period + ".csv"), List.of(
                HEADER, List.of("650202", Ids.residentId("650202", LocalDate.of(1971, 1, 1), 2), "李四", "困难职工",
                        period + "-03", "300")));
        Files.writeString(source.resolve("650202").resolve("feedback"), "not a directory");
        Path out = temp.resolve("out");

        RunSummary failed = runner.startAndWait("650000", period, List.of(SourceLocation.parse(source.toString())), out, 0.5);

        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.failedStep()).isEqualTo("feedback");
        assertThat(failed.failure()).startsWith("所有反馈都未能上传（1 个）：无法把 650202 的反馈上传到 ")
                .endsWith("或用命令 feedback --upload --province 650000 --period " + period + " 上传");
        assertThat(failed.pendingUploads()).hasSize(1);
        assertThat(failed.rowsAccepted()).isEqualTo(1);

        Files.delete(source.resolve("650202").resolve("feedback"));
        RunSummary next = runner.startAndWait("650000", period, List.of(SourceLocation.parse(source.toString())), out, 0.5);

        assertThat(next.status()).isEqualTo("COMPLETED");
        assertThat(next.pendingUploads()).isEmpty();
        assertThat(source.resolve("650202/feedback/650202-" + period + ".xlsx")).isNotEmptyFile();
    }
}
