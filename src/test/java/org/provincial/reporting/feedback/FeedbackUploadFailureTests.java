package org.provincial.reporting.feedback;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.pipeline.PipelineRunner;
import org.provincial.reporting.pipeline.RunSummary;
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
    JdbcTemplate jdbc;

    @Test
    void completesTheJobAndRecordsAFailedUpload(@TempDir Path temp) throws Exception {
        Path source = temp.resolve("source");
        for (String submitter : List.of("650202", "650203")) {
            SubmissionFiles.csv(source.resolve(submitter).resolve(submitter + "_visits_" + PERIOD + ".csv"), List.of(
                    HEADER, List.of(submitter, Ids.residentId(submitter, LocalDate.of(1970, 1, 1), 1), "张三",
                            "困难职工", PERIOD + "-03", "500")));
        }
        // a file where 独山子区's feedback directory should go
        Files.writeString(source.resolve("650203").resolve("feedback"), "not a directory");
        Path out = temp.resolve("out");

        RunSummary summary = runner.run("650000", PERIOD, List.of(SourceLocation.parse(source.toString())), out, 0.5);

        assertThat(summary.status()).isEqualTo("COMPLETED");
        assertThat(source.resolve("650202/feedback/650202-" + PERIOD + ".xlsx")).isNotEmptyFile();
        assertThat(out.resolve("feedback/650203-" + PERIOD + ".xlsx")).isNotEmptyFile();
        assertThat(source.resolve("650203/feedback")).isRegularFile();
        assertThat(jdbc.queryForObject("""
                select exit_message from batch_step_execution where job_execution_id = ? and step_name = 'feedback'""",
                String.class, summary.executionId()))
                .contains("Cannot upload the feedback of 650203 to " + SourceLocation.parse(source.toString()).masked());
    }
}
